/**
 * The workstreams on Slack's surfaces (digest, status card, Home tab): one line each — its KPIs against their
 * targets with the change since the previous month, a missing month with its owner, and its epic's progress —
 * in the words of src/wording/workstreams.ts.
 */
import type { EpicReport, Report, WorkstreamReport } from "../../model/report.js";
import { trendText } from "../../wording/pace.js";
import { type WorkstreamStyle, workstreamEpicWords, workstreamKpiWords } from "../../wording/workstreams.js";
import { type KnownBlock, section } from "./block-kit.js";
import { epicLink, epicProgress } from "./epics-blocks.js";
import { listSections } from "./list-blocks.js";
import { safeText } from "./mrkdwn.js";

export const SLACK_WORKSTREAM_STYLE: WorkstreamStyle = {
  safe: safeText,
  mention: (userId) => `<@${userId}>`,
  code: (text) => `\`${text.replaceAll("`", "'")}\``,
};

/** "• *Title* — KPI … · epic <link|Title>: 30% (3/10 issues closed) ▓▓▓░░░░░░░". */
export function workstreamLine(workstream: WorkstreamReport): string {
  const epic =
    workstream.epic === null
      ? workstreamEpicWords(workstream, safeText)
      : `${epicLink(workstream.epic)}: ${epicProgress(workstream.epic)}`;
  return `• *${safeText(workstream.title, 100)}* — ${workstreamKpiWords(workstream, SLACK_WORKSTREAM_STYLE)} · epic ${epic}`;
}

/** Configured epics that belong to no workstream (EPICS beyond WORKSTREAMS_FILE's epics). */
export const otherEpics = (report: Report): EpicReport[] =>
  report.epics.filter((epic) => !report.workstreams.some((workstream) => workstream.epicRef === epic.ref));

export interface WorkstreamBlockOptions {
  cap: number;
  /** also list the configured epics of no workstream (the digest, which has no epic list of its own) */
  otherEpics?: boolean;
  /** the contributors' 12-month trend under the workstream of the computed KPI (the digest) */
  trend?: boolean;
}

export function workstreamBlocks(report: Report, options: WorkstreamBlockOptions): KnownBlock[] {
  const lines = report.workstreams.map((workstream) => {
    const computed = workstream.kpis.some((kpi) => kpi.source === "contributors");
    return workstreamLine(workstream) + (options.trend && computed ? `\n    trend ${trendText(report)}` : "");
  });
  if (options.otherEpics) {
    for (const epic of otherEpics(report)) lines.push(`• *Other epic* — ${epicLink(epic)}: ${epicProgress(epic)}`);
  }
  if (lines.length === 0) return [section("*Workstreams*\nNo workstreams are configured (see `WORKSTREAMS_FILE`).")];
  return [section("*Workstreams*"), ...listSections("workstreams", lines, { cap: options.cap, perBlock: 5 })];
}
