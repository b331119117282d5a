import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import type { BuildReportOptions } from "../../src/metrics/build-report.js";
import type { PaceStatus, Report } from "../../src/model/report.js";
import { storeAlertSettings } from "../../src/schedule/alert-settings.js";
import { checkPace } from "../../src/schedule/pace-job.js";
import { ReportService } from "../../src/service/report-service.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { closeSandbox, freshDatabase, type Instance, instance, testClock } from "./job-harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(closeSandbox);

/** The real Report of the synced store, with the status a test scripts (the pace maths is metrics' business). */
class ScriptedReports extends ReportService {
  status: PaceStatus = "on_track";
  override async report(request?: BuildReportOptions): Promise<Report | null> {
    const real = await super.report(request);
    return real && { ...real, contributors: { ...real.contributors, status: this.status } };
  }
}

async function setUp(): Promise<{ fake: FakeSlack; bot: Instance; reports: ScriptedReports }> {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.stop());
  const db = await freshDatabase();
  const clock = testClock(new Date("2026-03-10T09:00:00Z"));
  const bot = await instance({ ...db, fake, clock, owner: "test-host:1" });
  cleanups.push(() => bot.close());
  const reports = new ScriptedReports(bot.store, bot.deps.config, clock.now);
  bot.deps.reports = reports;
  return { fake, bot, reports };
}

const posts = (fake: FakeSlack) => fake.callsOf("chat.postMessage").map((c) => String(c.params.text));

test("alert state machine over a scripted month posts exactly the expected messages", async () => {
  const { fake, bot, reports } = await setUp();
  const script: Array<[PaceStatus, string, RegExp | null]> = [
    ["on_track", "unchanged", null],
    ["at_risk", "alerted", /^Contributor pace is at risk: /],
    ["at_risk", "unchanged", null],
    ["behind", "alerted", /^Contributor pace is behind: /],
    ["at_risk", "recovered", /^Contributor pace has improved to at risk: /],
    ["on_track", "recovered", /^Contributor pace is back on track: /],
  ];
  const expected: RegExp[] = [];
  for (const [status, kind, message] of script) {
    reports.status = status;
    const outcome = await checkPace(bot.deps);
    assert.equal(outcome.kind, kind, `${status}: ${JSON.stringify(outcome)}`);
    if (message) expected.push(message);
    const texts = posts(fake);
    assert.equal(texts.length, expected.length, `after ${status}: ${texts.join(" | ")}`);
    for (const [i, pattern] of expected.entries()) assert.match(texts[i] ?? "", pattern);
  }
  const alert = fake.callsOf("chat.postMessage")[1];
  const blocks = JSON.stringify(alert?.params.blocks);
  assert.match(blocks, /expected by now/, "says by how much it fell behind");
  assert.match(blocks, /\*Projected:\*/);
  assert.match(blocks, /\*Needed:\*/);
  assert.match(blocks, /epics\/1795/, "links to the epics");
  assert.match(blocks, /was :large_yellow_circle: at risk|was [^)]*at risk/, "names the previous status");
  assert.deepEqual(
    { ...(await storeAlertSettings(bot.deps.ledger).lastAlert()), postedAt: "" },
    { month: "2026-03", status: "on_track", kind: "recovery", postedAt: "" },
  );
});

test("a status seen before does not alert twice in a month; the ledger keys (month, status, kind)", async () => {
  const { fake, bot, reports } = await setUp();
  for (const status of ["at_risk", "behind", "at_risk", "behind"] as const) {
    reports.status = status;
    await checkPace(bot.deps);
  }
  // at_risk alert, behind alert, at_risk recovery; the second behind alert was already posted this month.
  assert.equal(posts(fake).length, 3);
  assert.equal((await bot.deps.ledger.paceState("2026-03"))?.status, "behind");
});

test("a month that starts behind alerts once; unknown never alerts", async () => {
  const { fake, bot, reports } = await setUp();
  reports.status = "unknown";
  assert.equal((await checkPace(bot.deps)).kind, "unknown");
  reports.status = "behind";
  assert.equal((await checkPace(bot.deps)).kind, "alerted");
  assert.equal((await checkPace(bot.deps)).kind, "unchanged");
  assert.equal(posts(fake).length, 1);
});

test("muted alerts post nothing; unmuted, the next change posts", async () => {
  const { fake, bot, reports } = await setUp();
  const settings = storeAlertSettings(bot.deps.ledger);
  await settings.setMuted("C0ENGAGE01", true, "U0DRI0001");
  assert.equal(await settings.isMuted("C0ENGAGE01"), true);
  reports.status = "at_risk";
  assert.equal((await checkPace(bot.deps)).kind, "muted");
  reports.status = "behind";
  assert.equal((await checkPace(bot.deps)).kind, "muted");
  assert.equal(posts(fake).length, 0);
  assert.equal(await settings.lastAlert(), null);

  await settings.setMuted("C0ENGAGE01", false, "U0DRI0001");
  assert.equal((await checkPace(bot.deps)).kind, "unchanged", "muted changes are not replayed");
  reports.status = "on_track";
  assert.equal((await checkPace(bot.deps)).kind, "recovered");
  assert.equal(posts(fake).length, 1);
});

test("a failed alert post is not recorded and is posted by the next run", async () => {
  const { fake, bot, reports } = await setUp();
  reports.status = "behind";
  fake.failNext("chat.postMessage", "channel_not_found");
  const failed = await checkPace(bot.deps);
  assert.equal(failed.kind, "failed");
  assert.equal(await bot.deps.ledger.lastAlert(), null);
  assert.equal(await bot.deps.ledger.paceState("2026-03"), null);
  assert.equal((await checkPace(bot.deps)).kind, "alerted");
  assert.equal((await bot.deps.ledger.lastAlert())?.status, "behind");
});
