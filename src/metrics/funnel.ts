/**
 * The contributor funnel (README, "What the numbers mean"): openers and first-time openers per month and how many of
 * those merged, retention of a cohort of first-time contributors, drifting contributors, and the age of open MRs.
 * Pure: the records in are already the ones that count (same scope and bot rules as the contributor count), and
 * "now" is passed in (the report's instant, or the end of a past report month: see funnelNow).
 */
import type { FunnelMerge, FunnelUnmerged } from "../model/funnel.js";
import type {
  DriftingContributor,
  DriftingReport,
  FunnelMonth,
  FunnelReport,
  OpenMrsReport,
  RetentionReport,
} from "../model/report.js";
import type { DriftingAuthor, FunnelCounts, ReportQuery } from "../model/report-inputs.js";
import { addMonths, DAY_MS, monthStartMs } from "./calendar.js";
import { compareText, profileUrl } from "./contributors.js";
import { monthBoundaries, monthIndexOf } from "./month-index.js";

/** How many months the funnel shows, the report month last. */
export const FUNNEL_MONTHS = 6;
/** The cohort month of retention is this many months before the report month. */
export const RETENTION_LAG_MONTHS = 3;
export const TOP_DRIFTING = 10;
/** An open MR not updated for more than this many days is stalled. */
export const STALLED_AFTER_DAYS = 14;
/** Drifting: at least this many counted merges before the quiet months. */
export const DRIFTING_MIN_MERGES = 3;

/**
 * The instant the funnel is taken at, and the last instant it counts (inclusive): for the current month both are
 * `nowMs`; for a past month the end of that month (its last millisecond is the last one counted).
 */
export interface FunnelNow {
  /** ages and "days ago" are measured from here */
  atMs: number;
  /** records after this instant have not happened yet */
  cutoffMs: number;
}

export function funnelNow(month: string, timeZone: string, nowMs: number): FunnelNow {
  const endMs = monthStartMs(addMonths(month, 1), timeZone);
  return nowMs < endMs ? { atMs: nowMs, cutoffMs: nowMs } : { atMs: endMs, cutoffMs: endMs - 1 };
}

/** Rounds to `places` decimals. */
const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

/**
 * openers, firstTimeOpeners and firstTimeOpenersMerged for the FUNNEL_MONTHS months up to `month`, oldest first.
 * A merged MR whose creation time is unknown (createdAtMs null) opens nothing, but still counts as a merge.
 */
export function funnelMonths(
  merges: readonly FunnelMerge[],
  unmerged: readonly FunnelUnmerged[],
  month: string,
  timeZone: string,
  now: FunnelNow,
): FunnelReport {
  const window = monthBoundaries(addMonths(month, 1 - FUNNEL_MONTHS), FUNNEL_MONTHS, timeZone);
  const earliestOpened = new Map<number, number>();
  const openedIn = new Map<number, Set<number>>();
  const merged = new Set<number>();
  const opened = (authorId: number, createdAtMs: number): void => {
    if (createdAtMs > now.cutoffMs) return;
    const earliest = earliestOpened.get(authorId);
    if (earliest === undefined || createdAtMs < earliest) earliestOpened.set(authorId, createdAtMs);
    const index = monthIndexOf(window, createdAtMs);
    if (index < 0 || index >= FUNNEL_MONTHS) return;
    let authors = openedIn.get(index);
    if (!authors) {
      authors = new Set();
      openedIn.set(index, authors);
    }
    authors.add(authorId);
  };
  for (const mr of merges) {
    if (mr.mergedAtMs <= now.cutoffMs) merged.add(mr.authorId);
    if (mr.createdAtMs != null) opened(mr.authorId, mr.createdAtMs);
  }
  for (const mr of unmerged) opened(mr.authorId, mr.createdAtMs);

  const months: FunnelMonth[] = window.keys.map((key, index) => {
    const authors = openedIn.get(index) ?? new Set<number>();
    let firstTimeOpeners = 0;
    let firstTimeOpenersMerged = 0;
    for (const authorId of authors) {
      if (monthIndexOf(window, earliestOpened.get(authorId) as number) !== index) continue;
      firstTimeOpeners++;
      if (merged.has(authorId)) firstTimeOpenersMerged++;
    }
    return { month: key, openers: authors.size, firstTimeOpeners, firstTimeOpenersMerged };
  });
  return { months };
}

