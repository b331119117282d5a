import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { DEFAULTS } from "../../src/config.js";
import type { SyncResult } from "../../src/schedule/job-deps.js";
import {
  missedDigestTime,
  type Scheduler,
  type SchedulerOptions,
  startScheduler,
} from "../../src/schedule/scheduler.js";
import type { Leadership } from "../../src/store/leadership.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";
import { startFakeSlack } from "../support/fake-slack.js";
import {
  type Clock,
  closeSandbox,
  freshDatabase,
  type Instance,
  instance,
  TIMEZONE,
  testClock,
  topPosts,
} from "./job-harness.js";

const DEFAULT_CRONS = { sync: DEFAULTS.SYNC_CRON, digest: DEFAULTS.DIGEST_CRON, pace: DEFAULTS.PACE_CRON };
// Jobs the real clock will not fire while a test runs (the digest cron stays: catch-up reads it).
const QUIET_CRONS = { sync: "0 0 1 1 *", digest: DEFAULTS.DIGEST_CRON, pace: "0 0 1 1 *" };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(closeSandbox);

async function setUp(clock: Clock = testClock()) {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.stop());
  const db = await freshDatabase();
  let n = 0;
  const open = async (extra: Partial<Parameters<typeof instance>[0]> = {}): Promise<Instance> => {
    const created = await instance({ ...db, fake, clock, owner: `test-host:${++n}`, ...extra });
    cleanups.push(() => created.close());
    return created;
  };
  const start = (bot: Instance, options: Partial<SchedulerOptions> = {}): Scheduler => {
    const scheduler = startScheduler(bot.deps, { crons: QUIET_CRONS, ...options });
    cleanups.push(() => scheduler.stop());
    return scheduler;
  };
  return { fake, db, clock, open, start };
}

test("nextRuns: the three jobs from the injected clock, across the spring DST change", async () => {
  const { open, start } = await setUp(testClock(new Date("2026-03-28T12:00:00Z")));
  const scheduler = start(await open(), { crons: DEFAULT_CRONS, catchUp: false });
  const runs = scheduler.nextRuns(2);
  assert.deepEqual(
    runs.digest.map((d) => d.toISOString()),
    ["2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"],
  );
  assert.deepEqual(
    runs.pace.map((d) => d.toISOString()),
    ["2026-03-29T08:00:00.000Z", "2026-03-30T08:00:00.000Z"],
  );
  assert.deepEqual(
    runs.sync.map((d) => d.toISOString()),
    ["2026-03-28T12:15:00.000Z", "2026-03-28T12:30:00.000Z"],
  );
});

/** The schedules of this store first ran last week: Monday's digest was missed while the bot was down. */
const ranLastWeek = async (bot: Instance): Promise<Instance> => {
  await bot.deps.ledger.schedulesSince(Date.parse("2026-03-12T12:00:00Z"));
  return bot;
};

test("first start on a store whose schedules never ran: no 'missed' digest, the next one is logged once", async () => {
  // Wednesday of W12: Monday's 09:00 digest has passed, but the bot was not running then.
  const { fake, open, start } = await setUp();
  const bot = await open({ env: { DIGEST_CHANNEL: "#my-test-channel" } });
  const first = start(bot);
  assert.equal(await first.catchUp, null);
  await first.stop();
  assert.equal(topPosts(fake).length, 0, "nothing is posted on a first start");
  const lines = bot.log.entries().filter((e) => String(e.msg).includes("next digest"));
  assert.equal(lines.length, 1, "the next digest is logged once");
  assert.match(
    String(lines[0]?.msg),
    /next digest Mon 23 Mar 09:00 Europe\/Amsterdam to #my-test-channel; next pace check Fri 1 Jan 00:00 Europe\/Amsterdam/,
  );

  // a restart the same week still owes nothing: the schedules started after Monday's digest time
  const second = start(await open());
  assert.equal(await second.catchUp, null);
  assert.equal(topPosts(fake).length, 0);
});

test("catch-up: a digest missed this week is posted at start, once, and not again after a restart", async () => {
  const { fake, open, start } = await setUp();
  const first = start(await ranLastWeek(await open()));
  const outcome = await first.catchUp;
  assert.equal(outcome?.kind, "posted");
  assert.equal(outcome?.period, "2026-W12");
  await first.stop();

  const second = start(await open());
  assert.equal(await second.catchUp, null);
  assert.equal(topPosts(fake).length, 1);
});

test("no digest for a past week: before this week's scheduled time, last week's missed digest is not posted", async () => {
  // Monday 2026-03-23 08:30 CET: the W13 digest is due at 09:00; the W12 one was never posted.
  const { fake, open, start } = await setUp(testClock(new Date("2026-03-23T07:30:00Z")));
  const bot = await open();
  assert.equal(missedDigestTime(DEFAULTS.DIGEST_CRON, TIMEZONE, Date.parse("2026-03-23T07:30:00Z")), null);
  const scheduler = start(bot);
  assert.equal(await scheduler.catchUp, null);
  assert.equal(topPosts(fake).length, 0);
  assert.equal(await bot.deps.ledger.postedDigest("2026-W12"), null);
  assert.equal(
    missedDigestTime(DEFAULTS.DIGEST_CRON, TIMEZONE, Date.parse("2026-03-23T08:00:01Z"))?.toISOString(),
    "2026-03-23T08:00:00.000Z",
  );
});

