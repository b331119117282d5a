/**
 * `engagement-bot contributors [--month YYYY-MM] [--csv|--json]`: every counted contributor of the month with the
 * merge requests behind them, from the store (no GitLab sync), as CSV (the default) or JSON. Its rows are the
 * Report's contributors.count for the month (src/metrics/contributor-list.ts).
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { parseMonthArg, parseMonthKeyArg } from "../metrics/calendar.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { renderContributorsCsv, renderContributorsJson } from "../text/contributor-list-text.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";

export interface ContributorsRequest {
  month: string | undefined;
  format: "csv" | "json";
}

export function runContributors(
  config: Config,
  logger: Logger,
  request: ContributorsRequest,
  options: RuntimeOptions = {},
) {
  return runVerb("contributors", async (open) => {
    const now = options.now ?? (() => new Date());
    // as status does: a malformed month before the store is opened, then one after this month or before the
    // synced history, naming the first month available
    if (request.month !== undefined) parseMonthKeyArg(request.month);
    const runtime = await open(config, logger, options);
    if (request.month !== undefined) {
      parseMonthArg(request.month, now().getTime(), config.timezone, await runtime.store.historyStartMs());
    }
    const list = await runtime.reports.contributorList(request.month);
    if (list === null) {
      process.stderr.write(
        "engagement-bot contributors: the store has no data yet; run `engagement-bot sync`, then this again\n",
      );
      return EXIT.failure;
    }
    process.stdout.write(request.format === "json" ? renderContributorsJson(list) : renderContributorsCsv(list));
    return EXIT.ok;
  });
}
