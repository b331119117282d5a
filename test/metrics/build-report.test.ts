import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReportFromSnapshot } from "../../src/metrics/build-report.js";
import { MonthArgError } from "../../src/metrics/errors.js";
import type { Contribution, EpicRecord, LabelledItem, UnmergedContribution } from "../../src/model/records.js";
import { reportFromRecords } from "../support/report-from-records.js";
import { EPIC_1795, EPIC_1796, monthRange, mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

const DAY = 86_400_000;

describe("buildReport: contributors", () => {
  const now = new Date("2026-11-16T00:00:00Z"); // half of November (UTC)

  it("reports the month of now, its count, the previous month and the 12 complete months before it as the trend", async () => {
    const records = [
      mr(1, "2026-11-02T00:00:00Z"),
      mr(1, "2026-11-03T00:00:00Z"),
      mr(2, "2026-11-15T23:59:59Z"),
      mr(3, "2026-10-31T23:59:59Z"),
      mr(4, "2025-11-01T00:00:00Z"), // oldest trend month
      mr(5, "2025-10-31T23:59:59Z"), // before the trend
      mr(6, "2026-11-16T00:00:01Z"), // after now: not yet
    ];
    const report = await reportFromRecords(snapshot({ contributions: records }), reportConfig(), now);
    assert.equal(report.month, "2026-11");
    assert.equal(report.generatedAt, "2026-11-16T00:00:00.000Z");
    assert.equal(report.contributors.count, 2);
    assert.equal(report.contributors.previousMonth, 1);
    assert.equal(report.contributors.trend.length, 12);
    assert.deepEqual(report.contributors.trend[0], { month: "2025-11", count: 1 });
    assert.deepEqual(report.contributors.trend[11], { month: "2026-10", count: 1 });
    assert.equal(
      report.contributors.trend.reduce((sum, p) => sum + p.count, 0),
      2,
    );
  });

  it("with empty history: linear curve, zero counts, unknown status in the first 10 % of the month", async () => {
    const early = await reportFromRecords(
      snapshot({ historyStartMs: null }),
      reportConfig(),
      new Date("2026-11-03T12:00:00Z"),
    );
    assert.equal(early.contributors.curve, "linear");
    assert.equal(early.contributors.count, 0);
    assert.equal(early.contributors.status, "unknown");
    assert.equal(early.contributors.expectedByNow, 83.3); // 1000 × 2.5/30
    assert.deepEqual(
      early.contributors.trend.map((p) => p.count),
      new Array(12).fill(0),
    );
    assert.equal(early.contributors.neededPerDay, 35.7); // 1000 / ceil(27.5)
    const later = await reportFromRecords(snapshot({ historyStartMs: null }), reportConfig(), now);
    assert.equal(later.contributors.status, "behind");
    assert.equal(later.contributors.expectedByNow, 500);
  });

  it("builds the empirical curve from prior months inside the synced history and projects from it", async () => {
    // Four prior months; in each, 10 people, of whom k arrived by mid-month: 4, 5, 5, 6 -> median 0.5.
    const records: Contribution[] = [];
    const priors: [string, number][] = [
      ["2026-10", 4],
      ["2026-09", 5],
      ["2026-08", 5],
      ["2026-07", 6],
    ];
    let id = 100;
    for (const [key, early] of priors) {
      const { startMs, endMs } = monthRange(key, "UTC");
      for (let i = 0; i < 10; i++) {
        const f = i < early ? 0.2 : 0.8;
        records.push(mr(id++, new Date(startMs + f * (endMs - startMs)).toISOString()));
      }
    }
    for (let i = 0; i < 300; i++) records.push(mr(1000 + i, "2026-11-10T00:00:00Z"));
    const history = Date.parse("2026-07-01T00:00:00Z");
    const report = await reportFromRecords(
      snapshot({ contributions: records, historyStartMs: history }),
      reportConfig(),
      now,
    );
    assert.equal(report.contributors.curve, "empirical");
    assert.equal(report.contributors.expectedByNow, 500);
    assert.equal(report.contributors.projected, 600);
    assert.equal(report.contributors.ratio, 0.6);
    assert.equal(report.contributors.status, "behind");
    assert.equal(report.contributors.neededPerDay, 46.7); // 700 / 15

    // History from mid-September covers only October whole: one usable month, so the curve is linear.
    const short = await reportFromRecords(
      snapshot({ contributions: records, historyStartMs: Date.parse("2026-09-15T00:00:00Z") }),
      reportConfig(),
      now,
    );
    assert.equal(short.contributors.curve, "linear");
    assert.equal(short.contributors.expectedByNow, 500);
  });

  it("reports a past month as of its end", async () => {
    const records = [mr(1, "2026-09-03T00:00:00Z"), mr(2, "2026-09-30T23:59:59Z"), mr(3, "2026-10-01T00:00:00Z")];
    const report = await reportFromRecords(
      snapshot({ contributions: records }),
      reportConfig({ monthlyTarget: 2 }),
      now,
      {
        month: "2026-09",
      },
    );
    assert.equal(report.month, "2026-09");
    assert.equal(report.contributors.count, 2);
    assert.equal(report.contributors.elapsedFraction, 1);
    assert.equal(report.contributors.projected, 2);
    assert.equal(report.contributors.ratio, 1);
    assert.equal(report.contributors.status, "on_track");
    assert.equal(report.contributors.neededPerDay, 0);
    assert.equal(report.contributors.trend.at(-1)?.month, "2026-08");
  });

  it("uses the configured time zone for the default month and its boundaries", async () => {
    const lateUtc = new Date("2026-11-30T23:30:00Z"); // already December in Amsterdam
    const records = [mr(1, "2026-11-30T23:10:00Z"), mr(2, "2026-11-30T22:50:00Z")];
    const report = await reportFromRecords(
      snapshot({ contributions: records }),
      reportConfig({ timezone: "Europe/Amsterdam" }),
      lateUtc,
    );
    assert.equal(report.month, "2026-12");
    assert.equal(report.timezone, "Europe/Amsterdam");
    assert.equal(report.contributors.count, 1);
    assert.equal(report.contributors.previousMonth, 1);
  });

  it("rejects a malformed or future month", async () => {
    await assert.rejects(() => reportFromRecords(snapshot(), reportConfig(), now, { month: "2026-13" }), MonthArgError);
    await assert.rejects(() => reportFromRecords(snapshot(), reportConfig(), now, { month: "2026-12" }), MonthArgError);
  });

  it("lists first-timers with profile URLs and at most 10 top contributors", async () => {
    const records: Contribution[] = [];
    for (let i = 1; i <= 12; i++) {
      for (let n = 0; n < i; n++) records.push(mr(i, `2026-11-${String(1 + n).padStart(2, "0")}T00:00:00Z`));
    }
    records.push(mr(1, "2026-05-01T00:00:00Z"));
    const report = await reportFromRecords(snapshot({ contributions: records }), reportConfig(), now);
    assert.equal(report.contributors.top.length, 10);
    assert.deepEqual(report.contributors.top[0], {
      username: "user12",
      name: "User 12",
      mergedCount: 12,
      webUrl: "https://gitlab.example/user12",
    });
    assert.equal(report.contributors.top[9]?.username, "user3");
    assert.equal(report.contributors.firstTime, 11);
    // user1 merged in May too: the one returning contributor of the 12
    assert.equal(report.contributors.returning, 1);
    assert.equal(report.contributors.firstTimers.length, 11);
    assert.deepEqual(report.contributors.firstTimers[0], {
      username: "user10",
      name: "User 10",
      webUrl: "https://gitlab.example/user10",
    });
    assert.ok(!report.contributors.firstTimers.some((f) => f.username === "user1"));
  });
});

const epic = (overrides: Partial<EpicRecord>): EpicRecord => ({
  ref: "gitlab-com&1795",
  title: "Contributor success",
  state: "opened",
  startDate: "2026-01-01",
  dueDate: null,
  webUrl: "https://gitlab.example/groups/gitlab-com/-/epics/1795",
  closedIssues: 0,
  totalIssues: 0,
  closedWeight: 0,
  totalWeight: 0,
  available: true,
  unavailableReason: null,
  syncedAt: "2026-11-15T00:00:00Z",
  ...overrides,
});

describe("buildReport: epics", () => {
  const now = new Date("2026-11-16T00:00:00Z");

  it("keeps configuration order, shows 0 issues as percent null and missing epics as not synced yet", async () => {
    const ps = {
      group: "gitlab-com/customer-success/professional-services-group",
      iid: 1277,
      ref: "gitlab-com/customer-success/professional-services-group&1277",
    };
    const stored = [
      epic({ ref: ps.ref, closedIssues: 1, totalIssues: 3, title: "PS" }),
      epic({ ref: EPIC_1795.ref, closedIssues: 0, totalIssues: 0 }),
    ];
    const report = await reportFromRecords(
      snapshot({ epics: stored }),
      reportConfig({ epics: [EPIC_1795, EPIC_1796, ps] }),
      now,
    );
    assert.deepEqual(
      report.epics.map((e) => [e.ref, e.percent, e.available, e.unavailableReason]),
      [
        ["gitlab-com&1795", null, true, null],
        ["gitlab-com&1796", null, false, "not synced yet"],
        [ps.ref, 33.3, true, null],
      ],
    );
    assert.equal(report.epics[1]?.title, "gitlab-com&1796");
    assert.equal(report.epics[1]?.webUrl, "https://gitlab.example/groups/gitlab-com/-/epics/1796");
  });

  it("passes an epic GitLab refused through as unavailable with its reason", async () => {
    const stored = [epic({ available: false, unavailableReason: "403: epics need GITLAB_TOKEN" })];
    const report = await reportFromRecords(snapshot({ epics: stored }), reportConfig({ epics: [EPIC_1795] }), now);
    assert.equal(report.epics[0]?.available, false);
    assert.equal(report.epics[0]?.unavailableReason, "403: epics need GITLAB_TOKEN");
  });
});

describe("buildReport: new issues and sync health", () => {
  const now = new Date("2026-11-16T00:00:00Z");
  const item = (ref: string, createdAt: string, kind: "issue" | "epic" = "issue"): LabelledItem => ({
    id: ref.length,
    kind,
    ref,
    title: `Title ${ref}`,
    webUrl: `https://gitlab.example/${ref}`,
    author: "someone",
    createdAt,
    state: "opened",
  });
  const items = [
    item("gitlab-com/a#1", "2026-11-01T00:00:00Z"),
    item("gitlab-com&7", "2026-11-12T00:00:00Z", "epic"),
    item("gitlab-com/a#2", "2026-11-09T00:00:00Z"),
    item("gitlab-com/a#3", "2026-11-15T00:00:00Z"),
  ];
  const refs = (report: Awaited<ReturnType<typeof reportFromRecords>>): string[] => report.newIssues.map((i) => i.ref);

  it("defaults to the last 7 days without a digest, newest first, issues and epics", async () => {
    const report = await reportFromRecords(snapshot({ labelledItems: items }), reportConfig(), now);
    assert.deepEqual(refs(report), ["gitlab-com/a#3", "gitlab-com&7", "gitlab-com/a#2"]);
    assert.equal(report.newIssuesSince, "2026-11-09T00:00:00.000Z");
    assert.equal(report.newIssues[1]?.kind, "epic");
  });

  it("counts from the last digest, or from a window asked for", async () => {
    const afterDigest = await reportFromRecords(
      snapshot({ labelledItems: items, lastDigestAt: "2026-11-10T00:00:00Z" }),
      reportConfig(),
      now,
    );
    assert.deepEqual(refs(afterDigest), ["gitlab-com/a#3", "gitlab-com&7"]);
    const since = await reportFromRecords(
      snapshot({ labelledItems: items, lastDigestAt: "2026-11-10T00:00:00Z" }),
      reportConfig(),
      now,
      // 46 days before now: from 2026-10-01, the window asked for wins over the last digest
      { newIssuesDays: 46 },
    );
    assert.equal(since.newIssues.length, 4);
    assert.equal(since.newIssuesSince, "2026-10-01T00:00:00.000Z");
    const days = await reportFromRecords(snapshot({ labelledItems: items }), reportConfig(), now, { newIssuesDays: 2 });
    assert.deepEqual(refs(days), ["gitlab-com/a#3"]);
    assert.equal(days.newIssuesSince, new Date(now.getTime() - 2 * DAY).toISOString());
  });

  it("summarises sync runs: last success, failures since, and the newest error", async () => {
    const run = (id: number, finishedAt: string | null, error: string | null) => ({
      id,
      startedAt: finishedAt ?? "2026-11-15T23:59:00Z",
      finishedAt,
      fetched: 0,
      error,
    });
    const report = await reportFromRecords(
      snapshot({
        dataAsOf: "2026-11-15T20:00:00Z",
        syncRuns: [
          run(5, null, null), // running now
          run(4, "2026-11-15T22:00:00Z", "GitLab answered 502"),
          run(3, "2026-11-15T21:00:00Z", "timeout"),
          run(2, "2026-11-15T20:00:00Z", null),
          run(1, "2026-11-15T19:00:00Z", "older failure"),
        ],
      }),
      reportConfig(),
      now,
    );
    assert.equal(report.dataAsOf, "2026-11-15T20:00:00Z");
    assert.deepEqual(report.sync, {
      lastSuccessAt: "2026-11-15T20:00:00Z",
      lastError: "GitLab answered 502",
      consecutiveFailures: 2,
    });
    const never = await reportFromRecords(snapshot(), reportConfig(), now);
    assert.deepEqual(never.sync, { lastSuccessAt: null, lastError: null, consecutiveFailures: 0 });
  });
});

describe("buildReport: the funnel", () => {
  const now = new Date("2026-11-16T00:00:00Z");
  const open = (id: number, username: string, created: string, overrides: Partial<UnmergedContribution> = {}) => ({
    authorId: id,
    username,
    projectId: 278964,
    projectPath: "gitlab-org/gitlab",
    groupPath: "gitlab-org",
    communityLabel: true,
    botLabel: false,
    state: "opened" as const,
    createdAtMs: Date.parse(created),
    updatedAtMs: Date.parse(created),
    closedAtMs: null,
    ...overrides,
  });

  it("applies the contributor count's scope and bot rules to openers and open MRs", async () => {
    const unmergedMrs = [
      open(1, "user1", "2026-11-10T00:00:00Z"),
      open(2, "renovate_bot", "2026-11-10T00:00:00Z"), // a bot by username
      open(3, "user3", "2026-11-10T00:00:00Z", { botLabel: true }), // labelled bot-authored
      open(4, "user4", "2026-11-10T00:00:00Z", { projectPath: "other-group/x", groupPath: "other-group" }),
      open(5, "user5", "2026-11-10T00:00:00Z", { communityLabel: false }),
    ];
    const merged = { ...mr(6, "2026-11-12T00:00:00Z"), createdAtMs: Date.parse("2026-11-11T00:00:00Z") };
    const report = await reportFromRecords(snapshot({ contributions: [merged], unmergedMrs }), reportConfig(), now);
    assert.deepEqual(report.funnel.months.at(-1), {
      month: "2026-11",
      openers: 2,
      firstTimeOpeners: 2,
      firstTimeOpenersMerged: 1,
    });
    assert.equal(report.funnel.months.length, 6);
    assert.deepEqual(report.openMrs, { count: 1, medianAgeDays: 6, stalled: 0 });
    assert.equal(report.retention.cohortMonth, "2026-08");
    assert.equal(report.retention.rate, null);
    assert.deepEqual(report.drifting, { count: 0, top: [] });
  });
});

describe("buildReport: what the digest leads with (issue 19, item 4)", async () => {
  const records = [
    mr(1, "2026-11-02T00:00:00Z"),
    mr(2, "2026-11-05T00:00:00Z"),
    mr(2, "2026-11-12T00:00:00Z"), // not new: 2 was counted before the digest
    mr(3, "2026-11-10T00:00:00Z"),
    mr(4, "2026-11-14T00:00:00Z"),
    mr(5, "2026-10-20T00:00:00Z"),
    mr(6, "2026-10-30T00:00:00Z"),
  ];
  const now = new Date("2026-11-16T09:00:00Z");
  const both = async (snap: ReturnType<typeof snapshot>, at: Date) => {
    const fromStore = await reportFromRecords(snap, reportConfig(), at);
    const inMemory = buildReportFromSnapshot(snap, reportConfig(), at);
    assert.deepEqual(fromStore.contributors.sinceLastDigest, inMemory.contributors.sinceLastDigest, "both paths agree");
    assert.deepEqual(fromStore.contributors.monthJustEnded, inMemory.contributors.monthJustEnded);
    return fromStore;
  };

  it("counts the month's contributors whose first merge of it came after the last digest", async () => {
    const report = await both(snapshot({ contributions: records, lastDigestAt: "2026-11-09T09:00:00.000Z" }), now);
    assert.deepEqual(report.contributors.sinceLastDigest, {
      since: "2026-11-09T09:00:00.000Z",
      lastDigest: true,
      added: 2, // 3 and 4; 1 and 2 were there at the digest
    });
    assert.equal(report.contributors.count, 4);
  });

  it("without a digest yet, counts the last 7 days", async () => {
    const report = await both(snapshot({ contributions: records }), now);
    assert.deepEqual(report.contributors.sinceLastDigest, {
      since: "2026-11-09T09:00:00.000Z",
      lastDigest: false,
      added: 2,
    });
  });

  it("a digest before the month began: every contributor of the month is new since it", async () => {
    const report = await both(snapshot({ contributions: records, lastDigestAt: "2026-10-26T09:00:00.000Z" }), now);
    assert.equal(report.contributors.sinceLastDigest.added, 4);
  });

  it("gives the final result of the month just ended in the first 7 days of the month only (TIMEZONE)", async () => {
    const early = await both(snapshot({ contributions: records }), new Date("2026-11-07T23:00:00Z"));
    assert.deepEqual(early.contributors.monthJustEnded, {
      month: "2026-10",
      count: 2,
      percentOfTarget: 0.2,
      targetReached: false,
    });
    assert.equal(
      (await both(snapshot({ contributions: records }), new Date("2026-11-08T00:00:00Z"))).contributors.monthJustEnded,
      null,
    );
    assert.equal((await both(snapshot({ contributions: records }), now)).contributors.monthJustEnded, null);
    // 8 Nov 00:30 UTC is still 7 Nov in New York
    const newYork = await reportFromRecords(
      snapshot({ contributions: records }),
      reportConfig({ timezone: "America/New_York" }),
      new Date("2026-11-08T00:30:00Z"),
    );
    assert.equal(newYork.contributors.monthJustEnded?.month, "2026-10");
    // a past month asked for: nothing just ended
    const past = await reportFromRecords(
      snapshot({ contributions: records }),
      reportConfig(),
      new Date("2026-11-03T00:00:00Z"),
      { month: "2026-10" },
    );
    assert.equal(past.contributors.monthJustEnded, null);
  });
});
