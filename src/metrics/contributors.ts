/**
 * Contributors per month, first-time contributors and top contributors, from compact contribution records.
 *
 * Two cheap passes over the records: the first gives each author a dense index (by GitLab user id, author-index.ts), the second
 * places each record in a month (binary search over precomputed boundaries). Per author we keep the earliest merge
 * overall and the first merge in each month of the window; everything else is derived from those small arrays.
 */
import type { Contribution } from "../model/records.js";
import type { FirstTimer, TopContributor } from "../model/report.js";
import type { MonthContributor } from "../model/report-inputs.js";
import { indexAuthors } from "./author-index.js";
import { type MonthBoundaries, monthIndexOf } from "./month-index.js";
import { scratchFloat64, scratchInt32 } from "./scratch-memory.js";

export interface MonthlyContributors {
  /** month keys of the window, oldest first; the last one is the report month */
  months: string[];
  /** distinct authors per month (the report month only up to the cutoff) */
  counts: number[];
  /** per month, each distinct author's first merge instant in that month, sorted ascending */
  firstMerges: Float64Array[];
  /** the report month's contributors (the last month of the window) */
  reportMonth: ReportMonthContributors;
}

export interface ReportMonthContributors {
  firstTimers: Omit<FirstTimer, "webUrl">[];
  /** every contributor of the month, by merged MRs descending then username */
  ranking: Omit<TopContributor, "webUrl">[];
}

/** A GitLab user's profile page: what the surfaces link a person's name to (never a Slack @mention). */
export const profileUrl = (gitlabUrl: string, username: string): string => `${gitlabUrl}/${username}`;

/**
 * Aggregates `contributions` over the months of `window`; the last month is the report month, counted up to and
 * including `cutoffMs` (now, for the current month). Records after the cutoff are ignored; records before the window
 * still count as "earlier merges" for first-timers.
 */
export function aggregateContributors(
  contributions: readonly Contribution[],
  window: MonthBoundaries,
  cutoffMs: number,
): MonthlyContributors {
  const monthCount = window.keys.length;
  const reportIndex = monthCount - 1;
  const windowStart = window.starts[0] as number;
  const windowEnd = Math.min(window.starts[monthCount] as number, cutoffMs + 1);

  // Pass 1: a dense index per author, -1 for records after the cutoff.
  const recordCount = contributions.length;
  const authorOf = scratchInt32("authorOf", recordCount);
  const authorCount = indexAuthors(contributions, windowEnd, authorOf);

  // Pass 2 over typed arrays sized once (scratch-memory.ts: no growth, no garbage).
  const earliest = scratchFloat64("perAuthor", authorCount).fill(Number.POSITIVE_INFINITY);
  // author a, month m -> firstInMonth[a * monthCount + m]
  const firstInMonth = scratchFloat64("perAuthorMonth", authorCount * monthCount).fill(Number.POSITIVE_INFINITY);
  const perAuthorInts = scratchInt32("perAuthor", 2 * authorCount);
  const reportMerged = perAuthorInts.subarray(0, authorCount).fill(0);
  // the author's latest record in the report month names them (usernames can change); -1: none this month
  const reportLatest = perAuthorInts.subarray(authorCount).fill(-1);
  // the `1st contribution` label on any of the author's MRs this month
  const reportLabelled = new Uint8Array(authorCount);
  for (let i = 0; i < contributions.length; i++) {
    const author = authorOf[i] as number;
    if (author < 0) continue;
    const record = contributions[i] as Contribution;
    const at = record.mergedAtMs;
    if (at < (earliest[author] as number)) earliest[author] = at;
    if (at < windowStart) continue;
    const month = monthIndexOf(window, at);
    const slot = author * monthCount + month;
    if (at < (firstInMonth[slot] as number)) firstInMonth[slot] = at;
    if (month === reportIndex) {
      reportMerged[author] = (reportMerged[author] as number) + 1;
      if (record.firstContributionLabel) reportLabelled[author] = 1;
      const latest = reportLatest[author] as number;
      if (latest < 0 || at >= (contributions[latest] as Contribution).mergedAtMs) reportLatest[author] = i;
    }
  }

  const counts = new Array<number>(monthCount).fill(0);
  for (let a = 0; a < authorCount; a++) {
    for (let m = 0; m < monthCount; m++) {
      if ((firstInMonth[a * monthCount + m] as number) !== Number.POSITIVE_INFINITY) counts[m] = (counts[m] ?? 0) + 1;
    }
  }
  const firstMerges = counts.map((count) => new Float64Array(count));
  const filled = new Array<number>(monthCount).fill(0);
  for (let a = 0; a < authorCount; a++) {
    for (let m = 0; m < monthCount; m++) {
      const at = firstInMonth[a * monthCount + m] as number;
      if (at === Number.POSITIVE_INFINITY) continue;
      const target = firstMerges[m] as Float64Array;
      target[filled[m] as number] = at;
      filled[m] = (filled[m] as number) + 1;
    }
  }
  for (const times of firstMerges) times.sort();

  const reportStart = window.starts[reportIndex] as number;
  const firstTimers: Omit<FirstTimer, "webUrl">[] = [];
  const ranking: Omit<TopContributor, "webUrl">[] = [];
  for (let a = 0; a < authorCount; a++) {
    const latest = reportLatest[a] as number;
    if (latest < 0) continue;
    const record = contributions[latest] as Contribution;
    ranking.push({ username: record.username, name: record.name, mergedCount: reportMerged[a] as number });
    // no counted merge before this month in the synced history, or an MR GitLab labelled `1st contribution`
    if ((earliest[a] as number) >= reportStart || reportLabelled[a] === 1) {
      firstTimers.push({ username: record.username, name: record.name });
    }
  }
  ranking.sort((x, y) => y.mergedCount - x.mergedCount || compareText(x.username, y.username));
  firstTimers.sort((x, y) => compareText(x.username, y.username));

  return { months: window.keys, counts, firstMerges, reportMonth: { firstTimers, ranking } };
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The report month's first-time contributors (by username) and its ranking (by merged MRs descending, then
 * username), from the store's list of the month's contributors.
 */
export function reportMonthLists(contributors: readonly MonthContributor[]): ReportMonthContributors {
  const firstTimers: Omit<FirstTimer, "webUrl">[] = [];
  const ranking: Omit<TopContributor, "webUrl">[] = [];
  for (const person of contributors) {
    ranking.push({ username: person.username, name: person.name, mergedCount: person.mergedCount });
    if (person.firstTime) firstTimers.push({ username: person.username, name: person.name });
  }
  ranking.sort((x, y) => y.mergedCount - x.mergedCount || compareText(x.username, y.username));
  firstTimers.sort((x, y) => compareText(x.username, y.username));
  return { firstTimers, ranking };
}