test("a crash between claim and post is recovered at the next start: the claim expires, the digest posts once", async () => {
  // A clock that runs with real time, so the claim really expires while catch-up waits.
  const base = Date.parse("2026-03-18T12:00:00Z");
  const started = Date.now();
  const clock: Clock = { ...testClock(), now: () => new Date(base + (Date.now() - started)) };
  const { fake, db, open, start } = await setUp(clock);
  const dead = await Store.open(db.path);
  await new Ledger(dead).claimDigest("2026-W12", { owner: "dead-host:1", nowMs: base, ttlMs: 300 });
  await dead.close();

  const scheduler = start(await ranLastWeek(await open({ claimTtlMs: 300 })));
  const outcome = await scheduler.catchUp;
  assert.equal(outcome?.kind, "posted");
  assert.equal(topPosts(fake).length, 1);
});

test("a job never overlaps itself, and each run is logged with its duration and outcome", async () => {
  const { open, start } = await setUp();
  let syncs = 0;
  let release: (value: SyncResult) => void = () => undefined;
  const bot = await open({
    sync: () => {
      syncs += 1;
      return new Promise<SyncResult>((resolve) => {
        release = resolve;
      });
    },
  });
  const scheduler = start(bot, { catchUp: false });
  const first = scheduler.runNow("sync");
  assert.equal(await scheduler.runNow("sync"), null, "the second run is skipped while the first runs");
  release({ ok: false, error: "GitLab answered 503" });
  assert.deepEqual(await first, { ok: false, error: "GitLab answered 503" });
  assert.equal(syncs, 1);
  const line = bot.log.entries().find((e) => e.job === "sync" && typeof e.durationMs === "number");
  assert.equal(line?.outcome, "failed");
  assert.equal(line?.level, 50);
  assert.ok(bot.log.entries().some((e) => e.msg === "sync job is still running: this run is skipped"));
});

test("stop() waits for a running job to finish", async () => {
  const { open, start } = await setUp();
  let finished = false;
  const bot = await open({
    sync: () =>
      new Promise<SyncResult>((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve({ ok: true });
        }, 100),
      ),
  });
  const scheduler = start(bot, { catchUp: false });
  const run = scheduler.runNow("sync");
  await scheduler.stop();
  assert.equal(finished, true);
  assert.deepEqual(await run, { ok: true });
  assert.equal(await scheduler.runNow("sync"), null, "a stopped scheduler runs nothing");
});

test("stop() abandons a job that does not finish in time", async () => {
  const { open, start } = await setUp();
  const bot = await open({ sync: () => new Promise<SyncResult>(() => undefined) });
  const scheduler = start(bot, { catchUp: false, stopTimeoutMs: 200 });
  void scheduler.runNow("sync");
  await scheduler.stop();
  assert.ok(bot.log.entries().some((e) => e.msg === "schedules stopped: abandoning jobs still running"));
});

/** A leadership the test hands over and takes back (the real one, on PostgreSQL: test/store/leadership.test.ts). */
function handedLeadership(leading = false) {
  const listeners = new Set<(leading: boolean) => void>();
  const leadership: Leadership = {
    isLeader: () => leading,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => undefined,
  };
  const set = (value: boolean) => {
    leading = value;
    for (const listener of listeners) listener(value);
  };
  return { leadership, set };
}

test("a standby runs no job; on becoming the leader it syncs, catches up, and runs the jobs until it steps down", async () => {
  const { fake, open, start } = await setUp();
  let syncs = 0;
  const bot = await ranLastWeek(
    await open({
      sync: async () => {
        syncs += 1;
        return { ok: true };
      },
    }),
  );
  const handed = handedLeadership(false);
  const scheduler = start(bot, { leadership: handed.leadership, syncAtStart: true });
  assert.equal(await scheduler.runNow("sync"), null);
  assert.equal(await scheduler.runNow("digest"), null);
  assert.equal(await scheduler.runNow("pace"), null);
  assert.equal(syncs, 0, "a standby never syncs");
  assert.equal(topPosts(fake).length, 0, "a standby posts nothing, not even this week's missed digest");

  handed.set(true);
  const outcome = await scheduler.catchUp;
  assert.equal(outcome?.kind, "posted", "the new leader posts the digest the old one missed");
  assert.ok(syncs >= 1, "the new leader syncs at once");
  assert.equal(topPosts(fake).length, 1);
  assert.notEqual(await scheduler.runNow("pace"), null, "the leader runs the jobs");

  handed.set(false);
  const before = syncs;
  assert.equal(await scheduler.runNow("sync"), null, "stepped down: no more runs");
  assert.equal(syncs, before);
  assert.equal(await scheduler.runNow("digest"), null);
});

test("a scheduler stopped before it ever led: its catch-up is null", async () => {
  const { open, start } = await setUp();
  const scheduler = start(await ranLastWeek(await open()), { leadership: handedLeadership(false).leadership });
  await scheduler.stop();
  assert.equal(await scheduler.catchUp, null);
});
