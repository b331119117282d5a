import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { monthStanding } from "../../src/metrics/standing.js";
import {
  dateLabel,
  formatAge,
  localDateLabel,
  monthLabel,
  plainDate,
  shortMonthLabel,
  utcDateTimeLabel,
  weekLabel,
} from "../../src/wording/dates.js";

const previousMonth = (month: string): string =>
  monthStanding({ count: 0, previousMonth: 0, expectedByNow: 0 }, 1000, month).change.fromMonth;

describe("dates", () => {
  it("prints a date-only value as that calendar day, for every reader", () => {
    assert.equal(dateLabel("2026-06-30"), "30 Jun 2026");
    assert.equal(dateLabel("2027-01-01"), "1 Jan 2027");
    assert.equal(dateLabel("soon"), "soon");
  });

  it("writes an instant as its local date, or as UTC date and time, never as ISO", () => {
    assert.equal(localDateLabel("2026-11-30T06:00:00Z", "UTC"), "30 Nov 2026");
    assert.equal(localDateLabel("2026-11-30T06:00:00Z", "America/Los_Angeles"), "29 Nov 2026");
    assert.equal(localDateLabel("not a date", "UTC"), "not a date");
    assert.equal(utcDateTimeLabel(Date.parse("2026-11-15T11:45:59Z")), "15 Nov 2026 11:45 UTC");
  });

  it("names a week by number and its Monday to Sunday", () => {
    assert.equal(weekLabel({ week: 49, monday: "2026-11-30", sunday: "2026-12-06" }), "week 49, 30 Nov–6 Dec 2026");
    assert.equal(weekLabel({ week: 50, monday: "2026-12-07", sunday: "2026-12-13" }), "week 50, 7–13 Dec 2026");
    assert.equal(weekLabel({ week: 1, monday: "2025-12-29", sunday: "2026-01-04" }), "week 1, 29 Dec 2025–4 Jan 2026");
  });

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
