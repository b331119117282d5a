/**
 * The Report model: the one shape every surface (CLI, `status --json`, Slack cards, digest, alerts) reads.
 * Which of these fields `status --json` carries (README, "`status --json`") is declared once, by REPORT_JSON in
 * src/metrics/report-json.ts; the other fields feed the Slack and terminal surfaces.
 */
import type { KpiPeriod, KpiSource } from "./workstreams.js";

export type PaceStatus = "on_track" | "at_risk" | "behind" | "unknown";

export interface TopContributor {
  username: string;
  mergedCount: number;
  /** display name */
  name: string;
  /** GitLab profile URL */
  webUrl: string;
}

export interface FirstTimer {
  username: string;
  name: string;
  /** GitLab profile URL */
  webUrl: string;
}

export interface TrendPoint {
  /** YYYY-MM in the configured time zone */
  month: string;
  count: number;
}

/** How the month is pacing towards the target: computed once, by computePace (src/metrics/pace.ts). */
export interface Pace {
  /** T × curve(d), one decimal */
  expectedByNow: number;
  /** count / curve(d), rounded; equals count once the month is over */
  projected: number;
  /** count / expectedByNow, three decimals (status is decided on the unrounded value) */
  ratio: number;
  status: PaceStatus;
  /** contributors still needed per remaining day to reach the target (0 when reached or month over), one decimal */
  neededPerDay: number;
  /** fraction of the month elapsed (0..1) */
  elapsedFraction: number;
}

export interface ContributorsReport extends Pace {
  /** distinct contributors in the month (to date for the current month) */
  count: number;
  firstTime: number;
  /** contributors of the month who are not first-time: count − firstTime */
  returning: number;
  /** the previous month's final count */
  previousMonth: number;
  /** the previous month's count by the same point of it (the same time after its start, at most its end):
   * what month over month compares with; equals previousMonth once the report month is over */
  previousMonthToDate: number;
  /** top 10 by merged MRs, ties by username */
  top: TopContributor[];
  /** the 12 complete months before the report month, oldest first (the report month is `count`) */
  trend: TrendPoint[];
  /** first-time contributors of the month, by username */
  firstTimers: FirstTimer[];
  /**
   * What the digest leads with: the month's contributors whose first counted merge of the month came after `since`
   * (ISO) — the last digest (`lastDigest`), or 7 days before now when there was none yet
   */
  sinceLastDigest: { since: string; lastDigest: boolean; added: number };
  /**
   * In the first 7 days of the current month (local, TIMEZONE), the final result of the month that just ended, which
   * the digest then leads with; else null. Seven days, because the digest is weekly: exactly one digest falls in them.
   */
  monthJustEnded: { month: string; count: number; percentOfTarget: number; targetReached: boolean } | null;
  /** "empirical" when built from ≥2 prior months, else "linear" (src/metrics/pace.ts) */
  curve: "empirical" | "linear";
  /** the figures derived from the ones above, so no surface computes them (src/metrics/standing.ts) */
  standing: Standing;
}

/** Where the month stands against the target, the expected pace and the month before. */
export interface Standing {
  /** count / target × 100, unrounded; 0 when the target is 0 */
  percentOfTarget: number;
  /** count ≥ target */
  targetReached: boolean;
  /** expectedByNow − count when below the expected pace, else 0; one decimal */
  shortfall: number;
  /** month over month, at the same point: the previous month (YYYY-MM), count − previousMonthToDate, and that in
   * percent of previousMonthToDate (unrounded; null when there was nobody to compare with); samePointDay: the local
   * day (YYYY-MM-DD) of the previous month the comparison stops at, null when it is the whole month */
  change: { fromMonth: string; delta: number; percent: number | null; samePointDay: string | null };
}

export interface EpicReport {
  /** group-path&iid */
  ref: string;
  title: string;
  state: "opened" | "closed";
  webUrl: string;
  closedIssues: number;
  totalIssues: number;
  /** closed/total × 100, one decimal; null when the epic has no issues yet */
  percent: number | null;
  /** false when GitLab refused the epic (403/404, no token) */
  available: boolean;
  /** why it is unavailable */
  unavailableReason: string | null;
  startDate: string | null;
  dueDate: string | null;
  /** weights of child issues (0 when no issue carries a weight) */
  closedWeight: number;
  totalWeight: number;
}

