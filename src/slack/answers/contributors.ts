/** `/engagement contributors [YYYY-MM]`: a month's contributors; a month in the future gets the usage line. */
import { parseMonthArg } from "../../metrics/calendar.js";
import { MonthArgError } from "../../metrics/errors.js";
import { usageLine } from "../../model/subcommands.js";
import { contributorsMessage } from "../blocks/contributors-blocks.js";
import { usageErrorMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";
import { fromReport } from "./from-report.js";

export const contributorsAnswer: Answer<"contributors"> = (parsed, { deps }) => {
  let month: string | undefined;
  if (parsed.month !== undefined) {
    try {
      month = parseMonthArg(parsed.month, deps.now().getTime(), deps.config.timezone);
    } catch (error) {
      if (!(error instanceof MonthArgError)) throw error;
      return plain(usageErrorMessage(error.message.replace(/^--month/, "The month"), usageLine("contributors")));
    }
  }
  return fromReport(deps, {
    request: month === undefined ? {} : { month },
    postable: month === undefined ? "contributors" : `contributors ${month}`,
    render: (report) => contributorsMessage(report),
  });
};
