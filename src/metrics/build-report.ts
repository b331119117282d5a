/**
 * buildReport: store snapshot + configuration + now -> the Report every surface shows. Pure: no I/O, no clock.
 */
import type { Contribution, StoreParts, StoreSnapshot, UnmergedContribution } from "../model/records.js";
import type { Report } from "../model/report.js";
import type { ReportAggregates, ReportQuery } from "../model/report-inputs.js";
import type { ReportSettings } from "../model/settings.js";
import { addMonths, monthKeyOf, parseMonthArg, zonedDateParts } from "./calendar.js";
import { aggregateContributors, reportMonthLists } from "./contributors.js";
import { epicProgress } from "./epic-progress.js";
import {
  driftingContributors,
  driftingReport,
  funnelMonths,
  funnelNow,
  funnelReport,
  openMrs,
  openMrsReport,
  retention,
  retentionReport,
} from "./funnel.js";
import { countAtOrBelow, type MonthBoundaries, monthBoundaries } from "./month-index.js";
import { newIssuesSince, newIssuesSinceMs } from "./new-issues.js";
import { CURVE_MONTHS, type CurveMonth, computePace, paceCurve } from "./pace.js";
import { type ReportRequest, TREND_MONTHS } from "./report-query.js";
import { monthStanding } from "./standing.js";
import { syncHealth } from "./sync-health.js";
import { countedContributions } from "./who-counts.js";
import { workstreamReports } from "./workstream-report.js";

/** What a Report is asked for with (src/metrics/report-query.ts). */
export type BuildReportOptions = ReportRequest;

export const TOP_CONTRIBUTORS = 10;

/** What a Report is built from: the store's small parts, the question asked of the store, and its answer. */
export interface ReportInput {
  snapshot: StoreParts;
  query: ReportQuery;
  aggregates: ReportAggregates;
}

/**
 * The Report from the store's aggregates (src/model/report-inputs.ts) for `input.query` (reportQuery, for the same
 * settings, now and month). Pure: no I/O, no clock.
 */
export function buildReport(
  input: ReportInput,
  config: ReportSettings,
  now: Date,
  options: BuildReportOptions = {},
): Report {
  const { snapshot, query, aggregates } = input;
  const nowMs = now.getTime();
  const zone = config.timezone;
  const month = query.month;
  const window: MonthBoundaries = { keys: query.monthKeys, starts: Float64Array.from(query.monthStarts) };
  const reportIndex = TREND_MONTHS - 1;
  const firstMerges = (i: number): Float64Array => Float64Array.from(aggregates.firstMerges[i] ?? []).sort();

  // Prior months feed the curve only when the synced history covers them whole (else their early days look empty).
  const curveMonths: CurveMonth[] = [];
  for (let i = reportIndex - 1; i >= reportIndex - CURVE_MONTHS; i--) {
    const startMs = window.starts[i] as number;
    if (snapshot.historyStartMs === null || startMs < snapshot.historyStartMs) continue;
    const merges = firstMerges(i);
    if (merges.length === 0) continue;
    curveMonths.push({ startMs, endMs: window.starts[i + 1] as number, firstMerges: merges });
  }
  const curve = paceCurve(curveMonths);
  const count = aggregates.counts[reportIndex] ?? 0;
  const pace = computePace({
    count,
    target: config.monthlyTarget,
    monthStartMs: window.starts[reportIndex] as number,
    monthEndMs: window.starts[reportIndex + 1] as number,
    nowMs,
    curve,
  });

  const sinceMs = newIssuesSinceMs({ days: options.newIssuesDays, lastDigestAt: snapshot.lastDigestAt }, nowMs);
  const { firstTimers, ranking } = reportMonthLists(aggregates.reportMonth);
  const previousMonth = aggregates.counts[reportIndex - 1] ?? 0;
  const samePoint = previousMonthSamePoint(window, reportIndex, nowMs, zone);
  const previousMonthToDate =
    samePoint === null ? previousMonth : countAtOrBelow(firstMerges(reportIndex - 1), samePoint.atMs);
  const contributors: Report["contributors"] = {
    count,
    firstTime: firstTimers.length,
    returning: count - firstTimers.length,
    previousMonth,
    previousMonthToDate,
    ...pace,
    top: ranking.slice(0, TOP_CONTRIBUTORS),
    // the previous 12 complete months; the report month itself is `count`
    trend: window.keys.slice(0, reportIndex).map((key, i) => ({ month: key, count: aggregates.counts[i] ?? 0 })),
    firstTimers: firstTimers.map((person) => ({ ...person, webUrl: `${config.gitlabUrl}/${person.username}` })),
    curve: curve.kind,
    standing: monthStanding(
      { count, previousMonth, previousMonthToDate, expectedByNow: pace.expectedByNow },
      config.monthlyTarget,
      month,
      samePoint?.day ?? null,
    ),
  };
  const epics = epicProgress(config.epics, snapshot.epics, config.gitlabUrl);

  return {
    generatedAt: now.toISOString(),
    dataAsOf: snapshot.dataAsOf,
    timezone: zone,
    month,
    target: config.monthlyTarget,
    contributors,
    epics,
    newIssues: newIssuesSince(snapshot.labelledItems, sinceMs),
    newIssuesSince: new Date(sinceMs).toISOString(),
    sync: syncHealth(snapshot.syncRuns),
    workstreams: workstreamReports({
      definitions: config.workstreams,
      kpiValues: snapshot.kpiValues,
      month,
      currentMonth: monthKeyOf(nowMs, zone),
      contributors,
      epics,
    }),
    // the funnel, under the same scope and bot rules as the count (the store applied them: src/model/report-inputs.ts)
    funnel: funnelReport(query, aggregates.funnel),
    retention: retentionReport(query, aggregates.retention),
    drifting: driftingReport(aggregates.drifting, config.gitlabUrl),
    openMrs: openMrsReport(query, aggregates.openMrs),
  };
}

