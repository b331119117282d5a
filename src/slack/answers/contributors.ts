/**
 * `/engagement contributors [YYYY-MM]`: a month's contributors; a malformed month, one after the current month or
 * before the synced history gets one line saying so (naming the first month available) and the usage line.
 */
import { contributorsMessage } from "../blocks/contributors-blocks.js";
import type { Answer } from "./answer.js";
import { fromReportForMonth } from "./from-report.js";

export const contributorsAnswer: Answer<"contributors"> = (parsed, { deps }) =>
  fromReportForMonth(deps, "contributors", parsed.month, (report) => contributorsMessage(report));
