/** Epic progress: the `/engagement epics` card and the epic lines other cards reuse. */
import type { EpicReport, Report } from "../../model/report.js";
import { dateLabel } from "../../wording/dates.js";
import { epicName, epicProgressWords } from "../../wording/epics.js";
import { header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { dataAsOfFooter } from "./footer.js";
import { enforceLimits } from "./limits.js";
import { listSections } from "./list-blocks.js";
import { inlineCode, mrkdwnLink, safeText } from "./mrkdwn.js";

/** "30% (3/10 issues closed) ▓▓▓░░░░░░░", "no issues yet", or why the epic could not be read. */
export function epicProgress(epic: EpicReport): string {
  const words = epicProgressWords(epic, safeText);
  return epic.available ? words : `:no_entry_sign: ${words}`;
}

/** The epic's title, linked; its ref when GitLab gave no title (unavailable epics). */
export function epicLink(epic: EpicReport): string {
  return mrkdwnLink(epic.webUrl, epicName(epic), 100);
}

/**
 * Two lines: linked title, ref, state, due date; then progress. A due date is a calendar day, not an instant: it is
 * printed as the date ("due 30 Jun 2026"), never as a Slack date token, which would show a reader west of UTC the
 * day before.
 */
export function epicLine(epic: EpicReport): string {
  // An untitled epic is already shown by its ref; don't repeat it.
  const details = epic.title.trim() === "" ? [] : [inlineCode(epic.ref, 80)];
  if (epic.available) details.push(epic.state === "closed" ? "closed" : "open");
  if (epic.dueDate !== null) details.push(`due ${safeText(dateLabel(epic.dueDate), 40)}`);
  const suffix = details.length === 0 ? "" : ` · ${details.join(" · ")}`;
  return `*${epicLink(epic)}*${suffix}\n${epicProgress(epic)}`;
}

export function epicsMessage(report: Report): SlackMessage {
  const blocks: KnownBlock[] = [header("Epic progress")];
  if (report.epics.length === 0) {
    blocks.push(section("No epics are configured: set `EPICS` to a comma-separated list of `group&iid`."));
  } else {
    blocks.push(...listSections("epics", report.epics.map(epicLine), { cap: 40, perBlock: 5, separator: "\n\n" }));
  }
  blocks.push(dataAsOfFooter(report));
  const summary = report.epics
    .map((epic) =>
      epic.available && epic.percent !== null ? `${safeText(epic.ref, 80)} ${Math.round(epic.percent)}%` : null,
    )
    .filter((part) => part !== null);
  const text =
    report.epics.length === 0
      ? "Epic progress: no epics configured"
      : `Epic progress: ${summary.length > 0 ? summary.join(", ") : "no progress data yet"}`;
  return enforceLimits({ text, blocks }, "message");
}