/**
 * Retention: the first-time contributors of the cohort month (report month − RETENTION_LAG_MONTHS) with a counted
 * merge in a later month up to now. First-time as the contributor count decides it (src/metrics/contributors.ts): no
 * earlier counted merge in the synced history, or an MR of that month labelled `1st contribution`.
 */
export function retention(
  merges: readonly FunnelMerge[],
  month: string,
  timeZone: string,
  now: FunnelNow,
): RetentionReport {
  const cohortMonth = addMonths(month, -RETENTION_LAG_MONTHS);
  const startMs = monthStartMs(cohortMonth, timeZone);
  const endMs = monthStartMs(addMonths(cohortMonth, 1), timeZone);
  const earliest = new Map<number, number>();
  const labelledInCohort = new Set<number>();
  const mergedLater = new Set<number>();
  for (const mr of merges) {
    const at = mr.mergedAtMs;
    if (at > now.cutoffMs) continue;
    const known = earliest.get(mr.authorId);
    if (known === undefined || at < known) earliest.set(mr.authorId, at);
    if (at >= startMs && at < endMs && mr.firstContributionLabel) labelledInCohort.add(mr.authorId);
    if (at >= endMs) mergedLater.add(mr.authorId);
  }
  let cohort = 0;
  let retained = 0;
  for (const [authorId, first] of earliest) {
    // a contributor of the cohort month: first ever merge in it, or a labelled first contribution merged in it
    const firstTime = (first >= startMs && first < endMs) || labelledInCohort.has(authorId);
    if (!firstTime) continue;
    cohort++;
    if (mergedLater.has(authorId)) retained++;
  }
  return { cohortMonth, cohort, retained, rate: cohort === 0 ? null : round(retained / cohort, 3) };
}

interface AuthorMerges {
  count: number;
  /** merges before month M − 2 */
  before: number;
  /** a merge in M − 5 … M − 3 */
  recent: boolean;
  /** a merge in M − 2 … now */
  quiet: boolean;
  lastMs: number;
  username: string;
  name: string;
}

/**
 * Drifting in `month` (M): authors with at least DRIFTING_MIN_MERGES counted merges before M − 2, at least one of them
 * in M − 5 … M − 3, and none in M − 2 … M up to now. The top TOP_DRIFTING by the most recent last merge (ties by
 * username); mergedCount is all their counted merges in the synced history up to now.
 */
export function driftingContributors(
  merges: readonly FunnelMerge[],
  month: string,
  timeZone: string,
  now: FunnelNow,
  gitlabUrl: string,
): DriftingReport {
  const recentStartMs = monthStartMs(addMonths(month, -5), timeZone);
  const quietStartMs = monthStartMs(addMonths(month, -2), timeZone);
  const authors = new Map<number, AuthorMerges>();
  for (const mr of merges) {
    const at = mr.mergedAtMs;
    if (at > now.cutoffMs) continue;
    let author = authors.get(mr.authorId);
    if (!author) {
      author = { count: 0, before: 0, recent: false, quiet: false, lastMs: at, username: mr.username, name: mr.name };
      authors.set(mr.authorId, author);
    }
    author.count++;
    if (at < quietStartMs) {
      author.before++;
      if (at >= recentStartMs) author.recent = true;
    } else {
      author.quiet = true;
    }
    // the latest record names them (usernames can change)
    if (at >= author.lastMs) {
      author.lastMs = at;
      author.username = mr.username;
      author.name = mr.name;
    }
  }
  const drifting: DriftingAuthor[] = [];
  for (const [authorId, author] of authors) {
    if (author.before < DRIFTING_MIN_MERGES || !author.recent || author.quiet) continue;
    const { username, name, lastMs: lastMergedMs, count: mergedCount } = author;
    drifting.push({ authorId, username, name, lastMergedMs, mergedCount });
  }
  return driftingReport(drifting, gitlabUrl);
}

