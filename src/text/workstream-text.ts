/** The workstreams on a terminal (`status`, `digest`): one line each, in the words of src/wording/workstreams.ts. */
import type { Report } from "../model/report.js";
import { type WorkstreamStyle, workstreamEpicWords, workstreamKpiWords } from "../wording/workstreams.js";
import { plainText } from "./plain-text.js";

const TERMINAL_STYLE: WorkstreamStyle = {
  safe: plainText,
  mention: (userId) => `@${userId}`,
  code: (text) => `\`${text}\``,
};

/** "  Title — KPI … · epic: 30% (3/10 issues closed) ▓▓▓░░░░░░░", or a note when none is configured. */
export function workstreamTextLines(report: Report): string[] {
  if (report.workstreams.length === 0) return ["  none configured (see WORKSTREAMS_FILE)"];
  return report.workstreams.map(
    (workstream) =>
      `  ${plainText(workstream.title, 100)} — ${workstreamKpiWords(workstream, TERMINAL_STYLE)} · epic: ${workstreamEpicWords(workstream, plainText)}`,
  );
}