/** The in-memory path over every stored MR: kept only until the aggregates path (buildReport) is proven equal. */
export function buildReportFromSnapshot(
  snapshot: StoreSnapshot,
  config: ReportSettings,
  now: Date,
  options: BuildReportOptions = {},
): Report {
  const nowMs = now.getTime();
  const zone = config.timezone;
  const month =
    options.month === undefined
      ? monthKeyOf(nowMs, zone)
      : parseMonthArg(options.month, nowMs, zone, snapshot.historyStartMs);

  const window = monthBoundaries(addMonths(month, 1 - TREND_MONTHS), TREND_MONTHS, zone);
  const reportIndex = TREND_MONTHS - 1;
  // who counts is decided here, for every month at once (src/metrics/who-counts.ts)
  const counted = countedContributions(snapshot.contributions, config);
  const stats = aggregateContributors(counted, window, nowMs);

  // Prior months feed the curve only when the synced history covers them whole (else their early days look empty).
  const curveMonths: CurveMonth[] = [];
  for (let i = reportIndex - 1; i >= reportIndex - CURVE_MONTHS; i--) {
    const startMs = window.starts[i] as number;
    if (snapshot.historyStartMs === null || startMs < snapshot.historyStartMs) continue;
    const firstMerges = stats.firstMerges[i] as Float64Array;
    if (firstMerges.length === 0) continue;
    curveMonths.push({ startMs, endMs: window.starts[i + 1] as number, firstMerges });
  }
  const curve = paceCurve(curveMonths);
  const count = stats.counts[reportIndex] ?? 0;
  const pace = computePace({
    count,
    target: config.monthlyTarget,
    monthStartMs: window.starts[reportIndex] as number,
    monthEndMs: window.starts[reportIndex + 1] as number,
    nowMs,
    curve,
  });

  const sinceMs = newIssuesSinceMs({ days: options.newIssuesDays, lastDigestAt: snapshot.lastDigestAt }, nowMs);
  const { firstTimers, ranking } = stats.reportMonth;
  const previousMonth = stats.counts[reportIndex - 1] ?? 0;
  const samePoint = previousMonthSamePoint(window, reportIndex, nowMs, zone);
  const previousMonthToDate =
    samePoint === null
      ? previousMonth
      : countAtOrBelow(stats.firstMerges[reportIndex - 1] as Float64Array, samePoint.atMs);
  const contributors: Report["contributors"] = {
    count,
    firstTime: firstTimers.length,
    returning: count - firstTimers.length,
    previousMonth,
    previousMonthToDate,
    ...pace,
    top: ranking.slice(0, TOP_CONTRIBUTORS),
    // the previous 12 complete months; the report month itself is `count`
    trend: stats.months.slice(0, reportIndex).map((key, i) => ({ month: key, count: stats.counts[i] ?? 0 })),
    firstTimers: firstTimers.map((person) => ({ ...person, webUrl: `${config.gitlabUrl}/${person.username}` })),
    curve: curve.kind,
    standing: monthStanding(
      { count, previousMonth, previousMonthToDate, expectedByNow: pace.expectedByNow },
      config.monthlyTarget,
      month,
      samePoint?.day ?? null,
    ),
  };
  const epics = epicProgress(config.epics, snapshot.epics, config.gitlabUrl);

  return {
    generatedAt: now.toISOString(),
    dataAsOf: snapshot.dataAsOf,
    timezone: zone,
    month,
    target: config.monthlyTarget,
    contributors,
    epics,
    newIssues: newIssuesSince(snapshot.labelledItems, sinceMs),
    newIssuesSince: new Date(sinceMs).toISOString(),
    sync: syncHealth(snapshot.syncRuns),
    workstreams: workstreamReports({
      definitions: config.workstreams,
      kpiValues: snapshot.kpiValues,
      month,
      currentMonth: monthKeyOf(nowMs, zone),
      contributors,
      epics,
    }),
    // the funnel, under the same scope and bot rules as the count (src/metrics/funnel.ts)
    ...funnelParts(counted, countedContributions(snapshot.unmergedMrs, config), month, zone, nowMs, config.gitlabUrl),
  };
}

function funnelParts(
  merges: readonly Contribution[],
  unmerged: readonly UnmergedContribution[],
  month: string,
  zone: string,
  nowMs: number,
  gitlabUrl: string,
): Pick<Report, "funnel" | "retention" | "drifting" | "openMrs"> {
  const now = funnelNow(month, zone, nowMs);
  return {
    funnel: funnelMonths(merges, unmerged, month, zone, now),
    retention: retention(merges, month, zone, now),
    drifting: driftingContributors(merges, month, zone, now, gitlabUrl),
    openMrs: openMrs(merges, unmerged, now),
  };
}

/**
 * The instant of the previous month as far into it as `now` is into the report month (its start plus the same
 * elapsed time), and its local day; null when the report month is over (then the previous month counts whole) or
 * the point reaches the previous month's end (a 31st against a 30-day month).
 */
export function previousMonthSamePoint(
  window: MonthBoundaries,
  reportIndex: number,
  nowMs: number,
  zone: string,
): { atMs: number; day: string } | null {
  const start = window.starts[reportIndex] as number;
  const end = window.starts[reportIndex + 1] as number;
  const previousStart = window.starts[reportIndex - 1] as number;
  if (nowMs >= end) return null;
  const atMs = previousStart + Math.max(0, nowMs - start);
  if (atMs >= start) return null;
  const parts = zonedDateParts(atMs, zone);
  const day = `${parts.year}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
  return { atMs, day };
}
