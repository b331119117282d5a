/** The `/engagement status` card: where the month stands against the target, the epics, the new issues. */
import type { Report } from "../../model/report.js";
import { previousMonthText } from "../../wording/comparison.js";
import { monthLabel } from "../../wording/dates.js";
import { DEFAULT_ISSUE_LABEL } from "../../wording/issues.js";
import { formatNumber, plural } from "../../wording/numbers.js";
import { expectedText, neededText, projectionText, targetBar, trendText } from "../../wording/pace.js";
import { statusWords } from "../../wording/status.js";
import { divider, fieldsSection, header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { epicLine } from "./epics-blocks.js";
import { dataAsOfFooter } from "./footer.js";
import { slackDay, statusLabel } from "./format.js";
import { type FreshnessOptions, freshnessWarnings } from "./freshness.js";
import { enforceLimits } from "./limits.js";
import { listSections } from "./list-blocks.js";
import { safeText } from "./mrkdwn.js";
import { workstreamBlocks } from "./workstream-blocks.js";

/** Epics beyond this are left to `/engagement epics`. */
const STATUS_EPIC_CAP = 10;

export interface StatusOptions extends FreshnessOptions {
  /** the configured ENGAGEMENT_LABEL, for the wording */
  issueLabel?: string;
}

/** The pace part (headline, numbers, trend), shared with the Home tab. */
export function paceBlocks(report: Report): KnownBlock[] {
  const c = report.contributors;
  return [
    section(
      `*${formatNumber(c.count)}* of *${formatNumber(report.target)}* wider-community contributors this month\n` +
        `${statusLabel(c.status)} · ${targetBar(report)}`,
    ),
    fieldsSection([
      `*Expected by now*\n${expectedText(report)}`,
      `*Projected*\n${projectionText(report)}`,
      `*Needed*\n${neededText(report)}`,
      `*First-time contributors*\n${formatNumber(c.firstTime)}`,
      `*Last month*\n${previousMonthText(report)}`,
    ]),
    section(`*Trend* ${trendText(report)}`),
  ];
}

/** Epic progress lines, capped. */
export function epicBlocks(report: Report, cap = STATUS_EPIC_CAP): KnownBlock[] {
  if (report.epics.length === 0) return [section("*Epics*\nNo epics are configured.")];
  return [
    section("*Epics*"),
    ...listSections("epics", report.epics.map(epicLine), { cap, perBlock: 5, separator: "\n\n" }),
  ];
}

export function newIssuesCountLine(report: Report, label = DEFAULT_ISSUE_LABEL): string {
  const count = report.newIssues.length;
  return `:memo: *${formatNumber(count)}* new ${safeText(label, 60)} ${plural(count, "issue")} since ${slackDay(report.newIssuesSince)}`;
}

export function statusMessage(report: Report, options: StatusOptions): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`Contributor pace — ${monthLabel(report.month)}`),
    ...freshnessWarnings(report, options).map((warning) => section(warning)),
    ...paceBlocks(report),
    divider(),
    ...workstreamBlocks(report, { cap: STATUS_EPIC_CAP }),
    ...epicBlocks(report),
    section(newIssuesCountLine(report, options.issueLabel)),
    dataAsOfFooter(report),
  ];
  const c = report.contributors;
  const text = `${formatNumber(c.count)} of ${formatNumber(report.target)} contributors in ${monthLabel(report.month)}: ${statusWords(c.status)}`;
  return enforceLimits({ text, blocks }, "message");
}
