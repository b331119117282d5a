import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { sql } from "kysely";
import { postWeeklyDigest } from "../../src/schedule/digest-job.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";
import { describeDigestOutcome } from "../../src/text/job-outcomes.js";
import { startFakeSlack } from "../support/fake-slack.js";
import { closeSandbox, freshDatabase, type Instance, instance, testClock, topPosts } from "./job-harness.js";

const PERIOD = "2026-W12";
const CHANNEL_ID = "C0ENGAGE01";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(closeSandbox);

async function setUp(fakeOptions?: Parameters<typeof startFakeSlack>[0]) {
  const fake = await startFakeSlack(fakeOptions);
  cleanups.push(() => fake.stop());
  const db = await freshDatabase();
  const clock = testClock();
  let n = 0;
  const open = async (extra: Partial<Parameters<typeof instance>[0]> = {}): Promise<Instance> => {
    const created = await instance({ ...db, fake, clock, owner: `test-host:${++n}`, ...extra });
    cleanups.push(() => created.close());
    return created;
  };
  return { fake, db, clock, open };
}

test("posts the top message and its thread, records the week with the permalink", async () => {
  const { fake, open } = await setUp();
  const bot = await open();
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "posted");
  assert.ok(outcome.kind === "posted");
  assert.equal(outcome.period, PERIOD);
  assert.equal(outcome.channel, CHANNEL_ID);
  assert.match(outcome.permalink ?? "", /archives\/C0ENGAGE01\/p/);
  const top = topPosts(fake);
  assert.equal(top.length, 1);
  // named by the week it is posted in, the ledger's period
  assert.ok(String(top[0]?.params.text).startsWith(`Weekly digest — week ${Number(PERIOD.slice(6))}, `));
  assert.match(String(top[0]?.params.text), /; \d+ of 1,000 contributors/);
  const replies = fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === outcome.ts);
  assert.equal(replies.length, 3);
  const posted = await bot.deps.ledger.postedDigest(PERIOD);
  assert.equal(posted?.ts, outcome.ts);
  assert.equal(posted?.permalink, outcome.permalink);
  assert.equal(await bot.store.lastDigestAt(), posted?.postedAt);
});

