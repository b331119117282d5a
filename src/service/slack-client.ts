/** The Web API client the scheduled jobs and the CLI post with (the Bolt app has its own for listeners). */
import { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import { type Logger, slackLogger } from "../log.js";

export function createSlackClient(config: Config, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.slackBotToken, {
    slackApiUrl: config.slackApiUrl,
    logger: slackLogger(logger),
    // @slack/web-api honours Retry-After on 429; a few retries keep a digest from failing on a blip
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  });
}
