/**
 * The question a Report asks of the store (src/model/report-inputs.ts): the report month, its window's month
 * boundaries in TIMEZONE as instants (so the store never does month arithmetic, and SQL never needs a date
 * function), the instant up to which things count, and who counts. Pure.
 */
import type { ReportQuery } from "../model/report-inputs.js";
import type { ContributorScope, ReportSettings } from "../model/settings.js";
import { addMonths, DAY_MS, monthKeyOf, parseMonthArg } from "./calendar.js";
import { DRIFTING_MIN_MERGES, FUNNEL_MONTHS, funnelNow, RETENTION_LAG_MONTHS, STALLED_AFTER_DAYS } from "./funnel.js";
import { monthBoundaries } from "./month-index.js";
import { CURVE_MONTHS } from "./pace.js";

/** The window counted: the 12 previous complete months (the trend) plus the report month. */
export const TREND_MONTHS = 13;

export interface ReportRequest {
  /** YYYY-MM; default the month of `now` in the configured zone. Malformed, future or before the synced history:
   * MonthArgError naming the first month available. */
  month?: string;
  /** new issues of the last N days (default: since the last digest, or the last 7 days) */
  newIssuesDays?: number;
}

export function reportQuery(
  settings: ReportSettings,
  now: Date,
  request: ReportRequest,
  historyStartMs: number | null,
): ReportQuery {
  const nowMs = now.getTime();
  const zone = settings.timezone;
  const month =
    request.month === undefined ? monthKeyOf(nowMs, zone) : parseMonthArg(request.month, nowMs, zone, historyStartMs);
  const window = monthBoundaries(addMonths(month, 1 - TREND_MONTHS), TREND_MONTHS, zone);
  const reportIndex = TREND_MONTHS - 1;
  const at = funnelNow(month, zone, nowMs);
  return {
    month,
    timezone: zone,
    monthKeys: window.keys,
    monthStarts: Array.from(window.starts),
    // the month's end, or just after now: the same bound for the count (≤ now) and the funnel (≤ its cutoff)
    endMs: Math.min(window.starts[TREND_MONTHS] as number, nowMs + 1),
    atMs: at.atMs,
    // the pace curve's months, and the report month's own (contributors since the last digest)
    firstMergeMonths: { from: reportIndex - CURVE_MONTHS, to: reportIndex },
    funnelFrom: TREND_MONTHS - FUNNEL_MONTHS,
    cohortMonth: reportIndex - RETENTION_LAG_MONTHS,
    recentFrom: reportIndex - 5,
    quietFrom: reportIndex - 2,
    driftingMinMerges: DRIFTING_MIN_MERGES,
    stalledBeforeMs: at.atMs - STALLED_AFTER_DAYS * DAY_MS,
    scope: contributorScopeOf(settings),
  };
}

/** Who counts under these settings (src/metrics/who-counts.ts): every Report's scope, and the store's summary's. */
export function contributorScopeOf(settings: ReportSettings): ContributorScope {
  return {
    contributorGroups: settings.contributorGroups,
    contributorProjects: settings.contributorProjects,
    botUsernames: settings.botUsernames,
    botUserIds: settings.botUserIds,
    botLabel: settings.botLabel,
    communityLabel: settings.communityLabel,
  };
}
