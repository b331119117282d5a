/**
 * Pace: is the month on its way to the target?
 *
 * Contributors do not arrive evenly: a month's distinct-contributor count rises fast in the first days (the regulars)
 * and flattens later. So "expected by now" follows an empirical intra-month curve instead of a straight line.
 *
 * Method (README, "What the numbers mean"):
 * - For each usable prior month j (up to the 6 complete months before the report month, fully inside the synced
 *   history, with at least one contributor), c_j(f) = distinct contributors whose first merge of the month happened by
 *   fraction f of that month (of its real length in ms, so 23- and 25-hour DST days are weighed right), divided by
 *   the month's final count. Each month's first-merge instants are sorted once; c_j(f) is a binary search.
 * - curve(f) = median of c_j(f) over the usable months (mean of the two middle values for an even number).
 *   With fewer than 2 usable months, curve(f) = f (linear).
 * - expectedByNow = T × curve(f); projected = count / curve(f); ratio = count / expectedByNow.
 * - status: unknown while f < 0.1 (or nothing is expected yet); on_track if ratio ≥ 1.0; at_risk if ratio ≥ 0.85;
 *   behind otherwise. The ratio is compared unrounded.
 * - neededPerDay = max(0, T − count) / remaining days, remaining days = ceil((month end − now) / 1 day), at least 1.
 *
 * Worked example: T = 1000, halfway through the month (f = 0.5), 380 contributors so far. Four usable prior months had
 * reached 40 %, 45 %, 50 % and 55 % of their final counts at their halfway points: curve(0.5) = (0.45 + 0.50) / 2 =
 * 0.475. expectedByNow = 475.0, projected = 380 / 0.475 = 800, ratio = 380 / 475 = 0.8 → behind. With 15 days left,
 * neededPerDay = (1000 − 380) / 15 = 41.3.
 */

import type { Pace, PaceStatus } from "../model/report.js";
import { DAY_MS } from "./calendar.js";
import { countAtOrBelow } from "./month-index.js";

/** Status stays unknown before this fraction of the month has passed. */
export const UNKNOWN_BEFORE_FRACTION = 0.1;
export const ON_TRACK_RATIO = 1.0;
export const AT_RISK_RATIO = 0.85;
/** How many complete prior months the empirical curve looks at. */
export const CURVE_MONTHS = 6;
/** Below this many usable prior months the curve is linear. */
export const MIN_CURVE_MONTHS = 2;

/** A complete prior month as the curve sees it. */
export interface CurveMonth {
  startMs: number;
  endMs: number;
  /** each distinct contributor's first merge in the month, sorted ascending */
  firstMerges: Float64Array;
}

export interface PaceCurve {
  kind: "empirical" | "linear";
  /** expected fraction of the month's final count reached by elapsed fraction f (0..1) */
  at(f: number): number;
}

/** Fraction of the month's final count reached by elapsed fraction `f` of its length. */
export function cumulativeFraction(month: CurveMonth, f: number): number {
  const total = month.firstMerges.length;
  if (total === 0) return 0;
  const limit = month.startMs + f * (month.endMs - month.startMs);
  return countAtOrBelow(month.firstMerges, limit) / total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The curve from the usable months given (callers pass only months that qualify; see the module comment). */
export function paceCurve(months: readonly CurveMonth[]): PaceCurve {
  const usable = months.filter((m) => m.firstMerges.length > 0);
  if (usable.length < MIN_CURVE_MONTHS) return { kind: "linear", at: (f) => f };
  return { kind: "empirical", at: (f) => median(usable.map((m) => cumulativeFraction(m, f))) };
}

/** Status from the unrounded ratio. */
export function paceStatus(ratio: number, elapsedFraction: number, expected: number): PaceStatus {
  if (elapsedFraction < UNKNOWN_BEFORE_FRACTION || expected <= 0) return "unknown";
  if (ratio >= ON_TRACK_RATIO) return "on_track";
  if (ratio >= AT_RISK_RATIO) return "at_risk";
  return "behind";
}

export interface PaceInput {
  count: number;
  target: number;
  monthStartMs: number;
  monthEndMs: number;
  nowMs: number;
  curve: PaceCurve;
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Pace of a month at `nowMs`; a month already over is judged on its final count (elapsed 1, nothing needed). */
export function computePace(input: PaceInput): Pace {
  const { count, target, monthStartMs, monthEndMs, nowMs, curve } = input;
  const over = nowMs >= monthEndMs;
  const elapsedFraction = over ? 1 : Math.max(0, Math.min(1, (nowMs - monthStartMs) / (monthEndMs - monthStartMs)));
  const reached = over ? 1 : curve.at(elapsedFraction);
  const expected = target * reached;
  const ratio = expected > 0 ? count / expected : 0;
  const projected = reached > 0 ? count / reached : count;
  const remainingDays = Math.max(1, Math.ceil((monthEndMs - nowMs) / DAY_MS));
  return {
    expectedByNow: round(expected, 1),
    projected: Math.round(over ? count : projected),
    ratio: round(ratio, 3),
    status: paceStatus(ratio, elapsedFraction, expected),
    neededPerDay: over ? 0 : round(Math.max(0, target - count) / remainingDays, 1),
    elapsedFraction,
  };
}
