/**
 * buildReport: store snapshot + configuration + now -> the Report every surface shows. Pure: no I/O, no clock.
 */
import type { Contribution, StoreParts, StoreSnapshot, UnmergedContribution } from "../model/records.js";
import type { Report } from "../model/report.js";
import type { ReportAggregates, ReportQuery } from "../model/report-inputs.js";
import type { ReportSettings } from "../model/settings.js";
import { addMonths, monthKeyOf, parseMonthArg, zonedDateParts } from "./calendar.js";
import { aggregateContributors, profileUrl, type ReportMonthContributors, reportMonthLists } from "./contributors.js";
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
import { monthJustEnded, monthStanding, sinceLastDigest } from "./standing.js";
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
  return assembleReport(
    {
      snapshot,
      month: query.month,
      window: { keys: query.monthKeys, starts: Float64Array.from(query.monthStarts) },
      counts: aggregates.counts,
      firstMerges: (i) => Float64Array.from(aggregates.firstMerges[i] ?? []).sort(),
      lists: reportMonthLists(aggregates.reportMonth),
      // the funnel, under the same scope and bot rules as the count (the store applied them: src/model/report-inputs.ts)
      funnel: {
        funnel: funnelReport(query, aggregates.funnel),
        retention: retentionReport(query, aggregates.retention),
        drifting: driftingReport(aggregates.drifting, config.gitlabUrl),
        openMrs: openMrsReport(query, aggregates.openMrs),
      },
    },
    config,
    now,
    options,
  );
}

/**
 * The in-memory path over every stored MR (who counts decided here: src/metrics/who-counts.ts): the reference the
 * store's SQL is held to (test/metrics/report-paths.test.ts) and what `npm run bench` times against it.
 */
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
  const counted = countedContributions(snapshot.contributions, config);
  const stats = aggregateContributors(counted, window, nowMs);
  const unmerged = countedContributions(snapshot.unmergedMrs, config);
  return assembleReport(
    {
      snapshot,
      month,
      window,
      counts: stats.counts,
      firstMerges: (i) => stats.firstMerges[i] as Float64Array,
      lists: stats.reportMonth,
      funnel: funnelParts(counted, unmerged, month, zone, nowMs, config.gitlabUrl),
    },
    config,
    now,
    options,
  );
}

/** What either path has worked out before the Report is put together (assembleReport). */
interface ReportParts {
  snapshot: StoreParts;
  month: string;
  /** TREND_MONTHS months, the report month last */
  window: MonthBoundaries;
  /** distinct counted contributors per window month */
  counts: readonly number[];
  /** window month i's contributors' first merge instants, ascending (the pace curve's months at least) */
  firstMerges: (i: number) => Float64Array;
  lists: ReportMonthContributors;
  funnel: Pick<Report, "funnel" | "retention" | "drifting" | "openMrs">;
}

/** The one place the Report is put together from its parts: pace, standing, comparisons, epics, issues, KPIs. */
function assembleReport(parts: ReportParts, config: ReportSettings, now: Date, options: BuildReportOptions): Report {
  const { snapshot, month, window, counts, firstMerges, lists } = parts;
  const nowMs = now.getTime();
  const zone = config.timezone;
  const reportIndex = TREND_MONTHS - 1;

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
  const count = counts[reportIndex] ?? 0;
  const pace = computePace({
    count,
    target: config.monthlyTarget,
    monthStartMs: window.starts[reportIndex] as number,
    monthEndMs: window.starts[reportIndex + 1] as number,
    nowMs,
    curve,
  });

  const sinceMs = newIssuesSinceMs({ days: options.newIssuesDays, lastDigestAt: snapshot.lastDigestAt }, nowMs);
  const { firstTimers, ranking } = lists;
  const previousMonth = counts[reportIndex - 1] ?? 0;
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
    top: ranking
      .slice(0, TOP_CONTRIBUTORS)
      .map((person) => ({ ...person, webUrl: profileUrl(config.gitlabUrl, person.username) })),
    // the previous 12 complete months; the report month itself is `count`
    trend: window.keys.slice(0, reportIndex).map((key, i) => ({ month: key, count: counts[i] ?? 0 })),
    firstTimers: firstTimers.map((person) => ({ ...person, webUrl: profileUrl(config.gitlabUrl, person.username) })),
    sinceLastDigest: sinceLastDigest(firstMerges(reportIndex), snapshot.lastDigestAt, nowMs),
    monthJustEnded: monthJustEnded({ month, previousMonth, target: config.monthlyTarget }, nowMs, zone),
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
    ...parts.funnel,
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
