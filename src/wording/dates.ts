/**
 * Month and date labels for people. Pure: dates come in as ISO strings, YYYY-MM keys or milliseconds, never
 * from the clock. (Slack's own date tokens, which each reader sees in their time zone, are in slack/blocks/format.ts.)
 */
import { zonedDateParts } from "../metrics/calendar.js";
import { plural } from "./numbers.js";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function monthName(month: string): { name: string; year: string } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match?.[1] && name ? { name, year: match[1] } : null;
}

/** "2026-11" -> "November 2026"; anything else is returned as given. */
export function monthLabel(month: string): string {
  const parts = monthName(month);
  return parts ? `${parts.name} ${parts.year}` : month;
}

/** "2026-11" -> "Nov 2026". */
export function shortMonthLabel(month: string): string {
  const parts = monthName(month);
  return parts ? `${parts.name.slice(0, 3)} ${parts.year}` : month;
}

/** "2026-11-02" -> "2 Nov"; anything else is returned as given. */
export function dayMonthLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match?.[3] && name ? `${Number(match[3])} ${name.slice(0, 3)}` : day;
}

/**
 * A calendar day as people write it: "2026-06-30" -> "30 Jun 2026". For date-only values (an epic's due date),
 * which are the same day for every reader; a full timestamp is cut to its date part as written. Anything else is
 * returned as given.
 */
export function dateLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match?.[3] && name ? `${Number(match[3])} ${name.slice(0, 3)} ${match[1]}` : day;
}

/** The local date of an instant, as people write it: "30 Nov 2026" (for text that cannot carry a Slack date token). */
export function localDateLabel(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedDateParts(ms, timeZone);
  const name = MONTH_NAMES[p.month - 1] ?? "";
  return `${p.day} ${name.slice(0, 3)} ${p.year}`;
}

/**
 * An ISO week for people: "week 49, 30 Nov–6 Dec 2026"; "week 50, 7–13 Dec 2026" within one month; "week 1,
 * 29 Dec 2025–4 Jan 2026" across a new year. Monday and Sunday are local dates (YYYY-MM-DD).
 */
export function weekLabel(week: { week: number; monday: string; sunday: string }): string {
  const [from, to] = [week.monday, week.sunday].map((day) => dateLabel(day).split(" "));
  if (from?.length !== 3 || to?.length !== 3) return `week ${week.week}, ${week.monday}–${week.sunday}`;
  const [fromDay, fromMonth, fromYear] = from;
  const span =
    fromYear !== to[2]
      ? `${from.join(" ")}–${to.join(" ")}`
      : fromMonth !== to[1]
        ? `${fromDay} ${fromMonth}–${to.join(" ")}`
        : `${fromDay}–${to.join(" ")}`;
  return `week ${week.week}, ${span}`;
}

/** An instant in UTC, as people write it: "12 Nov 2026 09:30 UTC" (epoch ms in). */
export function utcDateTimeLabel(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${dateLabel(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

/** "2026-11-12T09:30:00.000Z" -> "2026-11-12 09:30 UTC", for plain-text (terminal) output. */
export function plainDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** 90 minutes -> "1 hour", 3 days -> "3 days": how old data is, in the largest whole unit. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 1) return `${days} ${plural(days, "day")}`;
  if (hours >= 1) return `${hours} ${plural(hours, "hour")}`;
  return `${minutes} ${plural(minutes, "minute")}`;
}
