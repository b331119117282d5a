/**
 * Every counted contributor of a month with the merge requests behind them (`engagement-bot contributors`): built
 * from the same counted contributions and aggregates as the Report (contributorStats), so its rows are the Report's
 * `contributors.count` and its first-time rows `contributors.firstTime`, for the same snapshot, settings and now.
 */
import type { ContributorList } from "../model/contributor-list.js";
import type { Contribution, StoreSnapshot } from "../model/records.js";
import type { ReportSettings } from "../model/settings.js";
import { contributorStats } from "./build-report.js";

/** `month`: YYYY-MM, default the month of `now`; malformed, future or before the synced history: MonthArgError. */
export function contributorList(
  snapshot: StoreSnapshot,
  config: ReportSettings,
  now: Date,
  month?: string,
): ContributorList {
  const stats = contributorStats(snapshot, config, now.getTime(), month);
  const { people } = stats.stats.reportMonth;
  const contributors = people.map((person) => ({
    userId: person.authorId,
    username: person.username,
    name: person.name,
    mergedMrs: person.mergedCount,
    firstTime: person.firstTime,
    mrUrls: person.records.map((i) => (stats.counted[i] as Contribution).webUrl ?? ""),
  }));
  return {
    month: stats.month,
    timezone: config.timezone,
    dataAsOf: snapshot.dataAsOf,
    count: contributors.length,
    firstTime: contributors.filter((c) => c.firstTime).length,
    contributors,
  };
}
