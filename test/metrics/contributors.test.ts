import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregateContributors } from "../../src/metrics/contributors.js";
import { monthBoundaries } from "../../src/metrics/month-index.js";
import type { Contribution } from "../../src/model/records.js";
import { createRandom } from "../../src/sandbox/seeded-random.js";
import { mr } from "./snapshot-fixtures.js";

const FAR_FUTURE = Date.parse("2100-01-01T00:00:00Z");

/** Aggregates over `count` months from `first` and returns the per-month counts. */
function counts(records: Contribution[], first: string, count: number, tz = "UTC", cutoff = FAR_FUTURE): number[] {
  return aggregateContributors(records, monthBoundaries(first, count, tz), cutoff).counts;
}

describe("contributors per month", () => {
  it("counts a person with 5 MRs in a month once", () => {
    const records = [
      mr(1, "2026-10-01T00:00:00Z"),
      mr(1, "2026-10-05T10:00:00Z"),
      mr(1, "2026-10-10T10:00:00Z"),
      mr(1, "2026-10-20T10:00:00Z"),
      mr(1, "2026-10-31T23:59:59Z"),
      mr(2, "2026-10-15T10:00:00Z"),
    ];
    assert.deepEqual(counts(records, "2026-10", 1), [2]);
  });

  it("keys people by user id, not username", () => {
    const renamed = { ...mr(1, "2026-10-20T00:00:00Z"), username: "new-name" };
    assert.deepEqual(counts([mr(1, "2026-10-02T00:00:00Z"), renamed], "2026-10", 1), [1]);
  });

  it("puts an MR merged 23:59:59 on the last local day in that month, not the next one as UTC would", () => {
    // 2026-01-31 23:59:59 in New York is 2026-02-01 04:59:59 UTC.
    const records = [mr(1, "2026-02-01T04:59:59Z"), mr(2, "2026-02-01T05:00:00Z")];
    assert.deepEqual(counts(records, "2026-01", 2, "America/New_York"), [1, 1]);
    assert.deepEqual(counts(records, "2026-01", 2, "UTC"), [0, 2]);
  });

  it("counts a month crossing DST by local midnights", () => {
    // Amsterdam March 2026: 2026-02-28T23:00Z .. 2026-03-31T22:00Z (the clocks move forward on the 29th).
    const records = [
      mr(1, "2026-02-28T22:59:59Z"), // Feb 28 23:59:59 local
      mr(2, "2026-02-28T23:00:00Z"), // Mar 1 00:00 local
      mr(3, "2026-03-29T01:30:00Z"), // Mar 29 03:30 CEST, just after the change
      mr(4, "2026-03-31T21:59:59Z"), // Mar 31 23:59:59 CEST
      mr(5, "2026-03-31T22:00:00Z"), // Apr 1 00:00 CEST
    ];
    assert.deepEqual(counts(records, "2026-02", 3, "Europe/Amsterdam"), [1, 3, 1]);
  });

  it("counts February 29 of a leap year in February", () => {
    const records = [mr(1, "2024-02-29T12:00:00Z"), mr(2, "2024-02-29T23:59:59Z"), mr(3, "2024-03-01T00:00:00Z")];
    assert.deepEqual(counts(records, "2024-02", 2), [2, 1]);
  });

  it("ignores merges after the cutoff (now) in the report month", () => {
    const records = [mr(1, "2026-11-03T00:00:00Z"), mr(2, "2026-11-10T00:00:00Z"), mr(3, "2026-11-10T00:00:01Z")];
    assert.deepEqual(counts(records, "2026-11", 1, "UTC", Date.parse("2026-11-10T00:00:00Z")), [2]);
  });

  it("lists each author's first merge of each month, sorted", () => {
    const records = [mr(2, "2026-10-09T00:00:00Z"), mr(1, "2026-10-05T00:00:00Z"), mr(2, "2026-10-02T00:00:00Z")];
    const result = aggregateContributors(records, monthBoundaries("2026-10", 1, "UTC"), FAR_FUTURE);
    assert.deepEqual(Array.from(result.firstMerges[0] ?? []), [
      Date.parse("2026-10-02T00:00:00Z"),
      Date.parse("2026-10-05T00:00:00Z"),
    ]);
  });
});

