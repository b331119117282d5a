import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatAge,
  formatNumber,
  monthLabel,
  previousMonth,
  progressBar,
  signedChange,
  slackDate,
  sparkline,
  statusLabel,
} from "../../../src/slack/blocks/format.js";

describe("format", () => {
  it("formats numbers with thousands separators", () => {
    assert.equal(formatNumber(1000), "1,000");
    assert.equal(formatNumber(1234567.5), "1,234,567.5");
    assert.equal(formatNumber(12), "12");
    assert.equal(formatNumber(-1500), "−1,500");
  });

  it("draws a ten-cell progress bar that is full only at 100 %", () => {
    assert.equal(progressBar(42), "▓▓▓▓░░░░░░ 42%");
    assert.equal(progressBar(0), "░░░░░░░░░░ 0%");
    assert.equal(progressBar(99.6), "▓▓▓▓▓▓▓▓▓░ 100%");
    assert.equal(progressBar(100), "▓▓▓▓▓▓▓▓▓▓ 100%");
    assert.equal(progressBar(130), "▓▓▓▓▓▓▓▓▓▓ 130%");
  });

  it("draws a sparkline scaled from zero to the maximum", () => {
    assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), "▁▂▃▄▅▆▇█");
    assert.equal(sparkline([0, 0, 0]), "▁▁▁");
    assert.equal(sparkline([10, 10]), "██");
  });

  it("renders Slack dates with an ISO fallback", () => {
    assert.equal(
      slackDate("2026-11-15T11:45:00Z"),
      "<!date^1794743100^{date_short_pretty} at {time}|2026-11-15T11:45:00.000Z>",
    );
    assert.equal(slackDate("not a date <x>"), "not a date &lt;x&gt;");
  });

  it("labels months and steps back across a year", () => {
    assert.equal(monthLabel("2026-11"), "November 2026");
    assert.equal(previousMonth("2026-01"), "2025-12");
    assert.equal(previousMonth("2026-11"), "2026-10");
  });

  it("signs month-over-month changes", () => {
    assert.equal(signedChange(412, 812), "−400 (−49%)");
    assert.equal(signedChange(900, 800), "+100 (+13%)");
    assert.equal(signedChange(5, 0), "+5");
    assert.equal(signedChange(7, 7), "±0");
  });

  it("words every status", () => {
    assert.equal(statusLabel("on_track"), ":large_green_circle: on track");
    assert.equal(statusLabel("at_risk"), ":large_yellow_circle: at risk");
    assert.equal(statusLabel("behind"), ":red_circle: behind");
    assert.equal(statusLabel("unknown"), ":white_circle: too early to tell");
  });

  it("says how old data is in its largest unit", () => {
    assert.equal(formatAge(90 * 60_000), "1 hour");
    assert.equal(formatAge(3 * 24 * 3_600_000), "3 days");
    assert.equal(formatAge(60_000), "1 minute");
  });
});
