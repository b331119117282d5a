/** Contributors of a month: the `/engagement contributors [YYYY-MM]` card and the lists the digest reuses. */
import type { FirstTimer, Report, TopContributor } from "../../model/report.js";
import { monthOverMonthText } from "../../wording/comparison.js";
import { monthLabel } from "../../wording/dates.js";
import { newAndReturningWords } from "../../wording/funnel.js";
import { formatNumber, plural } from "../../wording/numbers.js";
import { context, header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { dataAsOfFooter } from "./footer.js";
import { enforceLimits } from "./limits.js";
import { listSections } from "./list-blocks.js";
import { mrkdwnLink, safeText } from "./mrkdwn.js";

/** Names shown before "…and N more": a welcome list, not a directory. */
export const FIRST_TIMER_CAP = 60;

/**
 * "<https://gitlab.com/ada|ada>": the username linked to the GitLab profile, without "@", so that nobody takes it
 * for a Slack @mention (it is not one: GitLab and Slack names differ).
 */
export function profileLink(person: Pick<FirstTimer, "username" | "webUrl">): string {
  return mrkdwnLink(person.webUrl, person.username, 60);
}

/** "Ada Lovelace (<https://gitlab.com/ada|ada>)"; the profile link alone when the display name adds nothing. */
export function firstTimerLink(person: FirstTimer): string {
  const name = person.name.trim();
  return name === "" || name === person.username
    ? profileLink(person)
    : `${safeText(name, 60)} (${profileLink(person)})`;
}

export function firstTimerBlocks(report: Report, cap = FIRST_TIMER_CAP): KnownBlock[] {
  const people = report.contributors.firstTimers;
  if (people.length === 0) return [section("No first-time contributors yet this month.")];
  return listSections("first-timers", people.map(firstTimerLink), { cap, perBlock: 20, separator: ", " });
}

/** "1. *Ada Lovelace* <https://gitlab.com/ada|ada> — 12 merged MRs". */
export function topContributorLine(person: TopContributor, rank: number): string {
  const name = person.name.trim() === "" ? "" : `*${safeText(person.name, 60)}* `;
  const merged = `${formatNumber(person.mergedCount)} ${plural(person.mergedCount, "merged MR")}`;
  return `${rank}. ${name}${profileLink(person)} — ${merged}`;
}

export function topContributorBlocks(report: Report, cap = 10): KnownBlock[] {
  const top = report.contributors.top;
  if (top.length === 0) return [section("No merged community contributions yet this month.")];
  return listSections(
    "top",
    top.map((person, index) => topContributorLine(person, index + 1)),
    { cap, perBlock: cap },
  );
}

/** "*166* contributors in December 2026 (vs 146 by 2 Nov: +20 (+14%); 276 in all of November 2026)". */
export function monthOverMonthLine(report: Report): string {
  return `*${formatNumber(report.contributors.count)}* contributors in ${monthLabel(report.month)} (${monthOverMonthText(report)})`;
}

/** How to get every contributor of the month, with the MRs behind each, from the command line. */
export function fullListLine(report: Report): string {
  const { count } = report.contributors;
  return `All ${formatNumber(count)} ${plural(count, "contributor")} with their merge requests: \`engagement-bot contributors --month ${report.month}\` (CSV; \`--json\` for JSON)`;
}

export function contributorsMessage(report: Report): SlackMessage {
  const { firstTime } = report.contributors;
  const blocks: KnownBlock[] = [
    header(`Contributors — ${monthLabel(report.month)}`),
    section(monthOverMonthLine(report)),
    section(newAndReturningWords(report)),
    section(`:tada: *${formatNumber(firstTime)}* ${plural(firstTime, "first-time contributor")}`),
    ...firstTimerBlocks(report),
    section("*Top contributors*"),
    ...topContributorBlocks(report),
    context(fullListLine(report)),
    dataAsOfFooter(report),
  ];
  const { count } = report.contributors;
  const text = `${formatNumber(count)} contributors in ${monthLabel(report.month)} (${monthOverMonthText(report)}), ${formatNumber(firstTime)} first-time`;
  return enforceLimits({ text, blocks }, "message");
}
