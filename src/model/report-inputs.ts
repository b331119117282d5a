/**
 * What the core asks of the store for one Report, and what the store answers: small aggregates, never every MR.
 * metrics/report-query.ts builds the question (month boundaries in TIMEZONE as instants, the who-counts settings);
 * store/ answers it with SQL over the stored MRs (bots and all: the scope is applied in the query, as
 * metrics/who-counts.ts defines it); metrics/build-report.ts turns the answer into the Report.
 */
import type { ContributorScope } from "./settings.js";

export interface ReportQuery {
  /** YYYY-MM of the report month in `timezone` */
  month: string;
  timezone: string;
  /** the window's months, oldest first: TREND_MONTHS of them, the report month last */
  monthKeys: string[];
  /** monthKeys.length + 1 instants (epoch ms): monthStarts[i] is month i's start, monthStarts[i + 1] its end */
  monthStarts: number[];
  /**
   * What has happened counts, what has not does not: merges, openings and closings at or after this instant are
   * ignored (just after now for the current month, the month's end for a past one). Stored instants are whole ms.
   */
  endMs: number;
  /** the instant ages and "days ago" are measured from (now, or the end of a past month) */
  atMs: number;
  /**
   * window months whose contributors' first merge instants are asked for: [from, to] (the pace curve's months and
   * the report month)
   */
  firstMergeMonths: { from: number; to: number };
  /** the window month where the funnel's FUNNEL_MONTHS months begin (they end with the report month) */
  funnelFrom: number;
  /** the cohort month of retention, as a window month */
  cohortMonth: number;
  /** drifting: merges in window months [recentFrom, quietFrom) and none from quietFrom on */
  recentFrom: number;
  quietFrom: number;
  /** drifting: at least this many counted merges before window month quietFrom */
  driftingMinMerges: number;
  /** an open MR last updated before this instant is stalled */
  stalledBeforeMs: number;
  /** who counts: metrics/who-counts.ts */
  scope: ContributorScope;
}

/** A contributor of the report month. */
export interface MonthContributor {
  authorId: number;
  /** as on their latest counted MR of the month (usernames can change) */
  username: string;
  name: string;
  /** counted MRs merged in the month */
  mergedCount: number;
  /** no counted merge before the month in the synced history, or an MR of the month labelled `1st contribution` */
  firstTime: boolean;
}

/** A counted MR of the report month (`engagement-bot contributors`'s mr_urls): the store's Store.reportMonthMrs. */
export interface ReportMonthMr {
  authorId: number;
  webUrl: string;
  mergedAtMs: number;
}

/** An author drifting away (metrics/funnel.ts: driftingReport). */
export interface DriftingAuthor {
  authorId: number;
  /** as on their latest counted MR */
  username: string;
  name: string;
  /** epoch ms of their latest counted merge */
  lastMergedMs: number;
  /** every counted merge of theirs in the synced history */
  mergedCount: number;
}

export interface FunnelCounts {
  openers: number;
  firstTimeOpeners: number;
  firstTimeOpenersMerged: number;
}

/** The store's answer to a ReportQuery: every figure the contributor and funnel parts of the Report need. */
export interface ReportAggregates {
  /** distinct counted contributors per window month (the report month up to endMs) */
  counts: number[];
  /**
   * per window month in query.firstMergeMonths (else empty): each contributor's first counted merge instant in
   * that month, ascending
   */
  firstMerges: number[][];
  /** the report month's contributors, any order */
  reportMonth: MonthContributor[];
  /** retention of query.cohortMonth: its first-time contributors, and those of them with a counted merge later */
  retention: { cohort: number; retained: number };
  /** every drifting author, any order */
  drifting: DriftingAuthor[];
  /** the funnel's months, oldest first (FUNNEL_MONTHS of them, the report month last) */
  funnel: FunnelCounts[];
  /** labelled MRs open at endMs: when each was opened (epoch ms), and how many of them are stalled */
  openMrs: { createdMs: number[]; stalled: number };
}
