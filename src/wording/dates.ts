/**
 * Month and date labels for people. Pure: dates come in as ISO strings, YYYY-MM keys or milliseconds, never
 * from the clock. (Slack's own date tokens, which each reader sees in their time zone, are in slack/blocks/format.ts.)
 */
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
