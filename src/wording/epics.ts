/** How an epic's progress reads on every surface; the surface passes its own escaping for GitLab's text. */
import type { EpicReport } from "../model/report.js";
import { barCells, percentFigure } from "./bars.js";
import { formatNumber } from "./numbers.js";

/** Makes a GitLab string safe for the surface (mrkdwn escaping, or terminal control characters removed). */
export type SafeText = (text: string, max: number) => string;

/** "30% (3/10 issues closed, weight 5/20) ▓▓▓░░░░░░░", "no issues yet", or "unavailable: why". */
export function epicProgressWords(epic: EpicReport, safe: SafeText): string {
  if (!epic.available) {
    return `unavailable${epic.unavailableReason === null ? "" : `: ${safe(epic.unavailableReason, 200)}`}`;
  }
  if (epic.percent === null || epic.totalIssues === 0) return "no issues yet";
  const weight =
    epic.totalWeight > 0 ? `, weight ${formatNumber(epic.closedWeight)}/${formatNumber(epic.totalWeight)}` : "";
  return `${percentFigure(epic.percent)} (${formatNumber(epic.closedIssues)}/${formatNumber(epic.totalIssues)} issues closed${weight}) ${barCells(epic.percent)}`;
}

/** The epic's title, or its ref when GitLab gave none (an unavailable epic). */
export function epicName(epic: EpicReport): string {
  return epic.title.trim() === "" ? epic.ref : epic.title;
}
