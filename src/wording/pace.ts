/** The contributor-pace phrases every surface shows: the status card, the Home tab, the digest, the terminal. */
import type { Report } from "../model/report.js";
import { progressBar, sparkline } from "./bars.js";
import { shortMonthLabel } from "./dates.js";
import { formatNumber, formatPeople, formatRatio } from "./numbers.js";

/** "41% ▓▓▓▓░░░░░░": the share of the monthly target reached (ends its line: src/wording/bars.ts). */
export function targetBar(report: Report): string {
  return progressBar(report.contributors.standing.percentOfTarget);
}

/** "1,030", or "too early to tell" while the status is unknown (the projection means nothing yet). */
export function projectedFigure(report: Report): string {
  if (report.contributors.status === "unknown") return "too early to tell";
  return formatNumber(report.contributors.projected);
}

/** "1,030 by month end", or "too early to tell" while the status is unknown. */
export function projectionText(report: Report): string {
  if (report.contributors.status === "unknown") return projectedFigure(report);
  return `${projectedFigure(report)} by month end`;
}

/** "20 contributors a day" (19.6 rounded up: people are whole), or that the target is reached. */
export function neededText(report: Report): string {
  const { neededPerDay, standing } = report.contributors;
  if (standing.targetReached) return "target reached";
  if (neededPerDay <= 0) return "—";
  return `${formatPeople(neededPerDay, "up")} contributors a day`;
}

/** "481 (you are at 86% of it)" (480.5 rounded); no comparison while the status is unknown. */
export function expectedText(report: Report): string {
  const { expectedByNow, ratio, status } = report.contributors;
  const pace = status === "unknown" ? "" : ` (you are at ${formatRatio(ratio)} of it)`;
  return `${formatPeople(expectedByNow)}${pace}`;
}

export interface TrendSummary {
  firstMonth: string;
  lastMonth: string;
  firstCount: number;
  lastCount: number;
  spark: string;
}

/** The last 12 complete months (the report month is still running, so it is left out). */
export function trendSummary(report: Report): TrendSummary | null {
  const complete = report.contributors.trend.filter((point) => point.month !== report.month).slice(-12);
  const first = complete[0];
  const last = complete[complete.length - 1];
  if (first === undefined || last === undefined || complete.length < 2) return null;
  return {
    firstMonth: shortMonthLabel(first.month),
    lastMonth: shortMonthLabel(last.month),
    firstCount: first.count,
    lastCount: last.count,
    spark: sparkline(complete.map((point) => point.count)),
  };
}

/** "Nov 2025–Oct 2026: 312 → 845 ▁▂▃▄▅▆▇█▇▆▅▄" (the sparkline ends its line: src/wording/bars.ts). */
export function trendText(report: Report): string {
  const trend = trendSummary(report);
  if (trend === null) return "not enough history yet";
  return `${trend.firstMonth}–${trend.lastMonth}: ${formatNumber(trend.firstCount)} → ${formatNumber(trend.lastCount)} ${trend.spark}`;
}
