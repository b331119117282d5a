/**
 * The Bolt app: HTTP mode (signing secret, POST /slack/events) or Socket Mode (app token), chosen by
 * configuration, with GET /healthz in both. Start-up is: build, register listeners, start.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, SocketModeReceiver } from "@slack/bolt";
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
  const boltLogger = slackLogger(logger);
  const apiUrlOption = () => (config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {});
  const common = {
    token: config.slackBotToken,
    logger: boltLogger,
    clientOptions: apiUrlOption(),
    // auth.test runs in init(), so a bad token is reported clearly instead of on the first event
    deferInitialization: true,
    // no listener keeps conversation state: skip Bolt's per-request conversation-store middleware
    convoStore: false as const,
  };
  // Socket Mode: our own receiver (so stop() can await the socket's closing handshake) without Bolt's
  // HTTP server, which would neither report the port it bound nor a listen error; /healthz gets its own.
  // Its client options are a separate object because the socket client writes its retry policy into them.
  const receiver =
    mode === "socket" && config.slackAppToken
      ? new SocketModeReceiver({
          appToken: config.slackAppToken,
          logger: boltLogger,
          installerOptions: { clientOptions: apiUrlOption() },
        })
      : undefined;
  const app = receiver
    ? new App({ ...common, receiver })
    : new App({ ...common, customRoutes, signingSecret: config.slackSigningSecret, port });

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

  if (!receiver) {
    const server = (await app.start(port).catch((error: Error) => {
      throw portError(port, "/slack/events and /healthz", error);
    })) as Server;
    const boundPort = (server.address() as AddressInfo).port;
    logger.info({ mode, port: boundPort }, "Slack app started in HTTP mode");
    return {
      app,
      mode,
      port: boundPort,
      stop: once(async () => {
        await app.stop();
      }),
    };
  }

  const health = await listen(routesServer(customRoutes), port);
  try {
    await app.start();
  } catch (error) {
    await close(health);
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new SlackStartError(
      `Slack refused the Socket Mode connection (${code}): check SLACK_APP_TOKEN (xapp-…, Basic Information > App-Level Tokens, scope connections:write) and that Socket Mode is enabled for the app`,
      { cause: error },
    );
  }
  const boundPort = (health.address() as AddressInfo).port;
  logger.info({ mode, port: boundPort }, "Slack app started in Socket Mode");
  return {
    app,
    mode,
    port: boundPort,
    stop: once(async () => {
      // resolves once the closing handshake is done, so no socket or timer outlives stop()
      await receiver.client.disconnect();
      await close(health);
    }),
  };
}

/** A plain HTTP server for the custom routes (GET /healthz) in Socket Mode. */
function routesServer(routes: CustomRoute[]): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find(
      (r) => r.path === path && [r.method].flat().some((m) => m.toUpperCase() === req.method?.toUpperCase()),
    );
    if (route) {
      route.handler(Object.assign(req, { params: {} }), res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

/** Binds the port; a taken port rejects (SlackStartError) instead of crashing the process later. */
function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(portError(port, "/healthz", error));
    server.once("error", onError);
    server.listen(port, () => {
      server.off("error", onError);
      resolve(server);
    });
  });
}

function portError(port: number, routes: string, error: Error): SlackStartError {
  return new SlackStartError(
    `could not listen on port ${port} for ${routes} (${error.message}): set PORT to a free port`,
    { cause: error },
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** stop() may be called twice (a signal during shutdown, a test's cleanup): the second call awaits the first. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
}
