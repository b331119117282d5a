/**
 * Calendar arithmetic in an IANA time zone without a date library.
 *
 * Intl.DateTimeFormat is the only source of zone rules. It is slow (microseconds per call), so bulk code never formats
 * each record: it asks for a handful of month-start instants here (cached) and compares epoch milliseconds
 * (see month-index.ts). Everything in this file is pure: the caller passes the instants.
 */
import { MonthArgError } from "./errors.js";

export interface ZonedDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** One day in milliseconds (a UTC day; local days vary across DST, see monthStartMs). */
export const DAY_MS = 86_400_000;
const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale, time zone and options, made once: building one costs far more than using it,
 * and month keys are computed per record. Shared with the log's run times (src/schedule/cron-times.ts).
 */
export function dateTimeFormat(
  locale: string,
  timeZone: string,
  options: Omit<Intl.DateTimeFormatOptions, "timeZone">,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

const WALL_CLOCK = {
  hourCycle: "h23",
  ...Object.fromEntries(["year", "month", "day", "hour", "minute", "second"].map((part) => [part, "numeric"])),
} as Omit<Intl.DateTimeFormatOptions, "timeZone">;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat("en-US", timeZone, WALL_CLOCK);
}

/**
 * Date.UTC without its two-digit-year rule (Date.UTC(99, 11) is 1999): year 99 is year 99, so "0099-12" is never
 * read as December 1999 nor rendered as another month.
 */
