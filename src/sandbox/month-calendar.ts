/**
 * The months a generated world covers, and realistic moments inside a month: more merges mid-week,
 * fewer at weekends, most during the (world-wide, so broad) working day.
 */
import type { Random } from "./seeded-random.js";
import { cumulative } from "./seeded-random.js";

export interface CalendarMonth {
  /** YYYY-MM */
  key: string;
  startMs: number;
  /** exclusive */
  endMs: number;
  /** 0 = January */
  monthOfYear: number;
  /** running sum of per-day weights, one entry a day */
  dayWeights: number[];
}

const DAY_MS = 86_400_000;
/** Sunday .. Saturday */
const WEEKDAY_WEIGHT = [0.3, 1.0, 1.15, 1.2, 1.15, 0.9, 0.35];

/** The `count` months ending with the month that contains `now` (UTC), oldest first. */
export function calendarMonths(now: Date, count: number): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
    const start = new Date(startMs);
    const endMs = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    const days = Math.round((endMs - startMs) / DAY_MS);
    const weights: number[] = [];
    for (let d = 0; d < days; d++) weights.push(WEEKDAY_WEIGHT[new Date(startMs + d * DAY_MS).getUTCDay()] ?? 1);
    months.push({
      key: start.toISOString().slice(0, 7),
      startMs,
      endMs,
      monthOfYear: start.getUTCMonth(),
      dayWeights: cumulative(weights),
    });
  }
  return months;
}

/** A moment in the month: day by weekday weight, time of day mostly 06:00–20:00 UTC, millisecond precision. */
export function momentInMonth(random: Random, month: CalendarMonth): number {
  const day = random.weightedIndex(month.dayWeights);
  const inWorkingDay = random.chance(0.75);
  const hourStart = inWorkingDay ? 6 : 0;
  const hourSpan = inWorkingDay ? 14 : 24;
  const offset = (hourStart + random.next() * hourSpan) * 3_600_000;
  return month.startMs + day * DAY_MS + Math.floor(offset);
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
