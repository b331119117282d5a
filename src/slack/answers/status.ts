/** `/engagement status`: the month against the target, the epics, the new issues. */
import { statusMessage } from "../blocks/status-blocks.js";
import type { Answer } from "./answer.js";
import { cardView, fromReport } from "./from-report.js";

export const statusAnswer: Answer<"status"> = (_parsed, { deps }) =>
  fromReport(deps, { request: {}, postable: "status", render: (report) => statusMessage(report, cardView(deps)) });
