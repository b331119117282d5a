/** `/engagement digest`: a preview of the next weekly digest. */
import { digestPreviewMessage } from "../blocks/digest-preview.js";
import type { Answer } from "./answer.js";
import { cardView, fromReport } from "./from-report.js";

export const digestAnswer: Answer<"digest"> = (_parsed, { deps }) =>
  fromReport(deps, {
    request: {},
    postable: "digest",
    render: (report) => digestPreviewMessage(report, cardView(deps)),
  });
