/** Month over month at the same point, and the months a report may be asked for: hand-computed fixtures. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MonthArgError } from "../../src/metrics/errors.js";
import { monthOverMonthText, previousMonthText } from "../../src/wording/comparison.js";
import { reportFromRecords } from "../support/report-from-records.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

// November: 3 people by 2 Nov 10:00 (users 1–3), 2 more later (4, 5): 5 in all.
// December so far (2 Dec 10:00): users 1, 6, 7, 8 → 4.
const contributions = [
  mr(1, "2026-11-01T08:00:00Z"),
  mr(2, "2026-11-02T09:59:00Z"),
  mr(3, "2026-11-01T23:00:00Z"),
  mr(3, "2026-11-20T00:00:00Z"),
  mr(4, "2026-11-02T10:01:00Z"),
  mr(5, "2026-11-29T12:00:00Z"),
  mr(1, "2026-12-01T03:00:00Z"),
  mr(6, "2026-12-01T04:00:00Z"),
  mr(7, "2026-12-02T08:00:00Z"),
  mr(8, "2026-12-02T09:00:00Z"),
];
const data = snapshot({ contributions, historyStartMs: Date.parse("2026-10-01T00:00:00Z"), dataAsOf: "x" });

describe("month over month", () => {
  it("compares the month so far with the previous month by the same point, and shows its final count", async () => {
    const report = await reportFromRecords(data, reportConfig(), new Date("2026-12-02T10:00:00Z"));
    const c = report.contributors;
    assert.equal(c.count, 4);
    assert.equal(c.previousMonth, 5);
    assert.equal(c.previousMonthToDate, 3);
    assert.deepEqual(c.standing.change, {
      fromMonth: "2026-11",
      delta: 1,
      percent: (1 / 3) * 100,
      samePointDay: "2026-11-02",
    });
    assert.equal(previousMonthText(report), "3 by 2 Nov (5 in all of November 2026)");
    assert.equal(monthOverMonthText(report), "vs 3 by 2 Nov: +1 (+33%); 5 in all of November 2026");
  });

  it("a month that is over compares with the whole previous month", async () => {
    const report = await reportFromRecords(data, reportConfig(), new Date("2026-12-02T10:00:00Z"), {
      month: "2026-11",
    });
    assert.equal(report.contributors.previousMonthToDate, 0);
    assert.equal(report.contributors.standing.change.samePointDay, null);
    assert.equal(monthOverMonthText(report), "vs 0 in October 2026: +5");
  });

  it("on the 31st against a 30-day month the point is the whole previous month", async () => {
    const late = snapshot({ ...data, contributions: [...contributions, mr(9, "2026-12-31T01:00:00Z")] });
    const report = await reportFromRecords(late, reportConfig(), new Date("2026-12-31T12:00:00Z"));
    assert.equal(report.contributors.previousMonthToDate, 5);
    assert.equal(report.contributors.standing.change.samePointDay, null);
  });
});

describe("months a report may be asked for", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  it("from the synced history's first month to the current one; else a MonthArgError naming the first", async () => {
    assert.equal((await reportFromRecords(data, reportConfig(), now, { month: "2026-10" })).month, "2026-10");
    for (const month of ["2026-09", "2020-01", "2027-01"]) {
      await assert.rejects(
        () => reportFromRecords(data, reportConfig(), now, { month }),
        (error: unknown) =>
          error instanceof MonthArgError &&
          error.firstMonthAvailable === "2026-10" &&
          error.message.includes(`--month ${month} is`) &&
          error.message.includes("the first month available is 2026-10"),
        month,
      );
    }
  });
});
