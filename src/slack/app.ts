/**
 * The Bolt app: HTTP mode (signing secret, POST /slack/events) or Socket Mode (app token), chosen by
 * configuration, with GET /healthz in both. Start-up is: build, register listeners, start.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { requireSlack, type SlackMode } from "../config.js";
import { slackLogger } from "../log.js";
import { healthRoute } from "./health-route.js";
import { registerListeners } from "./listeners/index.js";
import { guardEvents, guardSocketEnvelopes, MAX_EVENT_BODY_BYTES } from "./request-guard.js";
import type { BotServices } from "./services.js";
import { SlackStartError, type StartupPolicy, slackClientOptions, verifyBotToken } from "./web-client.js";

export interface SlackAppOptions {
  /** what the listeners use; the configuration and the logger come with it */
  services: BotServices;
  /** override config.port (tests pass 0 for a free port) */
  port?: number;
  /** extra /healthz fields */
  health?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** how long the start-up token check may take (tests shorten it) */
  startupPolicy?: StartupPolicy;
}

export interface RunningSlackApp {
  app: App;
  mode: SlackMode;
  /** the HTTP port actually bound (/slack/events in HTTP mode, /healthz in both) */
  port: number;
  stop(): Promise<void>;
}

/** apps.connections.open (Socket Mode) per call. */
const SOCKET_TIMEOUT_MS = 10_000;

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, logger } = options.services;
  const mode = requireSlack(config, "receive");
  const port = options.port ?? config.port;
  const customRoutes = [healthRoute({ details: options.health })];
  const boltLogger = slackLogger(logger);
  // Our own auth.test, with a short policy: Bolt's would retry for ~30 min against a Slack that does not answer.
  const identity = await verifyBotToken(config, logger, options.startupPolicy);
  const common = {
    token: config.slackBotToken,
    ...identity,
    // verified above; Bolt then needs no auth.test of its own
    tokenVerificationEnabled: false,
    logger: boltLogger,
    clientOptions: slackClientOptions(config, logger),
    deferInitialization: true,
    // no listener keeps conversation state: skip Bolt's per-request conversation-store middleware
    convoStore: false as const,
  };
  // Socket Mode: our own receiver (so stop() can await the socket's closing handshake) without Bolt's
  // HTTP server, which would neither report the port it bound nor a listen error; /healthz gets its own.
  // Its client options are a separate object without a retry policy: the socket client writes its own
  // (many quick retries, for reconnecting) into them; the timeout still bounds each call.
  const receiver =
    mode === "socket" && config.slackAppToken
      ? new SocketModeReceiver({
          appToken: config.slackAppToken,
          logger: boltLogger,
          installerOptions: {
            clientOptions: {
              ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
              timeout: SOCKET_TIMEOUT_MS,
            },
          },
        })
      : undefined;
  if (receiver) guardSocketEnvelopes(receiver.client, logger);
  const app = new App({ ...common, receiver: receiver ?? httpReceiver(options, customRoutes, port) });
  // with the token verified, init() only sets up authorization (no network)
  await app.init();

  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  registerListeners(app, options.services);

  if (!receiver) {
    const server = (await app.start(port).catch((error: Error) => {
      throw portError(port, "/slack/events and /healthz", error);
    })) as Server;
    return running(app, mode, server, logger, async () => {
      await app.stop();
    });
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
  return running(app, mode, health, logger, async () => {
    // resolves once the closing handshake is done, so no socket or timer outlives stop()
    await receiver.client.disconnect();
    await close(health);
  });
}

/**
 * HTTP mode's receiver: Bolt's, with bodies over MAX_EVENT_BODY_BYTES refused before they are read whole (Bolt's
 * default is 4 MB, read before the signature check) and payloads Bolt would crash on answered 400 (request-guard.ts).
 */
function httpReceiver(options: SlackAppOptions, customRoutes: CustomRoute[], port: number): HTTPReceiver {
  const { config, logger } = options.services;
  const signingSecret = config.slackSigningSecret ?? "";
  const receiver = new HTTPReceiver({
    signingSecret,
    customRoutes,
    port,
    logger: slackLogger(logger),
    bodyLimit: MAX_EVENT_BODY_BYTES,
  });
  receiver.requestListener = guardEvents(receiver.requestListener, { signingSecret, logger });
  return receiver;
}

/** The started app, logged once with the port it listens on; stop() runs `stop` once, however often it is called. */
function running(
  app: App,
  mode: RunningSlackApp["mode"],
  server: Server,
  logger: BotServices["logger"],
  stop: () => Promise<void>,
): RunningSlackApp {
  const port = (server.address() as AddressInfo).port;
  logger.info({ mode, port }, `Slack app started in ${mode === "http" ? "HTTP mode" : "Socket Mode"}`);
  return { app, mode, port, stop: once(stop) };
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
