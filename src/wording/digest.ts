/**
 * How the weekly digest opens, the same in Slack and on a terminal: its title names the week; then, in the first
 * days of a month, the final result of the month that just ended; then the change since the last digest.
 * The surface passes how it emphasises a figure (Slack `*…*`, nothing on a terminal) and how it shows an instant.
 */
import { isoWeekOf } from "../metrics/calendar.js";
import type { Report } from "../model/report.js";
import { percentFigure } from "./bars.js";
import { monthLabel, weekLabel } from "./dates.js";
import { formatNumber, plural } from "./numbers.js";

export interface DigestStyle {
  strong: (text: string) => string;
  /** an instant (ISO) as the surface shows it */
  instant: (iso: string) => string;
}

/** "Weekly digest — week 49, 30 Nov–6 Dec 2026": the ISO week of `nowMs` in the report's time zone. */
export function digestTitle(report: Report, nowMs: number): string {
  return `Weekly digest — ${weekLabel(isoWeekOf(nowMs, report.timezone))}`;
}

/** "November 2026 ended at 285 of 1,000 wider-community contributors (29%)", or null after the first days. */
export function monthEndedWords(report: Report, style: DigestStyle): string | null {
  const ended = report.contributors.monthJustEnded;
  if (ended === null) return null;
  const reached = ended.targetReached ? ", the target reached" : "";
  return `${style.strong(`${monthLabel(ended.month)} ended at ${formatNumber(ended.count)} of ${formatNumber(report.target)}`)} wider-community contributors (${percentFigure(ended.percentOfTarget)}${reached})`;
}

/** "+12 contributors since the last digest (30 Nov)", or "… in the last 7 days" before the first digest. */
export function sinceDigestWords(report: Report, style: DigestStyle): string {
  const { added, since, lastDigest } = report.contributors.sinceLastDigest;
  const when = lastDigest ? `since the last digest (${style.instant(since)})` : "in the last 7 days";
  return `${style.strong(`+${formatNumber(added)} ${plural(added, "contributor")}`)} in ${monthLabel(report.month)} ${when}`;
}