describe("first-time contributors", () => {
  const window = monthBoundaries("2026-10", 2, "UTC"); // report month: 2026-11
  const firstTimers = (records: Contribution[]): string[] =>
    aggregateContributors(records, window, FAR_FUTURE).reportMonth.firstTimers.map((f) => f.username);

  it("is a contributor with no earlier counted merge in the synced history, even long before the window", () => {
    const records = [
      mr(1, "2026-11-04T00:00:00Z"), // first ever: first-timer
      mr(2, "2026-11-04T00:00:00Z"),
      mr(2, "2026-10-30T00:00:00Z"), // merged last month: not
      mr(3, "2026-11-05T00:00:00Z"),
      mr(3, "2024-01-01T00:00:00Z"), // merged years ago (outside the window): not
      mr(4, "2026-11-02T00:00:00Z"),
      mr(4, "2026-11-20T00:00:00Z"), // two MRs this month, none before: first-timer
    ];
    assert.deepEqual(firstTimers(records), ["user1", "user4"]);
  });

  it("includes anyone whose MR this month carries the `1st contribution` label", () => {
    const records = [mr(5, "2026-10-01T00:00:00Z"), mr(5, "2026-11-01T00:00:00Z", true)];
    assert.deepEqual(firstTimers(records), ["user5"]);
  });

  it("ignores a label on an MR of another month", () => {
    const records = [mr(6, "2026-10-01T00:00:00Z", true), mr(6, "2026-11-01T00:00:00Z")];
    assert.deepEqual(firstTimers(records), []);
  });

  it("is sorted by username and named by the latest record", () => {
    const records = [
      { ...mr(9, "2026-11-01T00:00:00Z"), username: "old-zed" },
      { ...mr(9, "2026-11-09T00:00:00Z"), username: "zed", name: "Zed" },
      { ...mr(8, "2026-11-03T00:00:00Z"), username: "amy", name: "Amy" },
    ];
    assert.deepEqual(aggregateContributors(records, window, FAR_FUTURE).reportMonth.firstTimers, [
      { username: "amy", name: "Amy" },
      { username: "zed", name: "Zed" },
    ]);
  });
});

describe("top contributors", () => {
  it("ranks by merged MRs in the month, ties by username, whatever the input order", () => {
    const base = [
      ...[1, 2, 3].map((d) => mr(3, `2026-11-0${d}T00:00:00Z`)), // user3: 3
      ...[1, 2].map((d) => mr(20, `2026-11-0${d}T00:00:00Z`)), // user20: 2
      ...[1, 2].map((d) => mr(10, `2026-11-0${d}T00:00:00Z`)), // user10: 2
      mr(4, "2026-11-05T00:00:00Z"), // user4: 1
      mr(4, "2026-10-05T00:00:00Z"), // ...plus one last month that does not count
    ];
    const expected = [
      { username: "user3", mergedCount: 3 },
      { username: "user10", mergedCount: 2 },
      { username: "user20", mergedCount: 2 },
      { username: "user4", mergedCount: 1 },
    ];
    const window = monthBoundaries("2026-10", 2, "UTC");
    for (const records of [base, [...base].reverse()]) {
      const ranking = aggregateContributors(records, window, FAR_FUTURE).reportMonth.ranking;
      assert.deepEqual(
        ranking.map(({ username, mergedCount }) => ({ username, mergedCount })),
        expected,
      );
    }
  });
});

describe("property: counts equal a brute-force distinct count", () => {
  const zones = ["UTC", "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"];
  for (let seed = 1; seed <= 40; seed++) {
    it(`random history #${seed}`, () => {
      const random = createRandom(seed).next;
      const zone = zones[seed % zones.length] as string;
      const from = Date.parse("2023-10-15T00:00:00Z");
      const span = Date.parse("2025-06-15T00:00:00Z") - from;
      const authors = 1 + Math.floor(random() * 60);
      const records: Contribution[] = [];
      const total = Math.floor(random() * 400);
      for (let i = 0; i < total; i++) {
        const author = 1 + Math.floor(random() * authors);
        // a third of the instants sit within a second of some zone's local midnight on the 1st, where mistakes hide
        const edge =
          Date.UTC(2024, Math.floor(random() * 16), 1) +
          (Math.floor(random() * 113) - 56) * 15 * 60_000 +
          ([-1000, -1, 0, 999][Math.floor(random() * 4)] as number);
        const at = random() < 0.33 ? edge : Math.floor(from + random() * span);
        records.push({ ...mr(author, new Date(at).toISOString()), firstContributionLabel: random() < 0.05 });
      }
      const cutoff = Date.parse("2025-02-10T13:00:00Z");
      const window = monthBoundaries("2024-02", 13, zone); // report month 2025-02, a month in progress
      const result = aggregateContributors(records, window, cutoff);

      // brute force: format every record through Intl (slow, obviously right)
      const formatter = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit" });
      const expected = window.keys.map((key) => {
        const ids = new Set<number>();
        for (const r of records) {
          if (r.mergedAtMs > cutoff) continue;
          if (formatter.format(new Date(r.mergedAtMs)).slice(0, 7) === key) ids.add(r.authorId);
        }
        return ids.size;
      });
      assert.deepEqual(result.counts, expected);

      const reportKey = window.keys[12] as string;
      const inReport = records.filter(
        (r) => r.mergedAtMs <= cutoff && formatter.format(new Date(r.mergedAtMs)).slice(0, 7) === reportKey,
      );
      const monthOf = (r: Contribution): string => formatter.format(new Date(r.mergedAtMs)).slice(0, 7);
      const expectedFirst = [...new Set(inReport.map((r) => r.authorId))]
        .filter(
          (id) =>
            !records.some((r) => r.authorId === id && monthOf(r) < reportKey) ||
            inReport.some((r) => r.authorId === id && r.firstContributionLabel),
        )
        .map((id) => `user${id}`)
        .sort();
      assert.deepEqual(
        result.reportMonth.firstTimers.map((f) => f.username),
        expectedFirst,
      );
    });
  }
});
