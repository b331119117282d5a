/**
 * The three schedules of `engagement-bot start`: SYNC_CRON, DIGEST_CRON and PACE_CRON in TIMEZONE (node-cron).
 * A job never overlaps itself (node-cron's noOverlap plus an in-flight guard that also covers catch-up and
 * runNow); every run is logged with its duration and outcome, and the start logs once when (and where) the next
 * digest and pace check post. At start, a digest missed while the bot was down is posted if its week is still the
 * current one; a run due before the schedules ever ran on this store (a first start) is not "missed". stop() lets a running job finish for a few seconds, then
 * abandons it: an abandoned digest or alert holds only a ledger claim, which expires, so nothing posts twice.
 * With replicas on one database, the jobs run only while this process leads (src/store/leadership.ts): a standby's
 * schedules skip every run, and on becoming the leader it does what a start does (the start-up sync, the catch-up).
 */
import { createTask, type ScheduledTask } from "node-cron";
import type { Logger } from "../log.js";
import { DAY_MS, isoWeekKey } from "../metrics/calendar.js";
import type { DigestOutcome } from "../model/job-outcomes.js";
import { type Leadership, soleLeadership } from "../store/leadership.js";
import { formatRunTime, nextRunsFrom, runsBetween } from "./cron-times.js";
import { postWeeklyDigest } from "./digest-job.js";
import { DEFAULT_CLAIM_TTL_MS, type JobDeps, type SyncResult } from "./job-deps.js";
import { checkPace } from "./pace-job.js";

export type JobName = "sync" | "digest" | "pace";

export interface SchedulerOptions {
  /** default SYNC_CRON, DIGEST_CRON and PACE_CRON of deps.config (tests pass quiet ones) */
  crons?: Record<JobName, string>;
  /** how long stop() waits for a running job; default 8 s (the process must exit within 10 s) */
  stopTimeoutMs?: number;
  /** post a missed digest of the current week at start (if the schedules already ran before it); default true */
  catchUp?: boolean;
  /** whether this process runs the jobs now; default soleLeadership() (it always does) */
  leadership?: Leadership;
  /** sync at once on leading (`start`'s start-up sync); default false */
  syncAtStart?: boolean;
}

export interface Scheduler {
  /** the next `count` run times of each job, from deps.now() */
  nextRuns(count: number): Record<JobName, Date[]>;
  /** runs a job now (as the cron would); resolves null when that job is already running */
  runNow(job: JobName): Promise<unknown>;
  /**
   * the start-up catch-up (on a standby: when it first leads): the digest outcome, or null when no digest was
   * missed (or the scheduler stopped before this process led)
   */
  readonly catchUp: Promise<DigestOutcome | null>;
  stop(): Promise<void>;
}

const JOBS: readonly JobName[] = ["sync", "digest", "pace"];
const DEFAULT_STOP_TIMEOUT_MS = 8_000;
/** a claim left by a crashed instance may still hold at start: catch-up looks again this many times */
const CATCH_UP_RETRIES = 3;

/** Whether the run is a success for the log line, and its one-word outcome. */
function describeRun(job: JobName, result: unknown): { ok: boolean; outcome: string } {
  if (job === "sync") {
    const sync = result as SyncResult;
    return { ok: sync.ok, outcome: sync.ok ? "ok" : "failed" };
  }
  const kind = (result as { kind: string }).kind;
  return { ok: kind !== "failed" && kind !== "unconfirmed", outcome: kind };
}

/** The last scheduled digest time in the current ISO week that has already passed, if any. */
export function missedDigestTime(expression: string, timeZone: string, nowMs: number): Date | null {
  const period = isoWeekKey(nowMs, timeZone);
  const runs = runsBetween(expression, timeZone, nowMs - 8 * DAY_MS, nowMs).filter(
    (run) => isoWeekKey(run.getTime(), timeZone) === period,
  );
  return runs.at(-1) ?? null;
}

const cronLogger = (logger: Logger) => ({
  info: (message: string) => logger.info(message),
  warn: (message: string) => logger.warn(message),
  error: (message: string | Error) => logger.error({ err: message }, String(message)),
  debug: (message: string | Error) => logger.debug(String(message)),
});

/** The one start line: the schedules, and when (and where) the next digest and pace check post. */
function logNextRuns(log: Logger, crons: Record<JobName, string>, timezone: string, from: Date, channel: string) {
  const [nextDigest] = nextRunsFrom(crons.digest, timezone, from, 1);
  const [nextPace] = nextRunsFrom(crons.pace, timezone, from, 1);
  const when = (at: Date | undefined) => (at ? formatRunTime(at, timezone) : "never");
  log.info(
    {
      ...Object.fromEntries(JOBS.map((job) => [job, `${crons[job]} (${timezone})`])),
      nextDigestAt: nextDigest?.toISOString() ?? null,
      nextPaceCheckAt: nextPace?.toISOString() ?? null,
      channel,
    },
    `schedules started: next digest ${when(nextDigest)} to ${channel}; next pace check ${when(nextPace)}`,
  );
}

