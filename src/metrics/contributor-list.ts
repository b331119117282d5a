/**
 * Every counted contributor of a month with the merge requests behind them (`engagement-bot contributors`): the
 * rows are the store's list of the report month's contributors (ReportAggregates.reportMonth), the one the Report's
 * contributors.count, firstTime and top 10 come from (build-report.ts), so the list and the Report cannot disagree;
 * each row carries that author's counted MRs of the month (Store.reportMonthMrs, read in the same transaction).
 */
import type { ContributorList } from "../model/contributor-list.js";
import type { ReportAggregates, ReportMonthMr, ReportQuery } from "../model/report-inputs.js";
import { compareText } from "./contributors.js";

export interface ContributorListInput {
  query: ReportQuery;
  aggregates: ReportAggregates;
  /** the counted MRs of the report month, by merge time */
  mrs: readonly ReportMonthMr[];
  /** ISO of the last successful sync */
  dataAsOf: string | null;
}

/** The rows by merged MRs descending, then username (the Report's ranking order: its top 10 are the first ten). */
export function contributorList(input: ContributorListInput): ContributorList {
  const urls = new Map<number, string[]>();
  for (const mr of input.mrs) {
    const list = urls.get(mr.authorId);
    if (list) list.push(mr.webUrl);
    else urls.set(mr.authorId, [mr.webUrl]);
  }
  const contributors = [...input.aggregates.reportMonth]
    .sort((x, y) => y.mergedCount - x.mergedCount || compareText(x.username, y.username))
    .map((person) => ({
      userId: person.authorId,
      username: person.username,
      name: person.name,
      mergedMrs: person.mergedCount,
      firstTime: person.firstTime,
      mrUrls: urls.get(person.authorId) ?? [],
    }));
  return {
    month: input.query.month,
    timezone: input.query.timezone,
    dataAsOf: input.dataAsOf,
    count: contributors.length,
    firstTime: contributors.filter((c) => c.firstTime).length,
    contributors,
  };
}
