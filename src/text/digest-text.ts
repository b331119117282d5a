/**
 * The digest as plain text for the terminal (`engagement-bot digest`): the same content as the Slack digest and its
 * thread (src/slack/blocks/digest-blocks.ts), in the same words (src/wording/), with links written out and no mrkdwn.
 */
import { newestFirst } from "../metrics/new-issues.js";
import { staleDataAgeMs, syncKeepsFailing } from "../metrics/sync-health.js";
import type { EpicReport, Report } from "../model/report.js";
import { formatAge, localDateLabel, plainDate } from "../wording/dates.js";
import { type DigestStyle, digestTitle, monthEndedWords, sinceDigestWords } from "../wording/digest.js";
import { epicName, epicProgressWords } from "../wording/epics.js";
import { funnelSummary } from "../wording/funnel.js";
import { DEFAULT_ISSUE_LABEL } from "../wording/issues.js";
import { formatNumber, plural } from "../wording/numbers.js";
import { neededText, projectionText, targetBar, trendText } from "../wording/pace.js";
import { statusWords } from "../wording/status.js";
import { driftingTextLines } from "./funnel-text.js";
import { plainText } from "./plain-text.js";
import { workstreamTextLines } from "./workstream-text.js";

export interface DigestTextOptions {
  /** with both, data older than staleAfterMs gets a warning */
  nowMs?: number;
  staleAfterMs?: number;
  issueLabel?: string;
}

const TEXT_LIST_CAP = 30;

function warnings(report: Report, options: DigestTextOptions): string[] {
  const lines: string[] = [];
  if (report.dataAsOf === null) lines.push("! GitLab data has never been synced.");
  else if (options.nowMs !== undefined && options.staleAfterMs !== undefined) {
    const age = staleDataAgeMs(report.dataAsOf, options.nowMs, options.staleAfterMs);
    if (age !== null) lines.push(`! Data is ${formatAge(age)} old (last sync ${plainDate(report.dataAsOf)}).`);
  }
  const { consecutiveFailures, lastSuccessAt, lastError } = report.sync;
  if (syncKeepsFailing(report.sync)) {
    const since = lastSuccessAt === null ? "and has never succeeded" : `since ${plainDate(lastSuccessAt)}`;
    const error = lastError === null ? "" : `: ${plainText(lastError, 300)}`;
    lines.push(`! GitLab sync has failed ${consecutiveFailures} times ${since}${error}`);
  }
  return lines;
}

function epicText(epic: EpicReport): string {
  const title = plainText(epicName(epic), 100);
  const link = epic.webUrl === "" ? "" : ` <${plainText(epic.webUrl, 300)}>`;
  return `${title}${link}: ${epicProgressWords(epic, plainText)}`;
}

function more(total: number, shown: number): string[] {
  return total > shown ? [`  …and ${formatNumber(total - shown)} more`] : [];
}

export function digestText(report: Report, options: DigestTextOptions = {}): string {
  const c = report.contributors;
  const label = plainText(options.issueLabel ?? DEFAULT_ISSUE_LABEL, 60);
  const nowMs = options.nowMs ?? Date.parse(report.generatedAt);
  const lines: string[] = [digestTitle(report, nowMs), ""];
  lines.push(...warnings(report, options));
  const style: DigestStyle = { strong: (text) => text, instant: (iso) => localDateLabel(iso, report.timezone) };
  const ended = monthEndedWords(report, style);
  if (ended !== null) lines.push(ended);
  lines.push(sinceDigestWords(report, style));
  lines.push(
    `${formatNumber(c.count)} of ${formatNumber(report.target)} wider-community contributors so far — ${statusWords(c.status)}`,
    `projected ${projectionText(report)} · needed ${neededText(report)} · ${targetBar(report)}`,
    `Trend: ${trendText(report)}`,
    `Funnel ${funnelSummary(report)}`,
    "",
    "Workstreams",
  );
  lines.push(...workstreamTextLines(report));
  for (const epic of report.epics.filter((e) => !report.workstreams.some((w) => w.epicRef === e.ref))) {
    lines.push(`  Other epic — ${epicText(epic)}`);
  }

  lines.push("", `First-time contributors: ${formatNumber(c.firstTime)}`);
  const firstTimers = c.firstTimers.slice(0, TEXT_LIST_CAP);
  for (const person of firstTimers) {
    const name = plainText(person.name.trim() === "" ? person.username : person.name, 60);
    lines.push(`  ${name} (@${plainText(person.username, 60)})`);
  }
  lines.push(...more(c.firstTimers.length, firstTimers.length));

  lines.push(
    "",
    `New ${label} issues since ${plainDate(report.newIssuesSince)}: ${formatNumber(report.newIssues.length)}`,
  );
  const issues = newestFirst(report.newIssues).slice(0, TEXT_LIST_CAP);
  for (const issue of issues) {
    lines.push(
      `  ${plainText(issue.ref, 80)} ${plainText(issue.title, 120)} — by ${plainText(issue.author, 60)}, ${plainDate(issue.createdAt)} <${plainText(issue.webUrl, 300)}>`,
    );
  }
  lines.push(...more(report.newIssues.length, issues.length));

  lines.push("", "Top contributors");
  if (c.top.length === 0) lines.push("  none yet this month");
  c.top.slice(0, 10).forEach((person, index) => {
    lines.push(
      `  ${index + 1}. @${plainText(person.username, 60)} — ${formatNumber(person.mergedCount)} ${plural(person.mergedCount, "merged MR")}`,
    );
  });

  if (report.drifting.count > 0) lines.push("", ...driftingTextLines(report));

  lines.push("", `Data as of ${report.dataAsOf === null ? "never (not synced yet)" : plainDate(report.dataAsOf)}`);
  return `${lines.join("\n")}\n`;
}