/** stop(): lets the running jobs finish for up to `timeoutMs`, then abandons them. */
async function finishRunning(inFlight: Map<JobName, Promise<unknown>>, timeoutMs: number, log: Logger) {
  const running = [...inFlight.entries()];
  if (running.length === 0) {
    log.info("schedules stopped");
    return;
  }
  let timeout: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    Promise.allSettled(running.map(([, run]) => run)).then(() => true),
    new Promise<boolean>((resolve) => {
      timeout = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timeout);
  if (finished) log.info({ jobs: running.map(([job]) => job) }, "schedules stopped after the running jobs finished");
  else log.warn({ jobs: [...inFlight.keys()] }, "schedules stopped: abandoning jobs still running");
}

export function startScheduler(deps: JobDeps, options: SchedulerOptions = {}): Scheduler {
  const { config } = deps;
  const log = deps.logger.child({ component: "scheduler" });
  const timezone = config.timezone;
  const crons = options.crons ?? { sync: config.syncCron, digest: config.digestCron, pace: config.paceCron };
  const inFlight = new Map<JobName, Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const leadership = options.leadership ?? soleLeadership();
  let stopped = false;

  const jobs: Record<JobName, () => Promise<unknown>> = {
    sync: () => deps.sync(),
    digest: () => postWeeklyDigest(deps),
    pace: () => checkPace(deps),
  };

  const runJob = (job: JobName): Promise<unknown> => {
    if (stopped) return Promise.resolve(null);
    if (!leadership.isLeader()) {
      log.debug({ job }, `${job} job skipped: another replica leads the schedules`);
      return Promise.resolve(null);
    }
    if (inFlight.has(job)) {
      log.warn({ job }, `${job} job is still running: this run is skipped`);
      return Promise.resolve(null);
    }
    const started = Date.now();
    const run = jobs[job]()
      .then((result) => {
        const { ok, outcome } = describeRun(job, result);
        const line = { job, durationMs: Date.now() - started, outcome, result };
        if (ok) log.info(line, `${job} job finished: ${outcome}`);
        else log.error(line, `${job} job finished: ${outcome}`);
        return result;
      })
      .catch((error: unknown) => {
        log.error({ job, durationMs: Date.now() - started, outcome: "error", err: error }, `${job} job failed`);
        return null;
      })
      .finally(() => inFlight.delete(job));
    inFlight.set(job, run);
    return run;
  };

  const tasks: ScheduledTask[] = JOBS.map((job) => {
    const task = createTask(crons[job], () => runJob(job), {
      timezone,
      noOverlap: true,
      name: `engagement-bot ${job}`,
      logger: cronLogger(log),
    });
    task.start();
    return task;
  });
  const startedAt = deps.now();
  logNextRuns(log, crons, timezone, startedAt, config.digestChannel);

  // Since when this store's schedules run: a digest due before then was never the bot's to post.
  const since = deps.ledger.schedulesSince(startedAt.getTime()).catch((error: unknown) => {
    // a read-only store still answers from its data; it just cannot remember this start
    log.warn({ err: error }, "could not record when the schedules started: no digest catch-up this time");
    return startedAt.getTime();
  });

  const catchUpOnce = async (attempt: number): Promise<DigestOutcome | null> => {
    const nowMs = deps.now().getTime();
    const missed = missedDigestTime(crons.digest, timezone, nowMs);
    if (stopped || !missed) return null;
    if (missed.getTime() < (await since)) {
      if (attempt === 0)
        log.info(
          { scheduledAt: missed.toISOString() },
          "first start on this store: this week's digest time has passed, the first digest is the next scheduled one",
        );
      return null;
    }
    if (await deps.ledger.postedDigest(isoWeekKey(nowMs, timezone))) return null;
    log.info({ scheduledAt: missed.toISOString() }, "the digest of this week was missed: posting it now");
    const outcome = (await runJob("digest")) as DigestOutcome | null;
    if (outcome?.kind === "in_progress" && attempt < CATCH_UP_RETRIES && !stopped && leadership.isLeader()) {
      // Maybe a claim left by a crash: look again once it has expired.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, deps.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS);
        timer.unref();
        timers.add(timer);
      });
      return catchUpOnce(attempt + 1);
    }
    return outcome;
  };
  let firstCatchUp: (outcome: DigestOutcome | null) => void = () => undefined;
  const catchUp = new Promise<DigestOutcome | null>((resolve) => {
    firstCatchUp = resolve;
  });
  /** Becoming the leader (at start, or taking over from one that went away): what a start does. */
  const lead = () => {
    if (stopped) return;
    if (options.syncAtStart) void runJob("sync");
    const outcome =
      options.catchUp === false
        ? Promise.resolve(null)
        : catchUpOnce(0).catch((error: unknown) => {
            log.error({ err: error }, "digest catch-up failed");
            return null;
          });
    void outcome.then(firstCatchUp);
    firstCatchUp = () => undefined;
  };
  const stopFollowing = leadership.onChange((leading) => {
    if (leading) lead();
  });
  if (leadership.isLeader()) lead();

  return {
    nextRuns: (count) => {
      const from = deps.now();
      return {
        sync: nextRunsFrom(crons.sync, timezone, from, count),
        digest: nextRunsFrom(crons.digest, timezone, from, count),
        pace: nextRunsFrom(crons.pace, timezone, from, count),
      };
    },
    runNow: runJob,
    catchUp,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      stopFollowing();
      firstCatchUp(null);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const task of tasks) await task.destroy();
      await finishRunning(inFlight, options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS, log);
    },
  };
}
