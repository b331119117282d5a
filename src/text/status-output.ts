/** What `engagement-bot status` prints: the readable text table, or the Report's JSON (README, `status --json`). */
import { toReportJson } from "../metrics/report-json.js";
import type { Report } from "../model/report.js";
import { renderReportText } from "./report-text.js";

export function renderStatusOutput(report: Report, json: boolean): string {
  return json ? `${JSON.stringify(toReportJson(report), null, 2)}\n` : renderReportText(report);
}