function utcMs(year: number, monthIndex: number, day = 1, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** The first year a month argument may name: GitLab (and Unix time) hold nothing earlier. */
export const FIRST_MONTH_YEAR = 1970;

const pad2 = (n: number): string => String(n).padStart(2, "0");
const pad4 = (n: number): string => String(n).padStart(4, "0");

/** ISO weekday (1 = Monday) of a proleptic Gregorian date. */
function isoWeekday(year: number, month: number, day: number): number {
  const sundayZero = new Date(utcMs(year, month - 1, day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** The wall-clock date and time at instant `ms` in `timeZone`. */
export function zonedDateParts(ms: number, timeZone: string): ZonedDateParts {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  // Some ICU versions still print midnight as 24 despite h23.
  if (parts.hour === 24) parts.hour = 0;
  return { ...parts, weekday: isoWeekday(parts.year, parts.month, parts.day) };
}

/** Local date as one sortable number (YYYYMMDD). */
function localDateNumber(ms: number, timeZone: string): number {
  const p = zonedDateParts(ms, timeZone);
  return p.year * 10_000 + p.month * 100 + p.day;
}

/** UTC offset in ms at instant `ms` (local wall time minus UTC), at whole-second precision. */
function offsetMs(ms: number, timeZone: string): number {
  const p = zonedDateParts(ms, timeZone);
  const wall = utcMs(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

const startCache = new Map<string, number>();

/**
 * The first instant whose local date is on or after year-month-day in `timeZone`. Usually local midnight; in zones
 * where a DST change skips midnight (e.g. America/Santiago) it is the instant the day begins, and for a day a zone
 * skipped entirely (Pacific/Apia, 2011-12-30) it is the start of the next day.
 */
function firstInstantOfLocalDate(year: number, month: number, day: number, timeZone: string): number {
  const cacheKey = `${timeZone}|${year}-${month}-${day}`;
  const cached = startCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const target = year * 10_000 + month * 100 + day;
  const wall = utcMs(year, month - 1, day);
  // Two rounds of the offset guess settle on the right side of a DST change that happens near midnight.
  let candidate = wall - offsetMs(wall, timeZone);
  candidate = wall - offsetMs(candidate, timeZone);
  let result = candidate;
  const isFirst =
    localDateNumber(candidate, timeZone) >= target && localDateNumber(candidate - 1000, timeZone) < target;
  if (!isFirst) {
    // Rare (midnight does not exist that day): bisect in whole seconds. Offsets lie within ±14 h and a skipped day
    // adds 24 h, so ±48 h around the wall time brackets the answer.
    let lo = (wall - 48 * 3_600_000) / 1000;
    let hi = (wall + 48 * 3_600_000) / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (localDateNumber(mid * 1000, timeZone) >= target) hi = mid;
      else lo = mid;
    }
    result = hi * 1000;
  }
  startCache.set(cacheKey, result);
  return result;
}

/** Parses "YYYY-MM"; null when malformed. */
export function parseMonthKey(key: string): { year: number; month: number } | null {
  const match = MONTH_KEY.exec(key);
  if (!match?.[1] || !match[2]) return null;
  return { year: Number(match[1]), month: Number(match[2]) };
}

function requireMonthKey(key: string): { year: number; month: number } {
  const parsed = parseMonthKey(key);
  if (!parsed) throw new RangeError(`month key must look like YYYY-MM (got "${key}")`);
  return parsed;
}

/** "YYYY-MM" of instant `ms` in `timeZone`. */
export function monthKeyOf(ms: number, timeZone: string): string {
  const p = zonedDateParts(ms, timeZone);
  return `${pad4(p.year)}-${pad2(p.month)}`;
}

/** The month `n` months after `key` (n may be negative). */
export function addMonths(key: string, n: number): string {
  const { year, month } = requireMonthKey(key);
  const total = year * 12 + (month - 1) + n;
  return `${pad4(Math.floor(total / 12))}-${pad2((total % 12) + 1)}`;
}

/** The instant month `key` begins in `timeZone`. */
export function monthStartMs(key: string, timeZone: string): number {
  const { year, month } = requireMonthKey(key);
  return firstInstantOfLocalDate(year, month, 1, timeZone);
}

/** An ISO-8601 week: its week-numbering year and number, and its Monday and Sunday as local dates (YYYY-MM-DD). */
export interface IsoWeek {
  /** "2026-W49": the digest ledger's period */
  key: string;
  weekYear: number;
  week: number;
  monday: string;
  sunday: string;
}

/** The ISO-8601 week of the local date of `ms` in `timeZone` (the week-numbering year can differ from the date's). */
export function isoWeekOf(ms: number, timeZone: string): IsoWeek {
  const p = zonedDateParts(ms, timeZone);
  const dayMs = utcMs(p.year, p.month - 1, p.day);
  // The ISO week belongs to the year of its Thursday.
  const thursday = dayMs + (4 - p.weekday) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - utcMs(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
  return {
    key: `${pad4(weekYear)}-W${pad2(week)}`,
    weekYear,
    week,
    monday: isoDay(thursday - 3 * DAY_MS),
    sunday: isoDay(thursday + 3 * DAY_MS),
  };
}

/** ISO-8601 week of the local date of `ms`, e.g. "2026-W48". */
export function isoWeekKey(ms: number, timeZone: string): string {
  return isoWeekOf(ms, timeZone).key;
}

/**
 * Validates a `--month` argument: "YYYY-MM", from FIRST_MONTH_YEAR on, not after the current month in `timeZone`
 * (so not in a later year). Throws MonthArgError with a message for the person who typed it.
 */
export function parseMonthArg(
  text: string,
  nowMs: number,
  timeZone: string,
  historyStartMs: number | null = null,
): string {
  const parsed = parseMonthKey(parseMonthKeyArg(text)) as { year: number };
  const current = monthKeyOf(nowMs, timeZone);
  if (parsed.year < FIRST_MONTH_YEAR) {
    throw new MonthArgError(
      `--month ${text} is before ${FIRST_MONTH_YEAR}: give a month from ${FIRST_MONTH_YEAR}-01 to ${current}`,
    );
  }
  const first = historyStartMs === null ? null : firstMonthAvailable(historyStartMs, timeZone);
  const available = first === null ? "" : `; the first month available is ${first}`;
  if (text > current) {
    throw new MonthArgError(
      `--month ${text} is after the current month (${current} in ${timeZone})${available}`,
      first,
    );
  }
  if (first !== null && text < first) {
    throw new MonthArgError(
      `--month ${text} is before the synced history: the first month available is ${first} (HISTORY_MONTHS reaches back from the first sync)`,
      first,
    );
  }
  return text;
}

/** The format check of parseMonthArg alone (no clock, no history): MonthArgError unless `text` is YYYY-MM. */
export function parseMonthKeyArg(text: string): string {
  if (!parseMonthKey(text)) throw new MonthArgError(`--month must look like YYYY-MM (got "${text}")`);
  return text;
}

/**
 * The first month of the synced history in `timeZone`. The history starts at a UTC month's start (src/gitlab/sync.ts
 * historyStart); east of UTC that instant is already in the month's first hours, west of UTC on the previous
 * month's last day, which is then not covered: half a day later is always inside the first month covered.
 */
export function firstMonthAvailable(historyStartMs: number, timeZone: string): string {
  return monthKeyOf(historyStartMs + DAY_MS / 2, timeZone);
}
