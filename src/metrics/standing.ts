/**
 * The figures every surface derives from the month's count: share of the target, whether it is reached, how far
 * behind the expected pace, the change against the previous month. Computed once here (buildReport), read by
 * src/slack/blocks/ and src/text/ alike.
 */
import type { ContributorsReport, Standing } from "../model/report.js";
import { addMonths } from "./calendar.js";

export function monthStanding(
  contributors: Pick<ContributorsReport, "count" | "previousMonth" | "expectedByNow">,
  target: number,
  month: string,
): Standing {
  const { count, previousMonth, expectedByNow } = contributors;
  const delta = count - previousMonth;
  return {
    percentOfTarget: target > 0 ? (count / target) * 100 : 0,
    targetReached: count >= target,
    shortfall: Math.round(Math.max(0, expectedByNow - count) * 10) / 10,
    change: {
      fromMonth: addMonths(month, -1),
      delta,
      percent: previousMonth > 0 ? (delta / previousMonth) * 100 : null,
    },
  };
}
