/**
 * At most one digest per week and one alert per change when the post's outcome is unknown (issue 13 item 1):
 * answers lost after Slack carried the post out, a hang, a full disk between the post and the record, a history
 * that cannot be read; the fake Slack keeps what it posted, so the tests count what the channel shows.
 */
import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import type { BuildReportOptions } from "../../src/metrics/build-report.js";
import type { PaceStatus, Report } from "../../src/model/report.js";
import { postWeeklyDigest } from "../../src/schedule/digest-job.js";
import { checkPace } from "../../src/schedule/pace-job.js";
import { SETTLE_MS } from "../../src/schedule/post-once.js";
import { ReportService } from "../../src/service/report-service.js";
import Database from "../../src/store/sqlite-driver.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { type Clock, closeSandbox, freshDatabase, type Instance, instance, testClock } from "./job-harness.js";

const PERIOD = "2026-W12";
const CHANNEL = "C0ENGAGE01";
const TTL_MS = 120_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(closeSandbox);

/** The real Report of the synced store, with the pace status a test scripts. */
class ScriptedReports extends ReportService {
  status: PaceStatus = "behind";
  override async report(request?: BuildReportOptions): Promise<Report | null> {
    const real = await super.report(request);
    return real && { ...real, contributors: { ...real.contributors, status: this.status } };
  }
}

async function setUp(): Promise<{ fake: FakeSlack; clock: Clock; open: (owner: string) => Promise<Instance> }> {
  const clock = testClock();
  // Slack's clock is the test's: message timestamps and the history window agree
  const fake = await startFakeSlack({ now: () => clock.ms });
  cleanups.push(() => fake.stop());
  const db = await freshDatabase();
  const open = async (owner: string): Promise<Instance> => {
    const created = await instance({ ...db, fake, clock, owner, claimTtlMs: TTL_MS });
    cleanups.push(() => created.close());
    return created;
  };
  return { fake, clock, open };
}

const threadOf = (fake: FakeSlack, ts: string | undefined) => fake.messages.filter((m) => m.thread_ts === ts);

test("a full disk between the post and the ledger record: one digest; the next run finds it, posts no copy", async () => {
  const { fake, clock, open } = await setUp();
  const bot = await open("host:1");
  const markPosted = bot.deps.ledger.markDigestPosted.bind(bot.deps.ledger);
  bot.deps.ledger.markDigestPosted = () => {
    throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
  };
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "posted");
  assert.match(outcome.kind === "posted" ? (outcome.unrecorded ?? "") : "", /disk is full/);
  assert.ok(bot.log.entries().some((e) => e.level === 50 && /ledger could not record it/.test(String(e.msg))));
  assert.equal(fake.topMessages(CHANNEL).length, 1);
  const top = fake.topMessages(CHANNEL)[0];
  const replies = threadOf(fake, top?.ts).length;
  assert.ok(replies > 0);

  // the disk has room again; the claim of the run that could not record has expired
  bot.deps.ledger.markDigestPosted = markPosted;
  clock.advance(TTL_MS + 1_000);
  const next = await postWeeklyDigest((await open("host:2")).deps);
  assert.equal(next.kind, "already_posted", JSON.stringify(next));
  assert.equal(fake.topMessages(CHANNEL).length, 1);
  assert.equal(threadOf(fake, top?.ts).length, replies, "its thread is not posted a second time");
  assert.equal((await bot.deps.ledger.postedDigest(PERIOD))?.ts, top?.ts);
});

test("an answer that never comes (hang): the post is found in the history and recorded", async () => {
  const { fake, open } = await setUp();
  fake.loseAnswerNext("chat.postMessage", "hang");
  const bot = await open("host:1");
  const outcome = await postWeeklyDigest(bot.deps);
  assert.equal(outcome.kind, "already_posted", JSON.stringify(outcome));
  assert.equal(fake.topMessages(CHANNEL).length, 1);
  assert.equal((await bot.deps.ledger.postedDigest(PERIOD))?.ts, fake.topMessages(CHANNEL)[0]?.ts);
  assert.equal((await postWeeklyDigest(bot.deps)).kind, "already_posted");
  assert.equal(fake.topMessages(CHANNEL).length, 1);
});

