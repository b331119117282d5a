import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addMonths,
  firstMonthAvailable,
  isoWeekKey,
  isoWeekOf,
  monthKeyOf,
  monthStartMs,
  parseMonthArg,
  zonedDateParts,
} from "../../src/metrics/calendar.js";
import { MonthArgError } from "../../src/metrics/errors.js";
import { monthBoundaries, monthIndexOf } from "../../src/metrics/month-index.js";
import { monthRange } from "./snapshot-fixtures.js";

const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe("monthRange", () => {
  it("gives UTC month starts in UTC", () => {
    const range = monthRange("2026-11", "UTC");
    assert.equal(iso(range.startMs), "2026-11-01T00:00:00.000Z");
    assert.equal(iso(range.endMs), "2026-12-01T00:00:00.000Z");
  });

  it("has 29 days in February of a leap year and 28 otherwise", () => {
    const leap = monthRange("2024-02", "UTC");
    assert.equal((leap.endMs - leap.startMs) / (24 * HOUR), 29);
    const common = monthRange("2026-02", "UTC");
    assert.equal((common.endMs - common.startMs) / (24 * HOUR), 28);
    const century = monthRange("2100-02", "UTC");
    assert.equal((century.endMs - century.startMs) / (24 * HOUR), 28);
  });

  it("uses local midnight in the zone and real month lengths across DST", () => {
    // Amsterdam: CET (+1) until 2026-03-29 02:00, then CEST (+2): March is one hour short.
    const march = monthRange("2026-03", "Europe/Amsterdam");
    assert.equal(iso(march.startMs), "2026-02-28T23:00:00.000Z");
    assert.equal(iso(march.endMs), "2026-03-31T22:00:00.000Z");
    assert.equal(march.endMs - march.startMs, 31 * 24 * HOUR - HOUR);
    // New York: EDT ends 2026-11-01 02:00, so November is one hour long.
    const november = monthRange("2026-11", "America/New_York");
    assert.equal(iso(november.startMs), "2026-11-01T04:00:00.000Z");
    assert.equal(november.endMs - november.startMs, 30 * 24 * HOUR + HOUR);
  });

  it("handles a half-hour zone", () => {
    assert.equal(iso(monthStartMs("2026-04", "Asia/Kolkata")), "2026-03-31T18:30:00.000Z");
  });

  it("starts a day at the first instant that exists when DST skips midnight", () => {
    // America/Asuncion jumped from 00:00 (-04) to 01:00 (-03) on 2023-10-01: October began at 01:00 local.
    assert.equal(iso(monthStartMs("2023-10", "America/Asuncion")), "2023-10-01T04:00:00.000Z");
    // Samoa skipped 2011-12-30 entirely: December 2011 had 30 days there.
    const december = monthRange("2011-12", "Pacific/Apia");
    assert.equal(december.endMs - december.startMs, 30 * 24 * HOUR);
  });
});

describe("monthKeyOf and zonedDateParts", () => {
  it("puts 23:59:59 on the last local day in that month, though it is the next month in UTC", () => {
    const ms = Date.parse("2026-02-01T04:59:59Z"); // 2026-01-31 23:59:59 in New York (EST, -5)
    assert.equal(monthKeyOf(ms, "America/New_York"), "2026-01");
    assert.equal(monthKeyOf(ms, "UTC"), "2026-02");
    assert.equal(monthKeyOf(ms + 1000, "America/New_York"), "2026-02");
  });

  it("returns wall-clock parts and the ISO weekday", () => {
    assert.deepEqual(zonedDateParts(Date.parse("2026-11-29T23:30:00Z"), "Europe/Amsterdam"), {
      year: 2026,
      month: 11,
      day: 30,
      hour: 0,
      minute: 30,
      second: 0,
      weekday: 1,
    });
    assert.equal(zonedDateParts(Date.parse("2026-11-29T12:00:00Z"), "UTC").weekday, 7);
  });
});

describe("addMonths", () => {
  it("crosses year boundaries both ways", () => {
    assert.equal(addMonths("2026-11", 2), "2027-01");
    assert.equal(addMonths("2026-01", -1), "2025-12");
    assert.equal(addMonths("2026-11", -12), "2025-11");
    assert.equal(addMonths("2026-11", -23), "2024-12");
  });

  it("rejects malformed keys", () => {
    assert.throws(() => addMonths("2026-13", 1), RangeError);
  });
});

describe("isoWeekKey", () => {
  it("numbers weeks by ISO-8601, including week-year changes", () => {
    assert.equal(isoWeekKey(Date.parse("2026-11-26T12:00:00Z"), "UTC"), "2026-W48");
    assert.equal(isoWeekKey(Date.parse("2021-01-03T12:00:00Z"), "UTC"), "2020-W53");
    assert.equal(isoWeekKey(Date.parse("2024-12-30T12:00:00Z"), "UTC"), "2025-W01");
  });

  it("uses the local date", () => {
    const ms = Date.parse("2026-11-29T23:30:00Z"); // Sunday in UTC, Monday in Amsterdam
    assert.equal(isoWeekKey(ms, "UTC"), "2026-W48");
    assert.equal(isoWeekKey(ms, "Europe/Amsterdam"), "2026-W49");
  });

  it("gives the week's Monday and Sunday as local dates, across a year", () => {
    assert.deepEqual(isoWeekOf(Date.parse("2026-12-03T08:00:00Z"), "UTC"), {
      key: "2026-W49",
      weekYear: 2026,
      week: 49,
      monday: "2026-11-30",
      sunday: "2026-12-06",
    });
    const newYear = isoWeekOf(Date.parse("2021-01-03T12:00:00Z"), "UTC");
    assert.deepEqual([newYear.key, newYear.monday, newYear.sunday], ["2020-W53", "2020-12-28", "2021-01-03"]);
    const amsterdam = isoWeekOf(Date.parse("2026-11-29T23:30:00Z"), "Europe/Amsterdam");
    assert.deepEqual([amsterdam.monday, amsterdam.sunday], ["2026-11-30", "2026-12-06"]);
  });
});

