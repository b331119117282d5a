/**
 * `engagement-bot start`: the Slack app, the schedules (sync, weekly digest, pace check) and a first
 * sync right away. SIGTERM/SIGINT stop everything cleanly and exit 0 within 10 s.
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
import { Ledger } from "../store/ledger.js";
import { EXIT } from "./exit-codes.js";
import { reportFailure } from "./fail.js";
import { jobDepsFromRuntime } from "./job-deps-from-runtime.js";

/** The process must be gone within 10 s of SIGTERM (container runtimes then SIGKILL). */
const SHUTDOWN_DEADLINE_MS = 9_500;

export async function runStart(config: Config, logger: Logger): Promise<number> {
  // listen first: a SIGTERM during start-up still ends in a clean stop, not the default kill
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  let runtime: ReturnType<typeof openRuntime> | undefined;
  try {
    runtime = openRuntime(config, logger);
    const rt = runtime;
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
    });
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
