/**
 * How the bot talks to Slack's Web API: bounded retries and a timeout on every call (the client's default is ten
 * retries in about thirty minutes and no timeout), and the start-up check of the bot token, done here with a short
 * policy instead of by Bolt (whose auth.test in init() goes through the default policy: ~30 min against a Slack
 * that does not answer). Used by the Bolt app (src/slack/app.ts) and the jobs' client (src/service/runtime.ts).
 */
import { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import { type Logger, slackLogger } from "../log.js";
import { networkFailure } from "../network-failure.js";

/** Listeners and jobs: a few retries keep a digest from failing on a blip (429 honours Retry-After). */
export const SLACK_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };
/** One Web API call (connect, answer, body). */
export const SLACK_TIMEOUT_MS = 15_000;

export interface StartupPolicy {
  /** retries after the first attempt; default 2 (1 s, then 2 s apart) */
  retries: number;
  /** one attempt; default 5 s */
  timeoutMs: number;
  /** first wait between attempts; default 1 s */
  minTimeoutMs: number;
}

/** At most 3 attempts of 5 s plus 3 s of waiting: start-up gives up well within 30 s. */
export const STARTUP_POLICY: StartupPolicy = { retries: 2, timeoutMs: 5_000, minTimeoutMs: 1_000 };

/** Thrown when Slack refuses the token or cannot be reached at start-up, with the next step for the operator. */
export class SlackStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SlackStartError";
  }
}

/** WebClient options for SLACK_API_URL, with the bounded policy unless told otherwise. */
export function slackClientOptions(
  config: Config,
  logger: Logger,
  policy: { retryConfig?: webApi.RetryOptions; timeout?: number } = {},
): webApi.WebClientOptions {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    logger: slackLogger(logger),
    retryConfig: policy.retryConfig ?? SLACK_RETRY,
    timeout: policy.timeout ?? SLACK_TIMEOUT_MS,
  };
}

/** SLACK_API_URL as messages show it: the configured one, or Slack's own. */
const apiUrlText = (config: Config): string =>
  config.slackApiUrl
    ? `SLACK_API_URL ${config.slackApiUrl}`
    : "Slack's Web API https://slack.com/api/ (SLACK_API_URL unset)";

/** The bot's ids from auth.test (absent for a token that is not a bot's: Bolt then looks them up itself). */
export interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

/**
 * auth.test with the start-up policy. Resolves the bot's ids (so Bolt need not call auth.test again); rejects with
 * a SlackStartError naming SLACK_BOT_TOKEN when Slack refuses the token, or SLACK_API_URL and the cause when Slack
 * cannot be reached (connection refused, unknown host, TLS, timeout) or does not answer as Slack.
 */
export async function verifyBotToken(
  config: Config,
  logger: Logger,
  policy: StartupPolicy = STARTUP_POLICY,
): Promise<BotIdentity> {
  const client = new webApi.WebClient(
    config.slackBotToken,
    slackClientOptions(config, logger, {
      retryConfig: { retries: policy.retries, factor: 2, minTimeout: policy.minTimeoutMs, randomize: false },
      timeout: policy.timeoutMs,
    }),
  );
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === webApi.ErrorCode.PlatformError) {
      const slackError = (error as webApi.WebAPIPlatformError).data.error;
      throw new SlackStartError(
        `Slack refused the bot token (${slackError}): check SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions page) and that the app is installed in the workspace`,
        { cause: error },
      );
    }
    const attempts = `${policy.retries + 1} attempts`;
    if (code === webApi.ErrorCode.HTTPError) {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      throw new SlackStartError(
        `Slack did not answer auth.test at ${apiUrlText(config)} (HTTP ${status}, ${attempts}): check SLACK_API_URL, or try again if Slack is having an outage`,
        { cause: error },
      );
    }
    const cause = networkFailure(error)?.text ?? (error instanceof Error ? error.message : String(error));
    throw new SlackStartError(
      `cannot reach Slack at ${apiUrlText(config)} (${cause}, ${attempts}): check SLACK_API_URL and the network (proxy, DNS, firewall)`,
      { cause: error },
    );
  }
  return {
    ...(result.user_id ? { botUserId: result.user_id } : {}),
    ...(result.bot_id ? { botId: result.bot_id } : {}),
  };
}
