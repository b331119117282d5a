/**
 * The contributor funnel in Slack: the `/engagement funnel [YYYY-MM]` card, the digest's funnel line and its
 * "people to reach out to" thread reply, and the Home tab's funnel part. Every number is the Report's
 * (src/metrics/funnel.ts); the words are src/wording/funnel.ts's, the same as the terminal's.
 * Drifting contributors link to their GitLab profiles: a Slack reader must never take them for @mentions.
 */
import type { DriftingContributor, Report } from "../../model/report.js";
import { monthLabel } from "../../wording/dates.js";
import {
  driftingWords,
  funnelMonthLine,
  funnelSummary,
  newAndReturningWords,
  openMrsWords,
  retentionWords,
} from "../../wording/funnel.js";
import { formatNumber, plural } from "../../wording/numbers.js";
import { context, fieldsSection, header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { dataAsOfFooter } from "./footer.js";
import { type FreshnessOptions, freshnessWarnings } from "./freshness.js";
import { enforceLimits } from "./limits.js";
import { listSections } from "./list-blocks.js";
import { mrkdwnLink } from "./mrkdwn.js";

/** "Community MRs opened" then one line per month, oldest first: the figures, no bar. */
export function funnelMonthsSection(report: Report): KnownBlock {
  const lines = report.funnel.months.map((month) => `• ${funnelMonthLine(month)}`);
  return section(`*Community MRs opened* (authors · first-time authors · of them merged)\n${lines.join("\n")}`);
}

/** "<https://gitlab.com/kweber|K. Weber> — last merged 2026-08-20 · 14 MRs merged": a profile link, not a mention. */
export function driftingLine(person: DriftingContributor): string {
  const label = person.name.trim() === "" ? person.username : person.name;
  return `• ${mrkdwnLink(person.webUrl, label, 60)} — ${driftingWords(person)}`;
}

/** Who drifts, in words (src/metrics/funnel.ts, driftingContributors). */
const DRIFTING_RULE = "3+ merged MRs until 3 months ago, none since";

/** "*2 drifting contributors* — people to reach out to", or that nobody is drifting. */
export function driftingHeadline(report: Report): string {
  const { count } = report.drifting;
  if (count === 0) return `*No drifting contributors* (${DRIFTING_RULE})`;
  return `*${formatNumber(count)} drifting ${plural(count, "contributor")}* — people to reach out to (${DRIFTING_RULE})`;
}

/** The drifting list: the Report's top (the most recent last merges), "…and N more" for the rest. */
export function driftingBlocks(report: Report): KnownBlock[] {
  const { count, top } = report.drifting;
  const blocks: KnownBlock[] = [section(driftingHeadline(report))];
  if (top.length === 0) return blocks;
  blocks.push(...listSections("drifting", top.map(driftingLine), { cap: top.length, perBlock: top.length }));
  if (count > top.length) blocks.push(context(`…and ${formatNumber(count - top.length)} more`));
  return blocks;
}

/** New vs returning, retention, open MRs: the side figures of the funnel. */
export function funnelFiguresSection(report: Report): KnownBlock {
  return fieldsSection([
    `*Contributors in ${monthLabel(report.month)}*\n${formatNumber(report.contributors.count)} (${newAndReturningWords(report)})`,
    `*Retention*\n${retentionWords(report.retention)}`,
    `*Open community MRs*\n${openMrsWords(report.openMrs)}`,
  ]);
}

export function funnelMessage(report: Report, options: FreshnessOptions): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`Contributor funnel — ${monthLabel(report.month)}`),
    ...freshnessWarnings(report, options).map((warning) => section(warning)),
    funnelMonthsSection(report),
    funnelFiguresSection(report),
    ...driftingBlocks(report),
    dataAsOfFooter(report),
  ];
  return enforceLimits({ text: `Contributor funnel — ${funnelSummary(report)}`, blocks }, "message");
}

/** The digest's thread reply listing the drifting contributors; null when nobody drifts (no empty reply). */
export function reachOutMessage(report: Report): SlackMessage | null {
  if (report.drifting.count === 0) return null;
  const { count } = report.drifting;
  return enforceLimits(
    {
      text: `${formatNumber(count)} drifting ${plural(count, "contributor")}: people to reach out to`,
      blocks: [...driftingBlocks(report), context("Their names link to their GitLab profiles.")],
    },
    "message",
  );
}

/** The Home tab's funnel part: the months, then the figures. */
export function homeFunnelBlocks(report: Report): KnownBlock[] {
  return [section("*Contributor funnel*"), funnelMonthsSection(report), funnelFiguresSection(report)];
}
