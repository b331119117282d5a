import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  driftingContributors,
  funnelMonths,
  funnelNow,
  openMrs,
  retention,
  STALLED_AFTER_DAYS,
} from "../../src/metrics/funnel.js";
import type { FunnelMerge, FunnelUnmerged } from "../../src/model/funnel.js";

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad fixture instant ${iso}`);
  return ms;
};

/** A merged MR by user `id`, opened at `created` (null: unknown) and merged at `merged`. */
function merge(id: number, created: string | null, merged: string, firstContributionLabel = false): FunnelMerge {
  return {
    authorId: id,
    username: `user${id}`,
    name: `User ${id}`,
    createdAtMs: created === null ? null : at(created),
    mergedAtMs: at(merged),
    firstContributionLabel,
  };
}

function unmerged(
  id: number,
  created: string,
  state: FunnelUnmerged["state"] = "opened",
  updated = created,
  closed: string | null = null,
): FunnelUnmerged {
  return {
    authorId: id,
    createdAtMs: at(created),
    updatedAtMs: at(updated),
    closedAtMs: closed === null ? null : at(closed),
    state,
  };
}

const NOW_NOV = funnelNow("2026-11", "UTC", at("2026-11-16T12:00:00Z"));

describe("funnelNow", () => {
  it("is the report's instant in the current month and the end of a past month", () => {
    const nowMs = at("2026-11-16T12:00:00Z");
    assert.deepEqual(funnelNow("2026-11", "UTC", nowMs), { atMs: nowMs, cutoffMs: nowMs });
    const end = at("2026-10-01T04:00:00Z"); // New York's October starts at 04:00 UTC (EDT)
    assert.deepEqual(funnelNow("2026-09", "America/New_York", nowMs), { atMs: end, cutoffMs: end - 1 });
  });
});

describe("funnel months", () => {
  it("counts openers, first-time openers and those of them merged by now, 6 months oldest first", () => {
    const merges = [
      merge(1, "2026-01-10T00:00:00Z", "2026-01-12T00:00:00Z"), // user1 first opened long before the window
      merge(1, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"),
      merge(3, "2026-10-20T00:00:00Z", "2026-11-05T00:00:00Z"), // user3: first MR in October, merged in November
      merge(5, null, "2026-06-01T00:00:00Z"), // created unknown: opens nothing
    ];
    const open = [
      unmerged(2, "2026-11-01T00:00:00Z"), // user2: first ever MR in November, not merged
      unmerged(2, "2026-11-09T00:00:00Z", "closed", "2026-11-10T00:00:00Z", "2026-11-10T00:00:00Z"),
      unmerged(4, "2026-06-15T00:00:00Z", "closed", "2026-06-20T00:00:00Z", "2026-06-20T00:00:00Z"),
      unmerged(4, "2026-09-30T23:00:00Z"), // user4 opened again in September: not a first-timer there
      unmerged(6, "2026-11-17T00:00:00Z"), // after now: not yet
    ];
    const result = funnelMonths(merges, open, "2026-11", "UTC", NOW_NOV);
    assert.deepEqual(result.months, [
      { month: "2026-06", openers: 1, firstTimeOpeners: 1, firstTimeOpenersMerged: 0 },
      { month: "2026-07", openers: 0, firstTimeOpeners: 0, firstTimeOpenersMerged: 0 },
      { month: "2026-08", openers: 0, firstTimeOpeners: 0, firstTimeOpenersMerged: 0 },
      { month: "2026-09", openers: 1, firstTimeOpeners: 0, firstTimeOpenersMerged: 0 },
      { month: "2026-10", openers: 1, firstTimeOpeners: 1, firstTimeOpenersMerged: 1 },
      { month: "2026-11", openers: 2, firstTimeOpeners: 1, firstTimeOpenersMerged: 0 },
    ]);
  });

  it("places MRs in months by local midnights of TIMEZONE", () => {
    // 2026-10-31 23:30 in New York is 2026-11-01 03:30 UTC: an October opener there, a November one in UTC.
    const open = [unmerged(1, "2026-11-01T03:30:00Z")];
    const ny = funnelMonths(
      [],
      open,
      "2026-11",
      "America/New_York",
      funnelNow("2026-11", "America/New_York", NOW_NOV.atMs),
    );
    assert.equal(ny.months.at(-2)?.openers, 1);
    assert.equal(ny.months.at(-1)?.openers, 0);
    const utc = funnelMonths([], open, "2026-11", "UTC", NOW_NOV);
    assert.equal(utc.months.at(-2)?.openers, 0);
    assert.equal(utc.months.at(-1)?.openers, 1);
  });

  it("for a past month counts merges only up to that month's end", () => {
    const merges = [merge(1, "2026-09-10T00:00:00Z", "2026-10-01T00:00:00Z")]; // merged the first instant of October
    const september = funnelMonths(merges, [], "2026-09", "UTC", funnelNow("2026-09", "UTC", NOW_NOV.atMs));
    assert.deepEqual(september.months.at(-1), {
      month: "2026-09",
      openers: 1,
      firstTimeOpeners: 1,
      firstTimeOpenersMerged: 0,
    });
    const november = funnelMonths(merges, [], "2026-11", "UTC", NOW_NOV);
    assert.equal(november.months.at(-3)?.firstTimeOpenersMerged, 1);
  });
});

describe("retention", () => {
  it("is the share of the cohort month's first-time contributors who merged again later, three decimals", () => {
    // M = 2026-11, cohort month 2026-08
    const merges = [
      merge(1, null, "2026-08-03T00:00:00Z"), // first-timer, merges again in October: retained
      merge(1, null, "2026-10-03T00:00:00Z"),
      merge(2, null, "2026-08-05T00:00:00Z"), // first-timer, merges again only later in August: not retained
      merge(2, null, "2026-08-25T00:00:00Z"),
      merge(3, null, "2026-08-06T00:00:00Z"), // first-timer, merges again after now: not retained
      merge(3, null, "2026-11-20T00:00:00Z"),
      merge(4, null, "2026-05-01T00:00:00Z"), // merged before August: not a first-timer of August
      merge(4, null, "2026-08-07T00:00:00Z"),
      merge(4, null, "2026-09-07T00:00:00Z"),
      merge(5, null, "2026-04-01T00:00:00Z"), // earlier merge, but August's MR is labelled `1st contribution`
      merge(5, null, "2026-08-08T00:00:00Z", true),
      merge(5, null, "2026-11-01T00:00:00Z"),
    ];
    assert.deepEqual(retention(merges, "2026-11", "UTC", NOW_NOV), {
      cohortMonth: "2026-08",
      cohort: 4,
      retained: 2,
      rate: 0.5,
    });
    const third = [merge(1, null, "2026-08-01T00:00:00Z"), merge(2, null, "2026-08-02T00:00:00Z")];
    third.push(merge(3, null, "2026-08-03T00:00:00Z"), merge(1, null, "2026-09-01T00:00:00Z"));
    assert.equal(retention(third, "2026-11", "UTC", NOW_NOV).rate, 0.333);
  });

  it("has a null rate for an empty cohort", () => {
    const merges = [merge(1, null, "2026-07-03T00:00:00Z"), merge(1, null, "2026-09-03T00:00:00Z")];
    assert.deepEqual(retention(merges, "2026-11", "UTC", NOW_NOV), {
      cohortMonth: "2026-08",
      cohort: 0,
      retained: 0,
      rate: null,
    });
  });

  it("takes the cohort month in TIMEZONE", () => {
    // 2026-08-01 02:00 UTC is still July 31 in Los Angeles: a July first-timer there, an August one in UTC.
    const merges = [merge(1, null, "2026-08-01T02:00:00Z"), merge(1, null, "2026-10-01T12:00:00Z")];
    const la = "America/Los_Angeles";
    assert.equal(retention(merges, "2026-11", la, funnelNow("2026-11", la, NOW_NOV.atMs)).cohort, 0);
    assert.equal(retention(merges, "2026-11", "UTC", NOW_NOV).cohort, 1);
  });
});

describe("drifting contributors", () => {
  const URL = "https://gitlab.example";
  // M = 2026-11: quiet months 2026-09 … 2026-11, recent months 2026-06 … 2026-08
  const threeBefore = (id: number, last: string): FunnelMerge[] => [
    merge(id, null, "2026-01-05T00:00:00Z"),
    merge(id, null, "2026-03-05T00:00:00Z"),
    merge(id, null, last),
  ];

  it("are authors with 3+ merges before M − 2, one in M − 5 … M − 3, none since", () => {
    const merges = [
      ...threeBefore(1, "2026-08-31T23:59:59Z"), // drifting
      ...threeBefore(2, "2026-06-01T00:00:00Z"), // drifting
      ...threeBefore(3, "2026-05-31T23:59:59Z"), // last merge before M − 5: away, not drifting
      ...threeBefore(4, "2026-07-01T00:00:00Z"),
      merge(4, null, "2026-09-01T00:00:00Z"), // merged in M − 2: still active
      merge(5, null, "2026-06-01T00:00:00Z"), // only two merges
      merge(5, null, "2026-07-01T00:00:00Z"),
      ...threeBefore(6, "2026-07-10T00:00:00Z"),
      merge(6, null, "2026-11-20T00:00:00Z"), // merges again after now: drifting as of now, that merge not counted
    ];
    const result = driftingContributors(merges, "2026-11", "UTC", NOW_NOV, URL);
    assert.deepEqual(result, {
      count: 3,
      top: [
        {
          username: "user1",
          name: "User 1",
          webUrl: `${URL}/user1`,
          lastMergedAt: "2026-08-31T23:59:59.000Z",
          mergedCount: 3,
        },
        {
          username: "user6",
          name: "User 6",
          webUrl: `${URL}/user6`,
          lastMergedAt: "2026-07-10T00:00:00.000Z",
          mergedCount: 3,
        },
        {
          username: "user2",
          name: "User 2",
          webUrl: `${URL}/user2`,
          lastMergedAt: "2026-06-01T00:00:00.000Z",
          mergedCount: 3,
        },
      ],
    });
  });

  it("keeps the top 10 by most recent last merge, ties by username, and counts them all", () => {
    const merges: FunnelMerge[] = [];
    for (let id = 1; id <= 12; id++) {
      // ids 1..6 share one last merge instant, 7..12 an earlier one
      merges.push(...threeBefore(id, id <= 6 ? "2026-08-10T00:00:00Z" : "2026-07-10T00:00:00Z"));
    }
    merges.push(merge(12, null, "2026-02-01T00:00:00Z")); // a fourth merge: mergedCount 4
    const result = driftingContributors(merges, "2026-11", "UTC", NOW_NOV, URL);
    assert.equal(result.count, 12);
    assert.deepEqual(
      result.top.map((d) => d.username),
      ["user1", "user2", "user3", "user4", "user5", "user6", "user10", "user11", "user12", "user7"],
    );
    assert.equal(result.top.find((d) => d.username === "user12")?.mergedCount, 4);
  });

  it("uses TIMEZONE months for the quiet window", () => {
    // 2026-09-01 03:00 UTC is August 31 in New York: a merge in the recent window there, in the quiet one in UTC.
    const merges = threeBefore(1, "2026-09-01T03:00:00Z");
    const ny = "America/New_York";
    assert.equal(driftingContributors(merges, "2026-11", ny, funnelNow("2026-11", ny, NOW_NOV.atMs), URL).count, 1);
    assert.equal(driftingContributors(merges, "2026-11", "UTC", NOW_NOV, URL).count, 0);
  });
});

describe("open MRs", () => {
  it("counts open MRs, their median age in days (one decimal) and the stalled ones", () => {
    const now = NOW_NOV.atMs; // 2026-11-16T12:00Z
    const daysAgo = (days: number): string => new Date(now - days * 86_400_000).toISOString();
    const open = [
      unmerged(1, daysAgo(2), "opened", daysAgo(1)),
      unmerged(2, daysAgo(10.25), "opened", daysAgo(STALLED_AFTER_DAYS)), // exactly 14 days: not more
      unmerged(3, daysAgo(30), "locked", daysAgo(20)), // stalled
      unmerged(4, daysAgo(40), "opened", daysAgo(15)), // stalled
      unmerged(5, daysAgo(50), "closed", daysAgo(45), daysAgo(45)),
      unmerged(6, daysAgo(60), "closed", daysAgo(60)), // closed without closed_at: closed
    ];
    // ages 2, 10.25, 30, 40 -> median (10.25 + 30) / 2 = 20.125 -> 20.1
    assert.deepEqual(openMrs([merge(7, daysAgo(5), daysAgo(1))], open, NOW_NOV), {
      count: 4,
      medianAgeDays: 20.1,
      stalled: 2,
    });
  });

  it("is empty with a null median when nothing is open", () => {
    assert.deepEqual(openMrs([], [], NOW_NOV), { count: 0, medianAgeDays: null, stalled: 0 });
  });

  it("for a past month counts what was open at its end, merged or closed later included", () => {
    const september = funnelNow("2026-09", "UTC", NOW_NOV.atMs); // at 2026-10-01T00:00Z
    const open = [
      unmerged(1, "2026-09-20T00:00:00Z", "closed", "2026-10-05T00:00:00Z", "2026-10-05T00:00:00Z"), // age 11
      unmerged(2, "2026-09-01T00:00:00Z", "opened", "2026-09-10T00:00:00Z"), // age 30, not updated since: stalled
      unmerged(3, "2026-10-02T00:00:00Z"), // opened later
    ];
    const merges = [
      merge(4, "2026-08-01T00:00:00Z", "2026-10-20T00:00:00Z"), // age 61, merged later: not known as stalled
      merge(5, "2026-08-01T00:00:00Z", "2026-09-20T00:00:00Z"), // merged by then
    ];
    assert.deepEqual(openMrs(merges, open, september), { count: 3, medianAgeDays: 30, stalled: 1 });
  });
});
