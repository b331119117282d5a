/**
 * The weekly digest: one compact channel message titled with its week, leading with what changed (in the first
 * days of a month the final result of the month that just ended, then the contributors added since the last digest)
 * and the number that matters (contributors vs target), then the three workstreams with their epic's progress and
 * one funnel line; the details go in thread replies, the drifting contributors ("people to reach out to") last.
 */

import type { Report } from "../../model/report.js";
import { localDateLabel, monthLabel } from "../../wording/dates.js";
import { type DigestStyle, digestTitle, monthEndedWords, sinceDigestWords } from "../../wording/digest.js";
import { funnelSummary } from "../../wording/funnel.js";
import { DEFAULT_ISSUE_LABEL } from "../../wording/issues.js";
import { formatNumber, plural } from "../../wording/numbers.js";
import { projectionText, targetBar } from "../../wording/pace.js";
import { statusWords } from "../../wording/status.js";
import { context, header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { firstTimerBlocks, topContributorBlocks } from "./contributors-blocks.js";
import { dataAsOfFooter } from "./footer.js";
import { slackDay, statusLabel } from "./format.js";
import { type FreshnessOptions, freshnessWarnings } from "./freshness.js";
import { reachOutMessage } from "./funnel-blocks.js";
import { issuesMessage } from "./issues-blocks.js";
import { enforceLimits } from "./limits.js";
import { safeText } from "./mrkdwn.js";
import { workstreamBlocks } from "./workstream-blocks.js";

export interface DigestOptions extends FreshnessOptions {
  /** the configured ENGAGEMENT_LABEL, for the wording */
  issueLabel?: string;
}

export interface DigestMessages {
  top: SlackMessage;
  thread: SlackMessage[];
  /** the thread's last text reply, the drifting contributors ("people to reach out to"); null when nobody drifts */
  reachOut: SlackMessage | null;
}

/** "*412 of 1,000* wider-community contributors in November 2026 so far — :large_green_circle: on track". */
export function digestHeadline(report: Report): string {
  const c = report.contributors;
  return (
    `:busts_in_silhouette: *${formatNumber(c.count)} of ${formatNumber(report.target)}* wider-community contributors ` +
    `in ${monthLabel(report.month)} so far — ${statusLabel(c.status)}\nprojected ${projectionText(report)} · ${targetBar(report)}`
  );
}

/** Slack's: figures in bold, an instant as a Slack date (each reader's own time zone). */
const SLACK_DIGEST_STYLE: DigestStyle = { strong: (text) => `*${text}*`, instant: slackDay };

/** The lead, one line each: the month just ended (its first days only), then the change since the last digest. */
export function digestLead(report: Report): string {
  const ended = monthEndedWords(report, SLACK_DIGEST_STYLE);
  const since = `:chart_with_upwards_trend: ${sinceDigestWords(report, SLACK_DIGEST_STYLE)}`;
  return ended === null ? since : `:checkered_flag: ${ended}\n${since}`;
}

export function digestTopMessage(report: Report, options: DigestOptions): SlackMessage {
  const label = safeText(options.issueLabel ?? DEFAULT_ISSUE_LABEL, 60);
  const issues = report.newIssues.length;
  const firstTime = report.contributors.firstTime;
  const title = digestTitle(report, options.nowMs);
  const blocks: KnownBlock[] = [
    header(title),
    ...freshnessWarnings(report, options).map((warning) => section(warning)),
    section(digestLead(report)),
    section(digestHeadline(report)),
    ...workstreamBlocks(report, { cap: 20, otherEpics: true, trend: true }),
    section(
      `:tada: *${formatNumber(firstTime)}* ${plural(firstTime, "first-time contributor")} · ` +
        `:memo: *${formatNumber(issues)}* new ${label} ${plural(issues, "issue")} · details in the thread :thread:`,
    ),
    section(`*Funnel* ${funnelSummary(report)}`),
    dataAsOfFooter(report),
  ];
  const c = report.contributors;
  // a notification shows only this: the same lead, with the date written out (no Slack date token, no ISO)
  const plainStyle: DigestStyle = { strong: (text) => text, instant: (iso) => localDateLabel(iso, report.timezone) };
  const lead = [monthEndedWords(report, plainStyle), sinceDigestWords(report, plainStyle)].filter(
    (part) => part !== null,
  );
  const text = `${title}: ${lead.join("; ")}; ${formatNumber(c.count)} of ${formatNumber(report.target)} contributors in ${monthLabel(report.month)} (${statusWords(c.status)}), ${formatNumber(firstTime)} first-time, ${formatNumber(issues)} new issues`;
  return enforceLimits({ text, blocks }, "message");
}

export function welcomeMessage(report: Report): SlackMessage {
  const count = report.contributors.firstTime;
  const intro =
    count === 0
      ? `No first-time contributors yet in ${monthLabel(report.month)}.`
      : `:wave: *Welcome to our ${formatNumber(count)} ${plural(count, "first-time contributor")}* in ${monthLabel(report.month)}!`;
  const blocks: KnownBlock[] = [section(intro), ...(count === 0 ? [] : firstTimerBlocks(report))];
  const text = count === 0 ? intro : `Welcome to our ${formatNumber(count)} first-time contributors!`;
  return enforceLimits({ text, blocks }, "message");
}

export function topContributorsMessage(report: Report): SlackMessage {
  const blocks: KnownBlock[] = [
    section(`:trophy: *Top contributors* in ${monthLabel(report.month)}`),
    ...topContributorBlocks(report),
    context("Counted by merged MRs labelled as community contributions."),
  ];
  return enforceLimits({ text: `Top contributors in ${monthLabel(report.month)}`, blocks }, "message");
}

export function digestMessages(report: Report, options: DigestOptions): DigestMessages {
  const label = options.issueLabel ?? DEFAULT_ISSUE_LABEL;
  return {
    top: digestTopMessage(report, options),
    thread: [
      welcomeMessage(report),
      issuesMessage(report, { title: `New ${label} issues`, label }),
      topContributorsMessage(report),
    ],
    reachOut: reachOutMessage(report),
  };
}

/** Every thread reply in posting order: the thread, then the drifting list when anyone drifts. */
export const digestReplies = (messages: DigestMessages): SlackMessage[] =>
  messages.reachOut === null ? messages.thread : [...messages.thread, messages.reachOut];
