import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { monthStanding } from "../../src/metrics/standing.js";
import { formatAge, monthLabel, plainDate, shortMonthLabel } from "../../src/wording/dates.js";

const previousMonth = (month: string): string =>
  monthStanding({ count: 0, previousMonth: 0, expectedByNow: 0 }, 1000, month).change.fromMonth;

describe("dates", () => {
  it("labels months and steps back across a year", () => {
    assert.equal(monthLabel("2026-11"), "November 2026");
    assert.equal(shortMonthLabel("2026-11"), "Nov 2026");
    assert.equal(previousMonth("2026-01"), "2025-12");
    assert.equal(previousMonth("2026-11"), "2026-10");
  });

  it("says how old data is in its largest unit", () => {
    assert.equal(formatAge(90 * 60_000), "1 hour");
    assert.equal(formatAge(3 * 24 * 3_600_000), "3 days");
    assert.equal(formatAge(60_000), "1 minute");
  });

  it("writes instants for the terminal in UTC", () => {
    assert.equal(plainDate("2026-11-12T09:30:00.000Z"), "2026-11-12 09:30 UTC");
  });
});
