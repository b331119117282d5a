/**
 * Starts the real bot (Bolt app in HTTP mode, real store, real GitLab client) against the local fakes:
 * the fake Slack Web API, a response_url sink and (optionally) the sandbox GitLab. Tests talk to it over HTTP
 * exactly as Slack would. With `socketMode: true` the bot runs in Socket Mode instead and connects to a
 * fake Socket Mode WebSocket (`bot.socket`), which then carries the envelopes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, parseConfig } from "../../src/config.js";
import { storeAlertSettings } from "../../src/schedule/alert-settings.js";
import { openRuntime, type Runtime, type RuntimeOptions } from "../../src/service/runtime.js";
import { type RunningSlackApp, startSlackApp } from "../../src/slack/app.js";
import type { BotServices } from "../../src/slack/services.js";
import { Ledger } from "../../src/store/ledger.js";
import { type CapturedLog, captureLog } from "./capture-log.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fake-socket-mode.js";
import { ResponseSink } from "./response-sink.js";
import {
  blockActionBody,
  buttonClickPayload,
  eventBody,
  postSigned,
  type SlackHttpReply,
  slashCommandBody,
  viewSubmissionPayload,
} from "./slack-requests.js";

export const SIGNING_SECRET = "test-signing-secret";
export const BOT_TOKEN = "xoxb-test-0000-bot-token";
export const APP_TOKEN = "xapp-1-A0ENGAGE01-0000-test-app-token";

export interface TestBotOptions {
  /** extra configuration (raw env strings) */
  env?: Record<string, string>;
  /** GitLab base URL (the sandbox's); default an unroutable local port, so no test reaches the internet */
  gitlabUrl?: string;
  /** prepare the store before the app starts (e.g. load fixtures) */
  seed?: (runtime: Runtime) => void | Promise<void>;
  runtime?: RuntimeOptions;
  slack?: FakeSlack;
  /** run in Socket Mode (SLACK_APP_TOKEN, no signing secret) against a fake Socket Mode server */
  socketMode?: boolean;
  /** the HTTP port (/slack/events, /healthz); default 0, a free one */
  port?: number;
}

export interface TestBot {
  url: string;
  config: Config;
  slack: FakeSlack;
  /** the fake Socket Mode server the bot connected to (socketMode only) */
  socket: FakeSocketMode | undefined;
  sink: ResponseSink;
  log: CapturedLog;
  runtime: Runtime;
  services: BotServices;
  app: RunningSlackApp;
  dir: string;
  /** POSTs a signed /engagement command; response_url points at the sink */
  command(
    text: string,
    fields?: { channel_id?: string; user_id?: string; response_url?: string },
  ): Promise<SlackHttpReply>;
  /** POSTs a signed button click */
  click(actionId: string, value: string, options?: { responseUrl?: string; userId?: string }): Promise<SlackHttpReply>;
  /** POSTs a signed view_submission of `view` (as views.open received it) with the given field values */
  submitView(
    view: Record<string, unknown>,
    values: Record<string, Record<string, Record<string, unknown>>>,
    options?: { userId?: string },
  ): Promise<SlackHttpReply>;
  /** POSTs a signed Events API event (a fresh event_id unless given; `retryNum`: Slack's X-Slack-Retry-Num) */
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<SlackHttpReply>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), "eb-bot-"));
  const slack = options.slack ?? (await startFakeSlack());
  const sink = await new ResponseSink().start();
  const log = captureLog("debug");
  const socket = options.socketMode ? await startFakeSocketMode() : undefined;
  if (socket) slack.socketModeUrl = socket.url;
  const config = parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: slack.apiUrl,
    GITLAB_URL: options.gitlabUrl ?? "http://127.0.0.1:9",
    DATABASE_PATH: join(dir, "engagement.db"),
    ...options.env,
  });
  const runtime = await openRuntime(config, log.logger, {
    gitlab: { requestTimeoutMs: 2_000, maxTotalMs: 3_000, retryBaseMs: 10 },
    ...options.runtime,
  });
  await options.seed?.(runtime);
  // DIGEST_CHANNEL's ID as `start` learns it from conversations.list, here read off the fake's directory
  const alerts = storeAlertSettings(new Ledger(runtime.store), {
    channel: config.digestChannel,
    resolveChannelId: (channel) => slack.resolveChannel(channel),
  });
  const services = runtime.botServices(alerts);
  let app: RunningSlackApp;
  try {
    app = await startSlackApp({ services, port: options.port ?? 0 });
  } catch (error) {
    // a failed start (the tests of start-up errors) must not leave servers open and the test process hanging
    await socket?.close();
    await runtime.close();
    await sink.stop();
    if (!options.slack) await slack.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${app.port}`;
  return {
    url,
    config,
    slack,
    socket,
    sink,
    log,
    runtime,
    services,
    app,
    dir,
    command: (text, fields = {}) => {
      counter += 1;
      return postSigned(
        `${url}/slack/events`,
        slashCommandBody({
          text,
          response_url: fields.response_url ?? sink.url(`commands/T0001/${counter}/r`),
          ...fields,
        }),
        { secret: SIGNING_SECRET },
      );
    },
    click: (actionId, value, clickOptions = {}) => {
      counter += 1;
      return postSigned(
        `${url}/slack/events`,
        blockActionBody(
          buttonClickPayload({
            actionId,
            value,
            userId: clickOptions.userId,
            responseUrl: clickOptions.responseUrl ?? sink.url(`actions/T0001/${counter}/r`),
          }),
        ),
        { secret: SIGNING_SECRET },
      );
    },
    submitView: (view, values, submitOptions = {}) =>
      postSigned(`${url}/slack/events`, blockActionBody(viewSubmissionPayload({ view, values, ...submitOptions })), {
        secret: SIGNING_SECRET,
      }),
    event: (event, eventOptions = {}) =>
      postSigned(`${url}/slack/events`, eventBody(event, eventOptions.eventId), {
        secret: SIGNING_SECRET,
        contentType: "application/json",
        ...(eventOptions.retryNum === undefined
          ? {}
          : {
              headers: { "x-slack-retry-num": String(eventOptions.retryNum), "x-slack-retry-reason": "http_timeout" },
            }),
      }),
    stop: async () => {
      await app.stop();
      await socket?.close();
      await runtime.close();
      await sink.stop();
      if (!options.slack) await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
