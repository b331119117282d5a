/** The Web API client the scheduled jobs and the CLI post with (the Bolt app has its own for listeners). */
import type { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { SlackWebClient, slackClientOptions } from "../slack/web-client.js";

export function createSlackClient(config: Config, logger: Logger): webApi.WebClient {
  // bounded retries (429 honours Retry-After), no blind repeat of a post, a timeout per call: src/slack/web-client.ts
  return new SlackWebClient(config.slackBotToken, slackClientOptions(config, logger));
}
