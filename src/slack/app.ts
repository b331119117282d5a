/**
 * The Bolt app: HTTP mode (signing secret, POST /slack/events) or Socket Mode (app token), chosen by
 * configuration, with GET /healthz in both. Start-up is: build, register listeners, start.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { type Config, requireSlack, type SlackMode } from "../config.js";
import { type Logger, slackLogger } from "../log.js";
import { healthRoute } from "./health-route.js";
import { registerListeners } from "./listeners/index.js";
import type { BotServices } from "./services.js";

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  services: BotServices;
  /** override config.port (tests pass 0 for a free port) */
  port?: number;
  /** extra /healthz fields */
  health?: () => Record<string, unknown>;
}

export interface RunningSlackApp {
  app: App;
  mode: SlackMode;
  /** the HTTP port actually bound (/slack/events in HTTP mode, /healthz in both) */
  port: number;
  stop(): Promise<void>;
}

/** Thrown when Slack refuses the token at start-up (auth.test), with the next step for the operator. */
export class SlackStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SlackStartError";
  }
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, logger } = options;
  const mode = requireSlack(config, "receive");
  const port = options.port ?? config.port;
  const customRoutes = [healthRoute({ details: options.health })];
  const common = {
    token: config.slackBotToken,
    logger: slackLogger(logger),
    clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {},
    customRoutes,
    // auth.test runs in init(), so a bad token is reported clearly instead of on the first event
    deferInitialization: true,
    // no listener keeps conversation state: skip Bolt's per-request conversation-store middleware
    convoStore: false as const,
  };
  const app =
    mode === "socket"
      ? new App({ ...common, socketMode: true, appToken: config.slackAppToken, port })
      : new App({ ...common, signingSecret: config.slackSigningSecret, port });

  try {
    await app.init();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new SlackStartError(
      `Slack refused the bot token (${code}): check SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions page) and that the app is installed in the workspace`,
      { cause: error },
    );
  }

  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  registerListeners(app, options.services);

  let boundPort = port;
  if (mode === "http") {
    const server = (await app.start(port)) as Server;
    boundPort = (server.address() as AddressInfo).port;
  } else {
    await app.start();
  }
  logger.info({ mode, port: boundPort }, `Slack app started in ${mode === "socket" ? "Socket Mode" : "HTTP mode"}`);

  return {
    app,
    mode,
    port: boundPort,
    stop: async () => {
      await app.stop();
    },
  };
}
