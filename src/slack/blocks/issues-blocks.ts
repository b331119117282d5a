/** New labelled issues (and epics): the `/engagement issues` card and the digest thread's issue list. */

import { newestFirst } from "../../metrics/new-issues.js";
import type { NewIssue, Report } from "../../model/report.js";
import { localDateLabel } from "../../wording/dates.js";
import { DEFAULT_ISSUE_LABEL } from "../../wording/issues.js";
import { formatNumber, plural } from "../../wording/numbers.js";
import { header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { dataAsOfFooter } from "./footer.js";
import { slackDay } from "./format.js";
import { enforceLimits } from "./limits.js";
import { listSections } from "./list-blocks.js";
import { inlineCode, mrkdwnLink, safeText } from "./mrkdwn.js";

export const DEFAULT_ISSUE_CAP = 20;

export interface IssuesOptions {
  /** header text instead of "New User engagement issues" */
  title?: string;
  /** how many issues to list before "…and N more" */
  cap?: number;
  /** the configured ENGAGEMENT_LABEL, for the wording */
  label?: string;
}

/** "• <url|title> `ref` · epic · by author · <date>". */
export function issueLine(issue: NewIssue): string {
  const parts = [`${mrkdwnLink(issue.webUrl, issue.title, 200)} ${inlineCode(issue.ref, 80)}`];
  if (issue.kind === "epic") parts.push("epic");
  parts.push(`by ${safeText(issue.author, 60)}`, slackDay(issue.createdAt));
  return `• ${parts.join(" · ")}`;
}

/** The issue list as blocks: a count line, one issue per section, "…and N more" past the cap. */
export function issueListBlocks(report: Report, options: { cap: number; label: string }): KnownBlock[] {
  const since = slackDay(report.newIssuesSince);
  if (report.newIssues.length === 0) {
    return [section(`No new ${safeText(options.label, 60)} issues since ${since}.`)];
  }
  const count = report.newIssues.length;
  return [
    section(`*${formatNumber(count)}* new ${plural(count, "issue")} since ${since}, newest first:`),
    ...listSections("issues", newestFirst(report.newIssues).map(issueLine), { cap: options.cap, perBlock: 1 }),
  ];
}

export function issuesMessage(report: Report, options: IssuesOptions = {}): SlackMessage {
  const label = options.label ?? DEFAULT_ISSUE_LABEL;
  const cap = options.cap ?? DEFAULT_ISSUE_CAP;
  const title = options.title ?? `New ${label} issues`;
  const blocks: KnownBlock[] = [header(title), ...issueListBlocks(report, { cap, label }), dataAsOfFooter(report)];
  const count = report.newIssues.length;
  // the date written out: a notification shows this text as is (no Slack date token, no ISO timestamp)
  const since = localDateLabel(report.newIssuesSince, report.timezone);
  const text =
    count === 0
      ? `No new ${safeText(label, 60)} issues since ${since}`
      : `${formatNumber(count)} new ${safeText(label, 60)} ${plural(count, "issue")} since ${since}`;
  return enforceLimits({ text, blocks }, "message");
}
