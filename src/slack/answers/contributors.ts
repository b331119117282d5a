/**
 * `/engagement contributors [YYYY-MM]`: a month's contributors; a malformed month, one after the current month or
 * before the synced history gets one line saying so (naming the first month available) and the usage line.
 */
import { parseMonthArg } from "../../metrics/calendar.js";
import { MonthArgError } from "../../metrics/errors.js";
import { usageLine } from "../../model/subcommands.js";
import { contributorsMessage } from "../blocks/contributors-blocks.js";
import { usageErrorMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";
import { fromReport } from "./from-report.js";

export const contributorsAnswer: Answer<"contributors"> = (parsed, { deps }) => {
  const month = parsed.month;
  try {
    // a month after this one is answered without the Report; the Report checks it against the synced history too
    if (month !== undefined) parseMonthArg(month, deps.now().getTime(), deps.config.timezone);
    return fromReport(deps, {
      request: month === undefined ? {} : { month },
      postable: month === undefined ? "contributors" : `contributors ${month}`,
      render: (report) => contributorsMessage(report),
    });
  } catch (error) {
    if (!(error instanceof MonthArgError)) throw error;
    return plain(usageErrorMessage(error.message.replace(/^--month/, "The month"), usageLine("contributors")));
  }
};
