/**
 * What only Slack shows: status emoji and Slack's date tokens. The wording every surface shares (numbers, months,
 * bars, sparklines, status words) is in src/wording/. All pure: dates come in as ISO strings, never from the clock.
 */
import type { PaceStatus } from "../../model/report.js";
import { utcDateTimeLabel } from "../../wording/dates.js";
import { statusWords } from "../../wording/status.js";
import { escapeMrkdwn } from "./mrkdwn.js";

const STATUS_EMOJI: Record<PaceStatus, string> = {
  on_track: ":large_green_circle:",
  at_risk: ":large_yellow_circle:",
  behind: ":red_circle:",
  unknown: ":white_circle:",
};

export function statusEmoji(status: PaceStatus): string {
  return STATUS_EMOJI[status];
}

/** ":large_green_circle: on track". */
export function statusLabel(status: PaceStatus): string {
  return `${STATUS_EMOJI[status]} ${statusWords(status)}`;
}

/**
 * `<!date^UNIX^{date_short_pretty} at {time}|15 Nov 2026 11:45 UTC>`: Slack shows it in each reader's own time
 * zone; the fallback, for clients that cannot, is written for people too (never a raw ISO timestamp). For instants
 * only: a date-only value (a due date) is printed as the date (wording/dates.ts, dateLabel). An unparsable input is
 * shown escaped, as is.
 */
export function slackDate(iso: string, format = "{date_short_pretty} at {time}"): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^${format}|${utcDateTimeLabel(ms)}>`;
}

/** A Slack date showing only the day. */
export function slackDay(iso: string): string {
  return slackDate(iso, "{date_short_pretty}");
}
