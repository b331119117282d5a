/**
 * Month over month, honestly: the report month so far against the previous month by the same point ("146 by 2 Nov"),
 * with the previous month's final count beside it. The figures are the Report's (src/metrics/standing.ts).
 */
import type { Report } from "../model/report.js";
import { dayMonthLabel, monthLabel } from "./dates.js";
import { formatNumber, signedChange } from "./numbers.js";

/** "146 by 2 Nov", or "812 in October 2026" when the comparison is with the whole month. */
export function previousMonthPoint(report: Report): string {
  const { previousMonthToDate, standing } = report.contributors;
  const { fromMonth, samePointDay } = standing.change;
  if (samePointDay === null) return `${formatNumber(previousMonthToDate)} in ${monthLabel(fromMonth)}`;
  return `${formatNumber(previousMonthToDate)} by ${dayMonthLabel(samePointDay)}`;
}

/** "146 by 2 Nov (276 in all of November 2026)", or "812 in October 2026" once the month is over. */
export function previousMonthText(report: Report): string {
  const { previousMonth, standing } = report.contributors;
  if (standing.change.samePointDay === null) return previousMonthPoint(report);
  return `${previousMonthPoint(report)} (${formatNumber(previousMonth)} in all of ${monthLabel(standing.change.fromMonth)})`;
}

/** "vs 146 by 2 Nov: +20 (+14%); 276 in all of November 2026". */
export function monthOverMonthText(report: Report): string {
  const { previousMonth, standing } = report.contributors;
  const { delta, percent, samePointDay, fromMonth } = standing.change;
  const change = `vs ${previousMonthPoint(report)}: ${signedChange(delta, percent)}`;
  if (samePointDay === null) return change;
  return `${change}; ${formatNumber(previousMonth)} in all of ${monthLabel(fromMonth)}`;
}
