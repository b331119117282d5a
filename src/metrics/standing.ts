/**
 * The figures every surface derives from the month's count: share of the target, whether it is reached, how far
 * behind the expected pace, the change against the previous month. Computed once here (buildReport), read by
 * src/slack/blocks/ and src/text/ alike.
 */
import type { ContributorsReport, Standing } from "../model/report.js";
import { addMonths } from "./calendar.js";

/**
 * `contributors.previousMonthToDate` defaults to the previous month's final count (a month that is over);
 * `samePointDay` is the previous month's local day it was counted to, null for the whole month.
 */
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
