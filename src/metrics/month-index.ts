/**
 * Consecutive month boundaries as plain epoch ms, so bulk code can place 240k records in months with a binary search
 * instead of formatting each through Intl.
 */
import { addMonths, monthStartMs } from "./calendar.js";

export interface MonthBoundaries {
  /** month keys, oldest first */
  keys: string[];
  /** keys.length + 1 instants: starts[i] is month i's start, starts[i + 1] its (exclusive) end */
  starts: Float64Array;
}

/** `count` consecutive months starting at `firstKey`, in `timeZone`. */
export function monthBoundaries(firstKey: string, count: number, timeZone: string): MonthBoundaries {
  const keys: string[] = [];
  const starts = new Float64Array(count + 1);
  for (let i = 0; i <= count; i++) {
    const key = addMonths(firstKey, i);
    if (i < count) keys.push(key);
    starts[i] = monthStartMs(key, timeZone);
  }
  return { keys, starts };
}

/** Index of the month containing `ms`: -1 before the first month, keys.length at or after the last month's end. */
export function monthIndexOf(boundaries: MonthBoundaries, ms: number): number {
  const { starts } = boundaries;
  let lo = 0;
  let hi = starts.length; // invariant: starts[lo - 1] <= ms < starts[hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Number of values in sorted `values` that are <= `limit`. */
export function countAtOrBelow(values: Float64Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
