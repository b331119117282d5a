/**
 * Pace alerts for the channel: one message when the month's status gets worse (with what fell behind and by how
 * much), a short note when it recovers. Whether to post at all is the scheduler's decision, not this file's.
 */
import type { PaceStatus, Report } from "../../model/report.js";
import { monthLabel } from "../../wording/dates.js";
import { formatNumber, formatPeople, formatRatio } from "../../wording/numbers.js";
import { neededText, projectionText } from "../../wording/pace.js";
import { statusWords } from "../../wording/status.js";
import { context, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { epicLink } from "./epics-blocks.js";
import { dataAsOfFooter } from "./footer.js";
import { statusEmoji, statusLabel } from "./format.js";
import { enforceLimits } from "./limits.js";

function fromText(previous: PaceStatus | null): string {
  return previous === null ? "" : ` (was ${statusLabel(previous)})`;
}

export function paceAlertMessage(report: Report, previous: PaceStatus | null): SlackMessage {
  const c = report.contributors;
  const headline =
    c.status === "behind"
      ? "Contributor pace has fallen *behind*"
      : `Contributor pace is now *${statusWords(c.status)}*`;
  const blocks: KnownBlock[] = [
    section(
      `${statusEmoji(c.status)} ${headline} for ${monthLabel(report.month)}${fromText(previous)}.\n` +
        `The wider-community contributor count is *${formatNumber(c.count)}* against *${formatPeople(c.expectedByNow)}* expected by now: ` +
        `*${formatRatio(c.ratio)}* of the expected pace, ${formatPeople(c.standing.shortfall)} short.`,
    ),
    section(
      `• *Projected:* ${projectionText(report)} (target ${formatNumber(report.target)})\n` +
        `• *Needed:* ${neededText(report)} for the rest of the month`,
    ),
  ];
  const links = report.epics.filter((epic) => epic.webUrl !== "").map(epicLink);
  if (links.length > 0) blocks.push(context(`Epics: ${links.slice(0, 10).join(" · ")}`));
  blocks.push(dataAsOfFooter(report));
  const text = `Contributor pace is ${statusWords(c.status)}: ${formatNumber(c.count)} contributors vs ${formatPeople(c.expectedByNow)} expected by now (${formatRatio(c.ratio)}), projected ${projectionText(report)}`;
  return enforceLimits({ text, blocks }, "message");
}

export function paceRecoveryMessage(report: Report, previous: PaceStatus | null): SlackMessage {
  const c = report.contributors;
  const verb = c.status === "on_track" ? "is back" : "has improved to";
  const line =
    `${statusEmoji(c.status)} Contributor pace ${verb} *${statusWords(c.status)}*${fromText(previous)}: ` +
    `${formatNumber(c.count)} contributors vs ${formatPeople(c.expectedByNow)} expected by now (${formatRatio(c.ratio)}).`;
  const text = `Contributor pace ${verb} ${statusWords(c.status)}: ${formatNumber(c.count)} vs ${formatPeople(c.expectedByNow)} expected (${formatRatio(c.ratio)})`;
  return enforceLimits({ text, blocks: [section(line), dataAsOfFooter(report)] }, "message");
}