export interface NewIssue {
  /** full reference, e.g. gitlab-com/project#12 or gitlab-com&7 */
  ref: string;
  title: string;
  webUrl: string;
  createdAt: string;
  /** username */
  author: string;
  kind: "issue" | "epic";
}

/** A KPI of a workstream as the Report shows it (src/metrics/workstream-report.ts). */
export interface KpiReport {
  id: string;
  title: string;
  source: KpiSource;
  period: KpiPeriod;
  target: number | null;
  /** YYYY-MM `value` is for: the last complete month for a recorded KPI, the report month for the computed one */
  month: string;
  /** null when nothing is recorded for `month` */
  value: number | null;
  /** the value of the month before `month`, null when none */
  previous: number | null;
  /** Slack user ID or CLI --by name of the value's latest record; null for the computed KPI or no value */
  recordedBy: string | null;
  /** ISO; null as recordedBy */
  recordedAt: string | null;
  /** the 12 months ending with `month`, oldest first; value null where nothing is recorded */
  trend: Array<{ month: string; value: number | null }>;
  /** value − previous (null unless both exist) */
  change: number | null;
  /** value / target × 100, unrounded (null without both) */
  percentOfTarget: number | null;
  /** the Slack user ID who records it (WORKSTREAMS_FILE), named when `value` is missing */
  owner: string | null;
}

export interface WorkstreamReport {
  id: string;
  title: string;
  /** group-path&iid of its epic */
  epicRef: string;
  /** that epic's progress, when it is among the configured EPICS */
  epic: EpicReport | null;
  kpis: KpiReport[];
}

export interface SyncHealth {
  /** ISO of the last successful sync, null if never */
  lastSuccessAt: string | null;
  /** error text of the most recent failed run after the last success, if any */
  lastError: string | null;
  /** number of consecutive failed runs since the last success */
  consecutiveFailures: number;
}

export interface Report {
  generatedAt: string;
  /** ISO of the last successful sync; null when the store never synced */
  dataAsOf: string | null;
  timezone: string;
  /** YYYY-MM */
  month: string;
  target: number;
  contributors: ContributorsReport;
  epics: EpicReport[];
  newIssues: NewIssue[];
  /** the instant new issues are counted from */
  newIssuesSince: string;
  sync: SyncHealth;
  /** WORKSTREAMS_FILE's workstreams with their KPIs' numbers, in file order */
  workstreams: WorkstreamReport[];
  /** the contributor funnel of the 6 months up to `month` (src/metrics/funnel.ts) */
  funnel: FunnelReport;
  retention: RetentionReport;
  drifting: DriftingReport;
  openMrs: OpenMrsReport;
}

/** One month of the funnel (src/metrics/funnel.ts): who opened labelled MRs, who did for the first time, who merged. */
export interface FunnelMonth {
  /** YYYY-MM */
  month: string;
  /** distinct authors of labelled MRs created in the month (any state now) */
  openers: number;
  /** openers whose earliest labelled MR in the synced history was created in the month */
  firstTimeOpeners: number;
  /** of firstTimeOpeners, those with a labelled MR merged by now (any of their MRs) */
  firstTimeOpenersMerged: number;
}

export interface FunnelReport {
  /** the 6 months up to the report month, oldest first */
  months: FunnelMonth[];
}

/** Of the first-time contributors of the cohort month (report month − 3), how many merged again since. */
export interface RetentionReport {
  /** YYYY-MM: the report month − 3 */
  cohortMonth: string;
  /** first-time contributors of cohortMonth */
  cohort: number;
  /** of them, those with a counted merge in a later month up to now */
  retained: number;
  /** retained / cohort, three decimals; null for an empty cohort */
  rate: number | null;
}

/** Someone who used to merge and stopped (src/metrics/funnel.ts, driftingContributors). */
export interface DriftingContributor {
  username: string;
  /** display name */
  name: string;
  /** GitLab profile URL */
  webUrl: string;
  /** ISO instant of their latest counted merge */
  lastMergedAt: string;
  /** all their counted merges in the synced history (up to now) */
  mergedCount: number;
}

export interface DriftingReport {
  count: number;
  /** the 10 with the most recent lastMergedAt, ties by username */
  top: DriftingContributor[];
}

/** Labelled MRs open now. */
export interface OpenMrsReport {
  count: number;
  /** median of (now − created) in days, one decimal; null when none is open */
  medianAgeDays: number | null;
  /** open MRs whose last update is more than 14 days before now */
  stalled: number;
}
