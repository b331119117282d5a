/** The context line closing a card: when the data is from. */
import type { Report } from "../../model/report.js";
import { type ContextBlock, context } from "./block-kit.js";
import { dataAsOfLine } from "./freshness.js";

export function dataAsOfFooter(report: Report): ContextBlock {
  return context(dataAsOfLine(report));
}
