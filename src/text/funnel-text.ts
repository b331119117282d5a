/** What `engagement-bot funnel` prints: the funnel as text, or its part of the Report's JSON (README). */
import { toReportJson } from "../metrics/report-json.js";
import type { Report } from "../model/report.js";
import {
  driftingWords,
  funnelMonthLine,
  newAndReturningWords,
  openMrsWords,
  retentionWords,
} from "../wording/funnel.js";
import { plainText } from "./plain-text.js";

/** The funnel's keys of `status --json`, with the month they are for. */
export function funnelJson(report: Report) {
  const json = toReportJson(report);
  return {
    generatedAt: json.generatedAt,
    dataAsOf: json.dataAsOf,
    timezone: json.timezone,
    month: json.month,
    contributors: {
      count: json.contributors.count,
      firstTime: json.contributors.firstTime,
      returning: json.contributors.returning,
    },
    funnel: json.funnel,
    retention: json.retention,
    drifting: json.drifting,
    openMrs: json.openMrs,
  };
}

export function renderFunnelOutput(report: Report, json: boolean): string {
  if (json) return `${JSON.stringify(funnelJson(report), null, 2)}\n`;
  return funnelText(report);
}

export interface FunnelTextOptions {
  /** false: the drifting contributors' count only, not one line each (the demo's digest lists them already) */
  driftingList?: boolean;
}

/** The funnel as `engagement-bot funnel` prints it (the demo prints it too). */
export function funnelText(report: Report, options: FunnelTextOptions = {}): string {
  const lines = [
    `Contributor funnel ${report.month} (${report.timezone}), generated ${report.generatedAt}`,
    `  data as of ${report.dataAsOf ?? "never synced"}`,
    "",
    "Community MRs opened (by authors), first-time openers and how many of them merged:",
    ...report.funnel.months.map((month) => `  ${funnelMonthLine(month)}`),
    "",
    `Contributors ${report.month}: ${report.contributors.count} (${newAndReturningWords(report)})`,
    `Retention: ${retentionWords(report.retention)}`,
    `Open MRs: ${openMrsWords(report.openMrs)}`,
    "",
    ...(options.driftingList === false ? [driftingCountLine(report)] : driftingTextLines(report)),
  ];
  return `${lines.join("\n")}\n`;
}

/** "Drifting (people to reach out to): 37", then one line each of the top: username, profile, last merge. */
export function driftingTextLines(report: Report): string[] {
  const { count, top } = report.drifting;
  return [
    driftingCountLine(report),
    ...top.map((person) => `  ${plainText(person.username)}  ${person.webUrl}  ${driftingWords(person)}`),
    ...(count > top.length ? [`  …and ${count - top.length} more`] : []),
  ];
}

function driftingCountLine(report: Report): string {
  return `Drifting (people to reach out to): ${report.drifting.count}`;
}
