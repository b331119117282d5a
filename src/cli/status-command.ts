/**
 * `engagement-bot status [--month YYYY-MM] [--json] [--no-sync]`: sync (unless --no-sync), then print the
 * Report from the store. Progress goes to stderr so `status --json` stays machine-readable on stdout.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { parseMonthArg, parseMonthKeyArg } from "../metrics/calendar.js";
import type { Report } from "../model/report.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { renderStatusOutput } from "../text/status-output.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";
import { syncBeforeOutput, tellDataStory } from "./sync-before-output.js";

export interface StatusRequest {
  month: string | undefined;
  json: boolean;
  sync: boolean;
}

export function runStatus(config: Config, logger: Logger, request: StatusRequest, options: RuntimeOptions = {}) {
  return runReportVerb("status", renderStatusOutput, config, logger, request, options);
}

/** A verb that prints a rendering of the Report (status, funnel): the month checked first, a sync, then the output. */
export function runReportVerb(
  verb: "status" | "funnel",
  render: (report: Report, json: boolean) => string,
  config: Config,
  logger: Logger,
  request: StatusRequest,
  options: RuntimeOptions = {},
) {
  return runVerb(verb, async (open) => {
    const now = options.now ?? (() => new Date());
    // a bad month is a usage error: a malformed one before the store is opened, one after this month or before the
    // synced history before any network work, naming the first month available
    if (request.month !== undefined) parseMonthKeyArg(request.month);
    const runtime = await open(config, logger, options);
    const month =
      request.month === undefined
        ? undefined
        : parseMonthArg(request.month, now().getTime(), config.timezone, await runtime.store.historyStartMs());
    const syncFailure = request.sync ? await syncBeforeOutput(runtime) : null;
    const report = await runtime.reports.report(month === undefined ? {} : { month });
    tellDataStory({
      verb,
      synced: request.sync,
      syncFailure,
      dataAsOf: report?.dataAsOf ?? null,
      nowMs: runtime.now().getTime(),
    });
    if (!report) return EXIT.failure;
    process.stdout.write(render(report, request.json));
    return EXIT.ok;
  });
}
