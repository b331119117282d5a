/** The list behind the Report's contributor count (`engagement-bot contributors`, src/metrics/contributor-list.ts). */

/** One counted contributor of the month: a row of the CSV (user_id,username,name,merged_mrs,first_time,mr_urls). */
export interface ContributorRow {
  /** GitLab user id: who a person is (usernames can change) */
  userId: number;
  /** as of the contributor's latest merge in the month */
  username: string;
  /** display name */
  name: string;
  /** counted merged MRs in the month */
  mergedMrs: number;
  /** one of the month's first-time contributors (the Report's contributors.firstTimers) */
  firstTime: boolean;
  /** the web URLs of those MRs, by merge time */
  mrUrls: string[];
}

export interface ContributorList {
  /** YYYY-MM in `timezone` */
  month: string;
  timezone: string;
  /** ISO of the last successful sync; null when the store never synced */
  dataAsOf: string | null;
  /** contributors.length: the Report's contributors.count */
  count: number;
  /** rows with firstTime: the Report's contributors.firstTime */
  firstTime: number;
  /** by merged MRs descending, then username (the Report's top 10 are the first ten) */
  contributors: ContributorRow[];
}