test("history unreadable: no second copy, not even after the claim expired; once readable it is recorded", async () => {
  const { fake, clock, open } = await setUp();
  fake.loseAnswerNext("chat.postMessage", "http500");
  fake.failNext("conversations.history", "missing_scope", 3);
  const first = await postWeeklyDigest((await open("host:1")).deps);
  assert.equal(first.kind, "unconfirmed");
  for (const owner of ["host:2", "host:3"]) {
    clock.advance(TTL_MS + 1_000);
    const later = await postWeeklyDigest((await open(owner)).deps);
    assert.equal(later.kind, "unconfirmed", JSON.stringify(later));
    assert.match(later.kind === "unconfirmed" ? later.error : "", /missing_scope/);
  }
  assert.equal(fake.topMessages(CHANNEL).length, 1);
  const readable = await postWeeklyDigest((await open("host:4")).deps);
  assert.equal(readable.kind, "already_posted");
  assert.equal(fake.topMessages(CHANNEL).length, 1);
});

test("an answer lost before Slack posted: nothing is posted again until the history shows it never landed", async () => {
  const { fake, clock, open } = await setUp();
  fake.loseAnswerNext("chat.postMessage", "http500", { carriedOut: false });
  const bot = await open("host:1");
  const first = await postWeeklyDigest(bot.deps);
  assert.equal(first.kind, "unconfirmed");
  assert.match(first.kind === "unconfirmed" ? first.error : "", /not in the channel's history yet/);
  const soon = await postWeeklyDigest(bot.deps);
  assert.equal(soon.kind, "unconfirmed", "too soon to be sure it never landed");
  assert.equal(fake.topMessages(CHANNEL).length, 0);

  clock.advance(SETTLE_MS);
  const settled = await postWeeklyDigest(bot.deps);
  assert.equal(settled.kind, "posted", JSON.stringify(settled));
  assert.equal(fake.topMessages(CHANNEL).length, 1);
  assert.equal((await postWeeklyDigest(bot.deps)).kind, "already_posted");
});

test("a pace alert whose answer was lost: one alert with its metadata, recorded; later checks post nothing", async () => {
  const { fake, open } = await setUp();
  const bot = await open("host:1");
  bot.deps.reports = new ScriptedReports(bot.store, bot.deps.config, bot.deps.now);
  fake.loseAnswerNext("chat.postMessage", "reset");
  const outcome = await checkPace(bot.deps);
  assert.equal(outcome.kind, "unchanged", JSON.stringify(outcome));
  assert.match(outcome.kind === "unchanged" ? outcome.reason : "", /already in the channel/);
  const [alert] = fake.topMessages(CHANNEL);
  assert.match(String(alert?.text), /^Contributor pace is behind/);
  assert.deepEqual(alert?.metadata, {
    event_type: "engagement_pace_alert",
    event_payload: { month: "2026-03", status: "behind", kind: "alert" },
  });
  assert.equal((await bot.deps.ledger.lastAlert())?.ts, alert?.ts);
  assert.equal((await checkPace(bot.deps)).kind, "unchanged");
  assert.equal(fake.topMessages(CHANNEL).length, 1);
});

test("a pace alert after a kill or a lost answer that cannot be resolved is not posted again", async () => {
  const { fake, clock, open } = await setUp();
  const bot = await open("host:1");
  bot.deps.reports = new ScriptedReports(bot.store, bot.deps.config, bot.deps.now);
  fake.loseAnswerNext("chat.postMessage", "http500");
  fake.failNext("conversations.history", "not_in_channel", 2);
  assert.equal((await checkPace(bot.deps)).kind, "unconfirmed");
  clock.advance(TTL_MS + SETTLE_MS);
  const later = await checkPace(bot.deps);
  assert.equal(later.kind, "unconfirmed", JSON.stringify(later));
  assert.equal(fake.topMessages(CHANNEL).length, 1);
});
