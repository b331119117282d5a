/**
 * `/engagement status [YYYY-MM]`: the month (default this one) against the target, the epics, the new issues; a month
 * after this one or before the synced history is one line naming the first month available.
 */
import { statusMessage } from "../blocks/status-blocks.js";
import type { Answer } from "./answer.js";
import { cardView, fromReportForMonth } from "./from-report.js";

export const statusAnswer: Answer<"status"> = (parsed, { deps }) =>
  fromReportForMonth(deps, "status", parsed.month, (report) => statusMessage(report, cardView(deps)));
