/**
 * The figures every surface derives from the month's count: share of the target, whether it is reached, how far
 * behind the expected pace, the change against the previous month. Computed once here (buildReport), read by
 * src/slack/blocks/ and src/text/ alike.
 */
import type { ContributorsReport, Standing } from "../model/report.js";
import { addMonths, monthKeyOf, zonedDateParts } from "./calendar.js";
import { countAtOrBelow } from "./month-index.js";
import { newIssuesSinceMs } from "./new-issues.js";

/**
 * The first days of a month in which the digest leads with the month that just ended. Seven, because the digest is
 * weekly: whatever weekday DIGEST_CRON names, exactly one digest falls on days 1–7, so each month's final result
 * leads exactly one digest, and it is the first digest that can know it.
 */
export const JUST_ENDED_DAYS = 7;

/**
 * `contributors.previousMonthToDate` defaults to the previous month's final count (a month that is over);
 * `samePointDay` is the previous month's local day it was counted to, null for the whole month.
 */
/** The final result of the month before `month` while `now` is in the first JUST_ENDED_DAYS of `month`; else null. */
export function monthJustEnded(
  figures: { month: string; previousMonth: number; target: number },
  nowMs: number,
  timeZone: string,
): ContributorsReport["monthJustEnded"] {
  const { month, previousMonth, target } = figures;
  if (monthKeyOf(nowMs, timeZone) !== month || zonedDateParts(nowMs, timeZone).day > JUST_ENDED_DAYS) return null;
  return {
    month: addMonths(month, -1),
    count: previousMonth,
    percentOfTarget: target > 0 ? (previousMonth / target) * 100 : 0,
    targetReached: previousMonth >= target,
  };
}

/**
 * The month's contributors counted since the last digest: those whose first counted merge of the month (`firstMerges`,
 * ascending) came after it; with no digest yet, after 7 days before now (as for new issues, src/metrics/new-issues.ts).
 */
export function sinceLastDigest(
  firstMerges: Float64Array,
  lastDigestAt: string | null,
  nowMs: number,
): ContributorsReport["sinceLastDigest"] {
  const sinceMs = newIssuesSinceMs({ lastDigestAt }, nowMs);
  return {
    since: new Date(sinceMs).toISOString(),
    lastDigest: lastDigestAt !== null && Number.isFinite(Date.parse(lastDigestAt)),
    added: firstMerges.length - countAtOrBelow(firstMerges, sinceMs),
  };
}

export function monthStanding(
  contributors: Pick<ContributorsReport, "count" | "previousMonth" | "expectedByNow"> &
    Partial<Pick<ContributorsReport, "previousMonthToDate">>,
  target: number,
  month: string,
  samePointDay: string | null = null,
): Standing {
  const { count, expectedByNow } = contributors;
  const previous = contributors.previousMonthToDate ?? contributors.previousMonth;
  const delta = count - previous;
  return {
    percentOfTarget: target > 0 ? (count / target) * 100 : 0,
    targetReached: count >= target,
    shortfall: Math.round(Math.max(0, expectedByNow - count) * 10) / 10,
    change: {
      fromMonth: addMonths(month, -1),
      delta,
      percent: previous > 0 ? (delta / previous) * 100 : null,
      samePointDay,
    },
  };
}