/**
 * Labelled MRs open at `now`: created by then and neither merged nor closed by then. For a past month an MR's
 * updates after that month are not known as of then, so `stalled` counts only those whose last update (as stored)
 * is already more than STALLED_AFTER_DAYS before the end of that month.
 */
export function openMrs(
  merges: readonly FunnelMerge[],
  unmerged: readonly FunnelUnmerged[],
  now: FunnelNow,
): OpenMrsReport {
  const ages: number[] = [];
  let stalled = 0;
  const stalledBeforeMs = now.atMs - STALLED_AFTER_DAYS * DAY_MS;
  const open = (createdAtMs: number, updatedAtMs: number | null): void => {
    ages.push((now.atMs - createdAtMs) / DAY_MS);
    if (updatedAtMs !== null && updatedAtMs < stalledBeforeMs) stalled++;
  };
  for (const mr of unmerged) {
    if (mr.createdAtMs > now.cutoffMs) continue;
    const closedByNow = mr.state === "closed" && (mr.closedAtMs === null || mr.closedAtMs <= now.cutoffMs);
    if (closedByNow) continue;
    open(mr.createdAtMs, mr.updatedAtMs);
  }
  // a merged MR was open before its merge: it counts for a past month it was still open in (its stored update is
  // at or after the merge, so it is never stalled then)
  for (const mr of merges) {
    if (mr.createdAtMs == null || mr.createdAtMs > now.cutoffMs || mr.mergedAtMs <= now.cutoffMs) continue;
    open(mr.createdAtMs, null);
  }
  return { count: ages.length, medianAgeDays: ages.length === 0 ? null : round(median(ages), 1), stalled };
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

// --- the same parts from the store's aggregates (src/model/report-inputs.ts) ---

/** The funnel's months from the store's counts, oldest first. */
export function funnelReport(query: ReportQuery, counts: readonly FunnelCounts[]): FunnelReport {
  const keys = query.monthKeys.slice(query.funnelFrom);
  return { months: keys.map((month, i) => ({ month, ...(counts[i] ?? EMPTY_FUNNEL_MONTH) })) };
}

const EMPTY_FUNNEL_MONTH: FunnelCounts = { openers: 0, firstTimeOpeners: 0, firstTimeOpenersMerged: 0 };

export function retentionReport(query: ReportQuery, counts: { cohort: number; retained: number }): RetentionReport {
  const { cohort, retained } = counts;
  return {
    cohortMonth: query.monthKeys[query.cohortMonth] as string,
    cohort,
    retained,
    rate: cohort === 0 ? null : round(retained / cohort, 3),
  };
}

/** The top TOP_DRIFTING by the most recent last merge (ties by username), and how many drift. */
export function driftingReport(authors: readonly DriftingAuthor[], gitlabUrl: string): DriftingReport {
  const sorted = [...authors].sort((a, b) => b.lastMergedMs - a.lastMergedMs || compareText(a.username, b.username));
  const top: DriftingContributor[] = sorted.slice(0, TOP_DRIFTING).map((author) => ({
    username: author.username,
    name: author.name,
    webUrl: profileUrl(gitlabUrl, author.username),
    lastMergedAt: new Date(author.lastMergedMs).toISOString(),
    mergedCount: author.mergedCount,
  }));
  return { count: authors.length, top };
}

/** Open MRs: their median age in days at query.atMs (one decimal), and the stalled count the store gave. */
export function openMrsReport(
  query: ReportQuery,
  open: { createdMs: readonly number[]; stalled: number },
): OpenMrsReport {
  const ages = open.createdMs.map((createdMs) => (query.atMs - createdMs) / DAY_MS);
  return {
    count: ages.length,
    medianAgeDays: ages.length === 0 ? null : round(median(ages), 1),
    stalled: open.stalled,
  };
}
