/**
 * `engagement-bot chart [--month YYYY-MM] --out FILE.png`: sync, then write the trend chart of the month's Report as
 * a PNG — the picture the digest's thread and the Home tab carry (src/chart/trend-chart.ts, src/render/chart-png.ts).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { trendChart } from "../chart/trend-chart.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { parseMonthArg } from "../metrics/calendar.js";
import { chartPng } from "../render/chart-png.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";
import { syncBeforeOutput, tellDataStory } from "./sync-before-output.js";

export interface ChartRequest {
  month: string | undefined;
  out: string;
}

export function runChart(config: Config, logger: Logger, request: ChartRequest, options: RuntimeOptions = {}) {
  return runVerb("chart", async (open) => {
    const now = options.now ?? (() => new Date());
    // a bad month is a usage error: say so before any network work
    const month =
      request.month === undefined ? undefined : parseMonthArg(request.month, now().getTime(), config.timezone);
    const runtime = await open(config, logger, options);
    const syncFailure = await syncBeforeOutput(runtime);
    const report = await runtime.reports.report(month === undefined ? {} : { month });
    tellDataStory({
      verb: "chart",
      synced: true,
      syncFailure,
      dataAsOf: report?.dataAsOf ?? null,
      nowMs: runtime.now().getTime(),
    });
    if (!report) return EXIT.failure;
    const path = resolve(request.out);
    try {
      writeFileSync(path, await chartPng(trendChart(report).spec));
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      process.stderr.write(
        `engagement-bot chart: cannot write ${path} (${why}): check that the folder exists and is writable\n`,
      );
      return EXIT.failure;
    }
    process.stdout.write(`${path}\n`);
    return EXIT.ok;
  });
}
