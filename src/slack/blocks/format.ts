/**
 * Small renderings shared by every card: numbers, months, progress bars, sparklines, pace status, Slack dates.
 * All pure: dates come in as ISO strings or epoch milliseconds, never from the clock.
 */
import type { PaceStatus } from "../../model/report.js";
import { escapeMrkdwn } from "./mrkdwn.js";

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

/** 1234567.5 -> "1,234,567.5"; locale-independent so output is the same on every machine. */
export function formatNumber(value: number): string {
  const [whole = "0", fraction] = String(Math.abs(value)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0 ? "−" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Rounds to one decimal place and formats. */
export function formatDecimal(value: number): string {
  return formatNumber(Math.round(value * 10) / 10);
}

/** 0.834 -> "83%". */
export function formatRatio(ratio: number): string {
  return `${formatNumber(Math.round(ratio * 100))}%`;
}

/** "2026-11" -> "November 2026"; anything else is returned escaped as given. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : escapeMrkdwn(month);
}

/** "2026-11" -> "Nov 2026". */
export function shortMonthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${name.slice(0, 3)} ${match[1]}` : escapeMrkdwn(month);
}

/** "2026-01" -> "2025-12". */
export function previousMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const previousYear = monthIndex === 0 ? year - 1 : year;
  const previous = monthIndex === 0 ? 12 : monthIndex;
  return `${previousYear}-${String(previous).padStart(2, "0")}`;
}

/** "▓▓▓▓░░░░░░ 42%": the bar fills in whole tenths and is full only at 100 %. */
export function progressBar(percent: number, width = 10): string {
  const clamped = Math.min(100, Math.max(0, percent));
  const filled = Math.min(width, Math.floor((clamped / 100) * width));
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${formatNumber(Math.round(percent))}%`;
}

const SPARKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** One character per value, scaled from 0 to the maximum (counts are compared with zero, not with the minimum). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      const level = max === 0 ? 0 : Math.round((Math.max(0, value) / max) * (SPARKS.length - 1));
      return SPARKS[level] ?? SPARKS[0];
    })
    .join("");
}

const STATUS_EMOJI: Record<PaceStatus, string> = {
  on_track: ":large_green_circle:",
  at_risk: ":large_yellow_circle:",
  behind: ":red_circle:",
  unknown: ":white_circle:",
};

const STATUS_WORDS: Record<PaceStatus, string> = {
  on_track: "on track",
  at_risk: "at risk",
  behind: "behind",
  unknown: "too early to tell",
};

export function statusEmoji(status: PaceStatus): string {
  return STATUS_EMOJI[status];
}

export function statusWords(status: PaceStatus): string {
  return STATUS_WORDS[status];
}

/** ":large_green_circle: on track". */
export function statusLabel(status: PaceStatus): string {
  return `${STATUS_EMOJI[status]} ${STATUS_WORDS[status]}`;
}

/**
 * `<!date^UNIX^{date_short_pretty} at {time}|ISO>`: Slack shows it in each reader's own time zone; the ISO text is
 * the fallback for clients that cannot. An unparsable input is shown escaped, as is.
 */
export function slackDate(iso: string, format = "{date_short_pretty} at {time}"): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^${format}|${new Date(ms).toISOString()}>`;
}

/** A Slack date showing only the day. */
export function slackDay(iso: string): string {
  return slackDate(iso, "{date_short_pretty}");
}

/** "2026-11-12T09:30:00.000Z" -> "2026-11-12 09:30 UTC" for plain-text (terminal) output. */
export function plainDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "+12 (+3%)", "−12 (−3%)", "±0"; the percentage is left out when there is nothing to compare with. */
export function signedChange(current: number, previous: number): string {
  const delta = current - previous;
  if (delta === 0) return "±0";
  const sign = delta > 0 ? "+" : "−";
  const amount = `${sign}${formatNumber(Math.abs(delta))}`;
  if (previous <= 0) return amount;
  return `${amount} (${sign}${formatNumber(Math.round((Math.abs(delta) / previous) * 100))}%)`;
}

/** 90 minutes -> "1 hour", 3 days -> "3 days": how old data is, in the largest whole unit. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 1) return `${days} day${days === 1 ? "" : "s"}`;
  if (hours >= 1) return `${hours} hour${hours === 1 ? "" : "s"}`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
