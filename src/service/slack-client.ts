/** The Web API client the scheduled jobs and the CLI post with (the Bolt app has its own for listeners). */
import { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { slackClientOptions } from "../slack/web-client.js";

export function createSlackClient(config: Config, logger: Logger): webApi.WebClient {
  // bounded retries (429 honours Retry-After) and a timeout per call: see src/slack/web-client.ts
  return new webApi.WebClient(config.slackBotToken, slackClientOptions(config, logger));
}