test("(a) a second run in the same week posts nothing and says it was already posted, with the link", async () => {
  const { fake, clock, open } = await setUp();
  const bot = await open();
  const first = await postWeeklyDigest(bot.deps);
  assert.equal(first.kind, "posted");
  clock.advance(3 * 86_400_000); // Saturday, same ISO week
  let synced = 0;
  const again = await postWeeklyDigest({
    ...bot.deps,
    sync: async () => {
      synced += 1;
      return { ok: true };
    },
  });
  assert.deepEqual(again, {
    kind: "already_posted",
    period: PERIOD,
    permalink: first.kind === "posted" ? first.permalink : null,
  });
  assert.equal(synced, 0, "an already posted week does not even sync");
  assert.match(describeDigestOutcome(again), /already posted: https:\/\/example\.slack\.com\/archives\//);
  assert.equal(topPosts(fake).length, 1);

  clock.advance(2 * 86_400_000); // Monday of the next week
  const next = await postWeeklyDigest(bot.deps);
  assert.equal(next.kind, "posted");
  assert.equal(next.period, "2026-W13");
  assert.equal(topPosts(fake).length, 2);
});

test("(b) two app instances on one database racing: exactly one posts", async () => {
  const { fake, open } = await setUp();
  // Syncs of different lengths interleave the two jobs at every await.
  const slowSync = (ms: number) => () => new Promise<{ ok: boolean }>((r) => setTimeout(() => r({ ok: true }), ms));
  for (const [a, b] of [
    [5, 5],
    [1, 15],
    [15, 1],
  ] as const) {
    fake.calls.length = 0;
    const one = await open({ sync: slowSync(a) });
    const two = await open({ sync: slowSync(b) });
    await sql`DELETE FROM digest_ledger`.execute(one.store.connection);
    const outcomes = await Promise.all([postWeeklyDigest(one.deps), postWeeklyDigest(two.deps)]);
    const kinds = outcomes.map((o) => o.kind).sort();
    assert.equal(kinds.filter((k) => k === "posted").length, 1, JSON.stringify(outcomes));
    assert.ok(["already_posted", "in_progress"].includes(kinds.find((k) => k !== "posted") ?? ""));
    assert.equal(topPosts(fake).length, 1);
  }
});

test("(c) killed after the claim: a restart before expiry waits, after expiry posts once", async () => {
  const { fake, db, clock, open } = await setUp();
  // The first instance claims the week, then dies before posting.
  const dead = await Store.open(db.path);
  const claim = await new Ledger(dead).claimDigest(PERIOD, { owner: "dead-host:1", nowMs: clock.ms, ttlMs: 120_000 });
  assert.equal(claim.kind, "claimed");
  await dead.close();

  clock.advance(60_000);
  const restarted = await open({ claimTtlMs: 120_000 });
  assert.deepEqual(await postWeeklyDigest(restarted.deps), { kind: "in_progress", period: PERIOD });
  assert.equal(topPosts(fake).length, 0);
  assert.equal(await restarted.deps.ledger.postedDigest(PERIOD), null);

  clock.advance(61_000);
  const outcome = await postWeeklyDigest(restarted.deps);
  assert.equal(outcome.kind, "posted");
  assert.equal((await postWeeklyDigest((await open()).deps)).kind, "already_posted");
  assert.equal(topPosts(fake).length, 1);
});

test("GitLab down at digest time: the digest is posted with the last good data and says how old it is", async () => {
  const { fake, db, clock, open } = await setUp();
  clock.advance(2 * 3_600_000); // the last good sync is now two hours old
  db.sandbox.inject({ fault: { kind: "status", status: 500 }, times: Number.POSITIVE_INFINITY });
  cleanups.push(() => db.sandbox.clearFaults());
  const bot = await open({ realSync: true });
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "posted");
  const top = topPosts(fake)[0];
  const blocks = JSON.stringify(top?.params.blocks);
  assert.match(blocks, /:warning: Data is 2 hours old \(last successful GitLab sync/);
  assert.ok(bot.log.entries().some((e) => e.msg === "GitLab sync failed: going on with the last good data"));
  assert.ok((await bot.store.recentSyncRuns(1))[0]?.error, "the failed sync is recorded");
});

test("three and more failed syncs: the digest says GitLab sync keeps failing", async () => {
  const { fake, clock, open } = await setUp();
  const bot = await open();
  for (let i = 0; i < 3; i++) {
    const run = await bot.store.startSyncRun(clock.now());
    await bot.store.finishSyncRun(run, { fetched: 0, error: "GitLab answered 500" }, clock.now());
  }
  // The renderer reads a fresh report: a cached one from before the failures must not be used.
  assert.equal((await bot.deps.reports.report())?.sync.consecutiveFailures, 3);
  // A fourth failure at digest time, recorded as syncAll records it.
  const failingSync = async () => {
    const run = await bot.store.startSyncRun(clock.now());
    await bot.store.finishSyncRun(run, { fetched: 0, error: "GitLab answered 500" }, clock.now());
    return { ok: false, error: "GitLab answered 500" };
  };
  const outcome = await postWeeklyDigest({ ...bot.deps, sync: failingSync });
  assert.equal(outcome.kind, "posted");
  assert.match(JSON.stringify(topPosts(fake)[0]?.params.blocks), /GitLab sync has failed 4 times since/);
});

test("Slack not_in_channel: the bot joins the public channel, then posts", async () => {
  const { fake, open } = await setUp({ memberOf: [] });
  const outcome = await postWeeklyDigest((await open()).deps);
  assert.equal(outcome.kind, "posted");
  assert.equal(fake.callsOf("conversations.join").length, 1);
  assert.equal(fake.callsOf("conversations.join")[0]?.params.channel, CHANNEL_ID);
  const methods = fake.calls.map((c) => c.method);
  assert.ok(methods.indexOf("conversations.join") < methods.lastIndexOf("chat.postMessage"));
  assert.equal(topPosts(fake).length, 2, "the refused post and the one after joining");
});

test("Slack channel_not_found: a clear error naming DIGEST_CHANNEL, nothing marked posted, a later run posts", async () => {
  const { fake, open } = await setUp();
  fake.failNext("chat.postMessage", "channel_not_found");
  const bot = await open({ env: { DIGEST_CHANNEL: "C0ENGAGE01" } });
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "failed");
  assert.ok(outcome.kind === "failed");
  assert.match(outcome.error, /channel_not_found: DIGEST_CHANNEL "C0ENGAGE01"/);
  assert.equal(await bot.deps.ledger.postedDigest(PERIOD), null);
  assert.ok(bot.log.entries().some((e) => e.level === 50 && String(e.msg).includes("channel_not_found")));

  const retry = await postWeeklyDigest(bot.deps);
  assert.equal(retry.kind, "posted", "the released claim does not block the next run");
});

test("a channel name no public channel has: the error says to check DIGEST_CHANNEL", async () => {
  const { fake, open } = await setUp();
  const bot = await open({ env: { DIGEST_CHANNEL: "#no-such-channel" } });
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "failed");
  assert.match(outcome.kind === "failed" ? outcome.error : "", /DIGEST_CHANNEL "#no-such-channel" was not found/);
  assert.equal(topPosts(fake).length, 0);
  assert.equal(await bot.deps.ledger.postedDigest(PERIOD), null);
});

test("force re-posts a week already posted", async () => {
  const { fake, open } = await setUp();
  const bot = await open();
  assert.equal((await postWeeklyDigest(bot.deps)).kind, "posted");
  const again = await postWeeklyDigest(bot.deps, { force: true });
  assert.equal(again.kind, "posted");
  assert.equal(topPosts(fake).length, 2);
  assert.equal((await bot.deps.ledger.postedDigest(PERIOD))?.ts, again.kind === "posted" ? again.ts : "");
});
