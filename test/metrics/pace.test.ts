import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CurveMonth, computePace, cumulativeFraction, paceCurve, paceStatus } from "../../src/metrics/pace.js";
import { monthRange } from "./snapshot-fixtures.js";

const DAY = 86_400_000;
const linear = paceCurve([]);

/** A prior month whose first merges sit at the given fractions of its length. */
function monthWithFractions(key: string, fractions: number[], tz = "UTC"): CurveMonth {
  const { startMs, endMs } = monthRange(key, tz);
  const firstMerges = Float64Array.from(fractions.map((f) => startMs + f * (endMs - startMs))).sort();
  return { startMs, endMs, firstMerges };
}

/** 20 contributors of which `reachedByHalf` arrived by the middle of the month. */
const priorMonth = (key: string, reachedByHalf: number): CurveMonth =>
  monthWithFractions(
    key,
    Array.from({ length: 20 }, (_, i) => (i < reachedByHalf ? 0.1 + (0.4 * i) / 20 : 0.6 + (0.3 * i) / 20)),
  );

describe("the curve", () => {
  it("is linear with no history, and with a single usable month", () => {
    assert.equal(paceCurve([]).kind, "linear");
    assert.equal(paceCurve([]).at(0.37), 0.37);
    const one = paceCurve([priorMonth("2026-10", 8)]);
    assert.equal(one.kind, "linear");
    assert.equal(one.at(0.5), 0.5);
  });

  it("ignores empty months when deciding whether history suffices", () => {
    const empty: CurveMonth = { ...monthRange("2026-09", "UTC"), firstMerges: new Float64Array(0) };
    assert.equal(paceCurve([priorMonth("2026-10", 8), empty]).kind, "linear");
  });

  it("takes each month's fraction of its final count by the same fraction of the month", () => {
    // 8 of 20 by half-time -> 0.4; inclusive of a merge exactly at the instant
    assert.equal(cumulativeFraction(priorMonth("2026-10", 8), 0.5), 0.4);
    assert.equal(cumulativeFraction(monthWithFractions("2026-10", [0.25, 0.5, 0.75, 1]), 0.5), 0.5);
    assert.equal(cumulativeFraction(monthWithFractions("2026-10", [0.25, 0.5, 0.75]), 0.2), 0);
  });

  it("measures fractions on the month's real length across DST", () => {
    // New York, November 2026 has 721 hours; halfway is 360.5 h after local midnight on the 1st.
    const { startMs } = monthRange("2026-11", "America/New_York");
    const month: CurveMonth = {
      ...monthRange("2026-11", "America/New_York"),
      firstMerges: Float64Array.from([startMs + 360.5 * 3_600_000, startMs + 360.5 * 3_600_000 + 1]),
    };
    assert.equal(cumulativeFraction(month, 0.5), 0.5);
  });

  it("is the median over the usable months (mean of the middle two for an even number)", () => {
    const curve = paceCurve([
      priorMonth("2026-10", 8), // 0.40 at half-time
      priorMonth("2026-09", 9), // 0.45
      priorMonth("2026-08", 10), // 0.50
      priorMonth("2026-07", 11), // 0.55
    ]);
    assert.equal(curve.kind, "empirical");
    assert.equal(curve.at(0.5), 0.475);
    const odd = paceCurve([priorMonth("2026-10", 8), priorMonth("2026-09", 16), priorMonth("2026-08", 10)]);
    assert.equal(odd.at(0.5), 0.5);
  });
});

describe("computePace", () => {
  // November 2026 (UTC) has 30 days: now = the 16th 00:00 is exactly half-way.
  const { startMs, endMs } = monthRange("2026-11", "UTC");
  const half = startMs + 15 * DAY;

  it("gives the documented projection from a known curve (the doc comment's worked example)", () => {
    const curve = paceCurve([
      priorMonth("2026-10", 8),
      priorMonth("2026-09", 9),
      priorMonth("2026-08", 10),
      priorMonth("2026-07", 11),
    ]);
    const pace = computePace({
      count: 380,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: half,
      curve,
    });
    assert.deepEqual(pace, {
      elapsedFraction: 0.5,
      expectedByNow: 475,
      projected: 800,
      ratio: 0.8,
      status: "behind",
      neededPerDay: 41.3,
    });
  });

  it("is linear with no history: half the month, half the target", () => {
    const pace = computePace({
      count: 450,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: half,
      curve: linear,
    });
    assert.equal(pace.expectedByNow, 500);
    assert.equal(pace.projected, 900);
    assert.equal(pace.ratio, 0.9);
    assert.equal(pace.status, "at_risk");
    assert.equal(pace.neededPerDay, 36.7); // 550 / 15
  });

  it("says unknown during the first 10 % of the month, and judges from 10 % on", () => {
    const tenth = startMs + 3 * DAY; // exactly 0.1 of a 30-day month
    const early = computePace({
      count: 0,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: tenth - 1,
      curve: linear,
    });
    assert.equal(early.status, "unknown");
    const atTenth = computePace({
      count: 0,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: tenth,
      curve: linear,
    });
    assert.equal(atTenth.elapsedFraction, 0.1);
    assert.equal(atTenth.status, "behind");
  });

  it("puts the status boundaries exactly at ratios 1.0 and 0.85", () => {
    const at = (count: number) =>
      computePace({ count, target: 200, monthStartMs: startMs, monthEndMs: endMs, nowMs: half, curve: linear });
    assert.equal(at(100).ratio, 1);
    assert.equal(at(100).status, "on_track");
    assert.equal(at(99).status, "at_risk");
    assert.equal(at(85).ratio, 0.85);
    assert.equal(at(85).status, "at_risk");
    assert.equal(at(84).status, "behind");
  });

  it("decides status on the unrounded ratio", () => {
    assert.equal(paceStatus(0.8499999, 0.5, 100), "behind");
    assert.equal(paceStatus(0.9999999, 0.5, 100), "at_risk");
    assert.equal(paceStatus(1.2, 0.05, 100), "unknown");
    assert.equal(paceStatus(0, 0.5, 0), "unknown");
  });

  it("reports 0 ratio and unknown when nothing is expected yet", () => {
    const flatStart = paceCurve([monthWithFractions("2026-10", [0.9]), monthWithFractions("2026-09", [0.95])]);
    const pace = computePace({
      count: 3,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: half,
      curve: flatStart,
    });
    assert.equal(pace.expectedByNow, 0);
    assert.equal(pace.ratio, 0);
    assert.equal(pace.status, "unknown");
    assert.equal(pace.projected, 3);
  });

  it("judges a month that is over on its final count", () => {
    const pace = computePace({
      count: 870,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: endMs + 40 * DAY,
      curve: linear,
    });
    assert.deepEqual(pace, {
      elapsedFraction: 1,
      expectedByNow: 1000,
      projected: 870,
      ratio: 0.87,
      status: "at_risk",
      neededPerDay: 0,
    });
  });

  it("needs nothing more per day once the target is reached, and counts the last partial day as a whole one", () => {
    const done = computePace({
      count: 1200,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: half,
      curve: linear,
    });
    assert.equal(done.neededPerDay, 0);
    const lastHour = computePace({
      count: 990,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: endMs - 3_600_000,
      curve: linear,
    });
    assert.equal(lastHour.neededPerDay, 10);
    const dayAndABit = computePace({
      count: 990,
      target: 1000,
      monthStartMs: startMs,
      monthEndMs: endMs,
      nowMs: endMs - DAY - 1,
      curve: linear,
    });
    assert.equal(dayAndABit.neededPerDay, 5);
  });
});
