/**
 * How the contributor funnel reads on every surface (the `/engagement funnel` card, the digest, Home, the terminal):
 * the same words for the same numbers (src/metrics/funnel.ts computes them).
 */
import type { DriftingContributor, FunnelMonth, OpenMrsReport, Report, RetentionReport } from "../model/report.js";
import { shortMonthLabel } from "./dates.js";
import { counted, formatDecimal, formatNumber, formatRatio } from "./numbers.js";

/** "640 opened · 210 first-time · 120 of them merged (57%)". */
export function funnelMonthWords(month: FunnelMonth): string {
  const share =
    month.firstTimeOpeners === 0 ? "" : ` (${formatRatio(month.firstTimeOpenersMerged / month.firstTimeOpeners)})`;
  return `${formatNumber(month.openers)} opened · ${formatNumber(month.firstTimeOpeners)} first-time · ${formatNumber(month.firstTimeOpenersMerged)} of them merged${share}`;
}

/** "Nov 2026: 380 opened · …". */
export const funnelMonthLine = (month: FunnelMonth): string =>
  `${shortMonthLabel(month.month)}: ${funnelMonthWords(month)}`;

/** "41 of Aug 2026's 118 first-time contributors merged again (35%)", or that the cohort is empty. */
export function retentionWords(retention: RetentionReport): string {
  const cohortMonth = shortMonthLabel(retention.cohortMonth);
  if (retention.rate === null) return `no first-time contributors in ${cohortMonth} to follow`;
  return `${formatNumber(retention.retained)} of ${cohortMonth}'s ${counted(retention.cohort, "first-time contributor")} merged again (${formatRatio(retention.rate)})`;
}

/** "1,240 open · median age 23.4 days · 410 stalled (no update in 14 days)". */
export function openMrsWords(open: OpenMrsReport): string {
  if (open.count === 0) return "no community MRs open";
  const median = open.medianAgeDays === null ? "" : ` · median age ${formatDecimal(open.medianAgeDays)} days`;
  return `${formatNumber(open.count)} open${median} · ${formatNumber(open.stalled)} stalled (no update in 14 days)`;
}

/** "last merged 2026-08-20 · 14 MRs merged". */
export function driftingWords(person: DriftingContributor): string {
  return `last merged ${person.lastMergedAt.slice(0, 10)} · ${counted(person.mergedCount, "MR")} merged`;
}

/** One line for the digest and Home: "Funnel Nov 2026: 380 opened · … · 37 drifting". */
export function funnelSummary(report: Report): string {
  const latest = report.funnel.months.at(-1);
  const head = latest === undefined ? "" : `${funnelMonthLine(latest)} · `;
  return `${head}${formatNumber(report.contributors.returning)} returning · ${formatNumber(report.drifting.count)} drifting`;
}

/** "12 new · 30 returning". */
export const newAndReturningWords = (report: Report): string =>
  `${formatNumber(report.contributors.firstTime)} new · ${formatNumber(report.contributors.returning)} returning`;
