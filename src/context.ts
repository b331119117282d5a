/**
 * What every part of the running bot shares, declared once: the configuration, the logger, the clock and when data
 * counts as stale. The composition root (src/service/runtime.ts) builds it once per process; the listeners'
 * BotServices (src/slack/services.ts) and the jobs' JobDeps (src/schedule/job-deps.ts) extend it.
 */
import type { Config } from "./config.js";
import type { Logger } from "./log.js";

export interface BotContext {
  config: Config;
  logger: Logger;
  /** the clock: every "now" of the bot comes from here (tests pin it) */
  now(): Date;
  /** data older than this gets a warning: two periods of SYNC_CRON (src/service/stale-after.ts) */
  staleAfterMs: number;
}
