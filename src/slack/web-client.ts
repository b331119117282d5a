/**
 * How the bot talks to Slack's Web API: bounded retries and a timeout on every call (the client's default is ten
 * retries in about thirty minutes and no timeout; response_url answers get the timeout too), and the start-up check
 * of the bot token, done here with a short policy instead of by Bolt (whose auth.test in init() goes through the
 * default policy: ~30 min against a Slack that does not answer). Calls that create something (chat.postMessage) are
 * never repeated once Slack may have received them (SlackWebClient). Used by the Bolt app (src/slack/app.ts) and
 * the jobs' client (src/service/runtime.ts).
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

/**
 * fetch with a timeout for requests that bring none: Bolt's respond() (response_url) goes through the client
 * options' fetch without a signal, so a response_url that never answers would hold a listener for ever.
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** WebClient options for SLACK_API_URL, with the bounded policy unless told otherwise. */
export function slackClientOptions(
  config: Config,
  logger: Logger,
  policy: { retryConfig?: webApi.RetryOptions; timeout?: number } = {},
): webApi.WebClientOptions {
  const timeout = policy.timeout ?? SLACK_TIMEOUT_MS;
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    logger: slackLogger(logger),
    retryConfig: policy.retryConfig ?? SLACK_RETRY,
    timeout,
    fetch: fetchWithTimeout(timeout),
  };
}

/**
 * Methods that create something each time they are called. Slack's Web API has no idempotency key: repeating one
 * after a lost answer (HTTP 500, a reset connection, a timeout) posts the message twice.
 */
const NOT_IDEMPOTENT = new Set(["chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage", "chat.meMessage"]);

/** The request never reached Slack (refused, unknown host, TLS handshake, a port fetch blocks): safe to repeat. */
function neverDelivered(error: unknown): boolean {
  const kind = networkFailure(error)?.kind;
  return kind === "refused" || kind === "unknown_host" || kind === "tls" || kind === "bad_port";
}

const isRateLimited = (error: unknown): error is webApi.WebAPIRateLimitedError =>
  (error as { code?: string })?.code === webApi.ErrorCode.RateLimitedError;

/**
 * Whether Slack may have carried out a call that failed: true for an HTTP error (5xx), a reset connection, a timeout
 * or an unreadable answer; false when Slack said no (`ok:false`), rate-limited it, or was never reached.
 */
export function outcomeUnknown(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code === webApi.ErrorCode.PlatformError || isRateLimited(error)) return false;
  return !neverDelivered(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Web API client of the jobs: idempotent calls retry as configured; the NOT_IDEMPOTENT ones go through a twin
 * that makes one attempt and repeats it only when Slack certainly did not act on it (HTTP 429, which Slack answers
 * before doing anything, honouring Retry-After; a connection that was never made). Any other failure is the
 * caller's to resolve (src/schedule/post-once.ts looks the message up before posting again).
 */
export class SlackWebClient extends webApi.WebClient {
  private readonly singleAttempt: webApi.WebClient;
  private readonly retry: webApi.RetryOptions;

  constructor(token: string | undefined, options: webApi.WebClientOptions = {}) {
    super(token, options);
    this.retry = options.retryConfig ?? SLACK_RETRY;
    this.singleAttempt = new webApi.WebClient(token, {
      ...options,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    if (!NOT_IDEMPOTENT.has(method)) return super.apiCall(method, options);
    const retries = this.retry.retries ?? 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.singleAttempt.apiCall(method, options);
      } catch (error) {
        if (attempt >= retries || !(isRateLimited(error) || neverDelivered(error))) throw error;
        const backoff = Math.min((this.retry.minTimeout ?? 500) * (this.retry.factor ?? 2) ** attempt, 30_000);
        await sleep(isRateLimited(error) ? error.retryAfter * 1000 : backoff);
      }
    }
  }
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
