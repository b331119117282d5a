/**
 * `engagement-bot start`: the Slack app, the schedules (sync, weekly digest, pace check) and a first
 * sync right away; with replicas on PostgreSQL, the schedules and that sync run on the one leader
 * (src/store/leadership.ts) while every replica answers Slack. SIGTERM/SIGINT at any moment (start-up included) stop everything cleanly and exit 0 within
 * 10 s; Slack unreachable at start-up is exit 1 within 30 s (src/slack/web-client.ts).
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { startScheduler } from "../schedule/scheduler.js";
import { resolveChannelId } from "../schedule/slack-channel.js";
import type { Runtime } from "../service/runtime.js";
import type { RunningSlackApp } from "../slack/app.js";
import type { StartupPolicy } from "../slack/web-client.js";
import { EXIT } from "./exit-codes.js";
import { handleProcessFaults } from "./process-faults.js";
import { runVerb } from "./run-verb.js";
import { listenForStop } from "./stop-signal.js";

/** The process must be gone within 10 s of SIGTERM (container runtimes then SIGKILL). */
const SHUTDOWN_DEADLINE_MS = 9_500;

export interface StartOptions {
  /** resolves on SIGTERM/SIGINT; main.ts starts listening before anything slow */
  stopSignal?: Promise<NodeJS.Signals>;
  /** the start-up token check's policy (tests shorten it) */
  startupPolicy?: StartupPolicy;
}

export function runStart(config: Config, logger: Logger, options: StartOptions = {}): Promise<number> {
  // listen first: a signal during start-up still ends in a clean stop, not the default kill or a swallowed signal
  const stopSignal = options.stopSignal ?? listenForStop();
  // a stray rejection is logged, not the end of the bot; an uncaught throw is logged, then exit 1
  handleProcessFaults(logger);
  return runVerb("start", async (open) => {
    if (config.databasePathIgnored) {
      logger.info(
        { databasePath: config.databasePath },
        "DATABASE_URL and DATABASE_PATH are both set: the store is the PostgreSQL database of DATABASE_URL; DATABASE_PATH is ignored",
      );
    }
    const runtime = await open(config, logger);
    const startUp = runtime.startSlackApp(options.startupPolicy ? { startupPolicy: options.startupPolicy } : {});
    const first = await Promise.race([
      startUp.then((app) => ({ app, signal: null })),
      stopSignal.then((signal) => ({ app: null, signal })),
    ]);
    if (first.app === null) {
      // Nothing is posted or scheduled yet: leave at once (a half-done start-up may still hold a request open).
      startUp.then((app) => app.stop()).catch(() => undefined);
      logger.info({ signal: first.signal }, "stopped during start-up");
      await runtime.close();
      setImmediate(() => process.exit(EXIT.ok)).unref();
      return EXIT.ok;
    }
    return runUntilStopped(runtime, first.app, stopSignal);
  });
}

/** The app is up: learn the channel, sync once, run the schedules until SIGTERM/SIGINT, then stop within 10 s. */
async function runUntilStopped(
  runtime: Runtime,
  app: RunningSlackApp,
  stopSignal: Promise<NodeJS.Signals>,
): Promise<number> {
  const { config, logger } = runtime;
  // learn DIGEST_CHANNEL's ID early: mutes are kept per channel ID (the Home tab asks by the configured name)
  void resolveChannelId(runtime.slack(), config.digestChannel).catch((error: unknown) =>
    logger.warn({ err: error, channel: config.digestChannel }, "could not resolve DIGEST_CHANNEL yet"),
  );
  // fresh numbers at start (on the leader: with replicas, only it syncs and posts), then the schedules
  const scheduler = startScheduler(runtime.jobs(), { leadership: runtime.leadership(), syncAtStart: true });

  const signal = await stopSignal;
  logger.info({ signal }, "shutting down");
  const deadline = setTimeout(() => {
    logger.warn("shutdown took too long: exiting now");
    process.exit(EXIT.ok);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await scheduler.stop();
  await app.stop();
  await runtime.close();
  logger.info("stopped");
  // open sockets (Socket Mode, keep-alive agents) must not keep the process up
  setImmediate(() => process.exit(EXIT.ok)).unref();
  return EXIT.ok;
}
