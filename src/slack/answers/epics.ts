/** `/engagement epics`: progress of the working group's epics. */
import { epicsMessage } from "../blocks/epics-blocks.js";
import type { Answer } from "./answer.js";
import { fromReport } from "./from-report.js";

export const epicsAnswer: Answer<"epics"> = (_parsed, { deps }) =>
  fromReport(deps, { request: {}, postable: "epics", render: (report) => epicsMessage(report) });
