/**
 * What only Slack shows: status emoji and Slack's date tokens. The wording every surface shares (numbers, months,
 * bars, sparklines, status words) is in src/wording/. All pure: dates come in as ISO strings, never from the clock.
 */
import type { PaceStatus } from "../../model/report.js";
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
