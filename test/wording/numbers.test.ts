import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { monthStanding } from "../../src/metrics/standing.js";
import { counted, formatNumber, plural, signedChange } from "../../src/wording/numbers.js";

/** The change as the Report carries it (src/metrics/standing.ts), worded. */
const changeWords = (count: number, previousMonth: number): string => {
  const { delta, percent } = monthStanding({ count, previousMonth, expectedByNow: 0 }, 1000, "2026-11").change;
  return signedChange(delta, percent);
};

describe("numbers", () => {
  it("formats numbers with thousands separators", () => {
    assert.equal(formatNumber(1000), "1,000");
    assert.equal(formatNumber(1234567.5), "1,234,567.5");
    assert.equal(formatNumber(12), "12");
    assert.equal(formatNumber(-1500), "−1,500");
  });

  it("signs month-over-month changes", () => {
    assert.equal(changeWords(412, 812), "−400 (−49%)");
    assert.equal(changeWords(900, 800), "+100 (+13%)");
    assert.equal(changeWords(5, 0), "+5");
    assert.equal(changeWords(7, 7), "±0");
  });

  it("puts a noun in the plural unless there is exactly one", () => {
    assert.equal(plural(1, "issue"), "issue");
    assert.equal(plural(0, "issue"), "issues");
    assert.equal(counted(1, "page"), "1 page");
    assert.equal(counted(1200, "request"), "1,200 requests");
  });
});