describe("parseMonthArg", () => {
  const now = Date.parse("2026-11-15T12:00:00Z");

  it("accepts the current and past months", () => {
    assert.equal(parseMonthArg("2026-11", now, "UTC"), "2026-11");
    assert.equal(parseMonthArg("2025-02", now, "UTC"), "2025-02");
  });

  it("rejects malformed months with a message naming the input", () => {
    for (const bad of ["2026-13", "2026-1", "26-11", "2026-00", "november", ""]) {
      assert.throws(
        () => parseMonthArg(bad, now, "UTC"),
        (error: unknown) =>
          error instanceof MonthArgError && error.message === `--month must look like YYYY-MM (got "${bad}")`,
      );
    }
  });

  it("rejects future months, naming the current month in the zone", () => {
    assert.throws(
      () => parseMonthArg("2027-01", now, "UTC"),
      (error: unknown) =>
        error instanceof MonthArgError &&
        error.message === "--month 2027-01 is after the current month (2026-11 in UTC)",
    );
    // with a synced history, the message names its first month
    assert.throws(
      () => parseMonthArg("2027-01", now, "UTC", Date.parse("2024-11-01T00:00:00Z")),
      (error: unknown) =>
        error instanceof MonthArgError &&
        error.firstMonthAvailable === "2024-11" &&
        error.message ===
          "--month 2027-01 is after the current month (2026-11 in UTC); the first month available is 2024-11",
    );
    // 2026-11-30T23:30Z is already December in Amsterdam.
    const late = Date.parse("2026-11-30T23:30:00Z");
    assert.equal(parseMonthArg("2026-12", late, "Europe/Amsterdam"), "2026-12");
    assert.throws(() => parseMonthArg("2026-12", late, "UTC"), MonthArgError);
  });
});

describe("months before the synced history", () => {
  const now = Date.parse("2026-11-15T12:00:00Z");
  const historyStart = Date.parse("2024-11-01T00:00:00Z");

  it("the history's first month and later are available; earlier is a MonthArgError naming the first", () => {
    assert.equal(parseMonthArg("2024-11", now, "UTC", historyStart), "2024-11");
    assert.throws(
      () => parseMonthArg("2024-10", now, "UTC", historyStart),
      (error: unknown) =>
        error instanceof MonthArgError &&
        error.firstMonthAvailable === "2024-11" &&
        error.message.startsWith("--month 2024-10 is before the synced history: the first month available is 2024-11"),
    );
  });

  it("west of UTC the history starts on the previous local month's last evening: that month is not available", () => {
    // 2024-11-01T00:00Z is 31 October 17:00 in Los Angeles
    assert.equal(firstMonthAvailable(historyStart, "America/Los_Angeles"), "2024-11");
    assert.equal(firstMonthAvailable(historyStart, "Asia/Tokyo"), "2024-11");
    assert.throws(() => parseMonthArg("2024-10", now, "America/Los_Angeles", historyStart), MonthArgError);
  });
});

describe("months before 1970 and years below 100", () => {
  const now = Date.parse("2026-11-15T12:00:00Z");

  it("parseMonthArg: a usage error before 1970 (0000-01, 0099-12, 1969-12); 1970-01 is the first month", () => {
    for (const early of ["0000-01", "0099-12", "1969-12"]) {
      assert.throws(
        () => parseMonthArg(early, now, "UTC"),
        (error: unknown) =>
          error instanceof MonthArgError &&
          error.message === `--month ${early} is before 1970: give a month from 1970-01 to 2026-11`,
      );
    }
    assert.equal(parseMonthArg("1970-01", now, "UTC"), "1970-01");
  });

  it("a year below 100 is that year, never 19xx: its month starts and is named as itself", () => {
    const start = monthStartMs("0099-12", "UTC");
    assert.equal(new Date(start).getUTCFullYear(), 99);
    assert.equal(monthKeyOf(start, "UTC"), "0099-12");
    assert.equal(addMonths("0099-12", 1), "0100-01");
    assert.equal(isoWeekKey(start, "UTC"), "0099-W49"); // as Python's proleptic date(99, 12, 1).isocalendar()
  });
});

describe("monthIndexOf", () => {
  it("places instants in months, -1 before and count after", () => {
    const b = monthBoundaries("2026-01", 3, "UTC");
    assert.deepEqual(b.keys, ["2026-01", "2026-02", "2026-03"]);
    assert.equal(monthIndexOf(b, Date.parse("2025-12-31T23:59:59.999Z")), -1);
    assert.equal(monthIndexOf(b, Date.parse("2026-01-01T00:00:00Z")), 0);
    assert.equal(monthIndexOf(b, Date.parse("2026-02-28T23:59:59.999Z")), 1);
    assert.equal(monthIndexOf(b, Date.parse("2026-03-31T23:59:59.999Z")), 2);
    assert.equal(monthIndexOf(b, Date.parse("2026-04-01T00:00:00Z")), 3);
  });
});
