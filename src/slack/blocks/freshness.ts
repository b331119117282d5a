/**
 * Warnings about the data behind a card: never synced, older than the caller's staleness limit, or a GitLab sync
 * that keeps failing. Readers must not act on stale numbers without knowing it.
 */
import { staleDataAgeMs, syncKeepsFailing } from "../../metrics/sync-health.js";
import type { Report } from "../../model/report.js";
import { formatAge } from "../../wording/dates.js";
import { slackDate } from "./format.js";
import { safeText } from "./mrkdwn.js";

export interface FreshnessOptions {
  /** the caller's clock, epoch ms */
  nowMs: number;
  /** data older than this gets a warning */
  staleAfterMs: number;
}

export function freshnessWarnings(report: Report, options: FreshnessOptions): string[] {
  const warnings: string[] = [];
  if (report.dataAsOf === null) {
    warnings.push(":warning: GitLab data has never been synced: the numbers stay empty until the first sync finishes.");
  } else {
    const age = staleDataAgeMs(report.dataAsOf, options.nowMs, options.staleAfterMs);
    if (age !== null) {
      warnings.push(
        `:warning: Data is ${formatAge(age)} old (last successful GitLab sync ${slackDate(report.dataAsOf)}).`,
      );
    }
  }
  const failures = report.sync.consecutiveFailures;
  if (syncKeepsFailing(report.sync)) {
    const since =
      report.sync.lastSuccessAt === null ? "and has never succeeded" : `since ${slackDate(report.sync.lastSuccessAt)}`;
    const error = report.sync.lastError === null ? "" : `: ${safeText(report.sync.lastError, 300)}`;
    warnings.push(`:warning: GitLab sync has failed ${failures} times ${since}${error}`);
  }
  return warnings;
}

/** "Data as of <date>" for a card's footer. */
export function dataAsOfLine(report: Report): string {
  return report.dataAsOf === null ? "Data: not synced yet" : `Data as of ${slackDate(report.dataAsOf)}`;
}
