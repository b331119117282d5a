/**
 * `/engagement funnel [YYYY-MM]`: the contributor funnel card (src/slack/blocks/funnel-blocks.ts); the month is
 * checked as `contributors [YYYY-MM]` checks it.
 */
import { funnelMessage } from "../blocks/funnel-blocks.js";
import type { Answer } from "./answer.js";
import { cardView, fromReportForMonth } from "./from-report.js";

export const funnelAnswer: Answer<"funnel"> = (parsed, { deps }) =>
  fromReportForMonth(deps, "funnel", parsed.month, (report) => funnelMessage(report, cardView(deps)));
