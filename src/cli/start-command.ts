/**
 * `engagement-bot start`: the Slack app, the schedules (sync, weekly digest, pace check) and a first
 * sync right away. SIGTERM/SIGINT at any moment (start-up included) stop everything cleanly and exit 0 within
 * 10 s; Slack unreachable at start-up is exit 1 within 30 s (src/slack/web-client.ts).
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { storeAlertSettings } from "../schedule/alert-settings.js";
import { startScheduler } from "../schedule/scheduler.js";
import { cachedChannelId, resolveChannelId } from "../schedule/slack-channel.js";
import { createBotServices } from "../service/bot-services.js";
import { openRuntime } from "../service/runtime.js";
import { createSlackClient } from "../service/slack-client.js";
import { startSlackApp } from "../slack/app.js";
import type { StartupPolicy } from "../slack/web-client.js";
import { Ledger } from "../store/ledger.js";
import { EXIT } from "./exit-codes.js";
import { reportFailure } from "./fail.js";
import { jobDepsFromRuntime } from "./job-deps-from-runtime.js";
import { listenForStop } from "./stop-signal.js";

/** The process must be gone within 10 s of SIGTERM (container runtimes then SIGKILL). */
const SHUTDOWN_DEADLINE_MS = 9_500;

export interface StartOptions {
  /** resolves on SIGTERM/SIGINT; main.ts starts listening before anything slow */
  stopSignal?: Promise<NodeJS.Signals>;
  /** the start-up token check's policy (tests shorten it) */
  startupPolicy?: StartupPolicy;
}

export async function runStart(config: Config, logger: Logger, options: StartOptions = {}): Promise<number> {
  // listen first: a signal during start-up still ends in a clean stop, not the default kill or a swallowed signal
  const stopSignal = options.stopSignal ?? listenForStop();
  let runtime: ReturnType<typeof openRuntime> | undefined;
  try {
    runtime = openRuntime(config, logger);
    const rt = runtime;
    const startUp = (async () => {
      const slack = createSlackClient(config, logger);
      const ledger = new Ledger(rt.store);
      const alerts = storeAlertSettings(ledger, {
        channel: config.digestChannel,
        resolveChannelId: (channel) => cachedChannelId(slack, channel),
      });
      const app = await startSlackApp({
        config,
        logger,
        services: createBotServices(rt, alerts),
        health: () => ({ dataAsOf: rt.store.lastSuccessfulSyncAt(), syncing: rt.syncs.running }),
        ...(options.startupPolicy ? { startupPolicy: options.startupPolicy } : {}),
      });
      return { app, slack, ledger };
    })();
    const first = await Promise.race([
      startUp.then((started) => ({ started, signal: null })),
      stopSignal.then((signal) => ({ started: null, signal })),
    ]);
    if (first.started === null) {
      // Nothing is posted or scheduled yet: leave at once (a half-done start-up may still hold a request open).
      startUp.then((started) => started.app.stop()).catch(() => undefined);
      logger.info({ signal: first.signal }, "stopped during start-up");
      rt.close();
      runtime = undefined;
      setImmediate(() => process.exit(EXIT.ok)).unref();
      return EXIT.ok;
    }
    const { app, slack, ledger } = first.started;
    // learn DIGEST_CHANNEL's ID early: mutes are kept per channel ID (the Home tab asks by the configured name)
    void resolveChannelId(slack, config.digestChannel).catch((error: unknown) =>
      logger.warn({ err: error, channel: config.digestChannel }, "could not resolve DIGEST_CHANNEL yet"),
    );
    // fresh numbers at start; the scheduled sync takes over from here
    void rt.syncs.sync().catch((error: unknown) => logger.error({ err: error }, "start-up sync failed"));
    const scheduler = startScheduler({
      ...jobDepsFromRuntime(rt, { slack, ledger }),
      crons: { sync: config.syncCron, digest: config.digestCron, pace: config.paceCron },
      timezone: config.timezone,
    });

    const signal = await stopSignal;
    logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      logger.warn("shutdown took too long: exiting now");
      process.exit(EXIT.ok);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await scheduler.stop();
    await app.stop();
    rt.close();
    runtime = undefined;
    logger.info("stopped");
    // open sockets (Socket Mode, keep-alive agents) must not keep the process up
    setImmediate(() => process.exit(EXIT.ok)).unref();
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, "start");
  } finally {
    runtime?.close();
  }
}
