/** `engagement-bot kpis [--json]`: every workstream KPI with its latest value, from the store (no GitLab sync). */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { kpiSummaries } from "../metrics/kpi-values.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { renderKpisJson, renderKpisText } from "../text/kpis-text.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";

export function runKpis(config: Config, logger: Logger, request: { json: boolean }, options: RuntimeOptions = {}) {
  return runVerb("kpis", async (open) => {
    const runtime = await open(config, logger, options);
    // the computed KPI is the Report's count; before the first sync there is none
    const report = await runtime.reports.report();
    const summaries = kpiSummaries(
      config.workstreams,
      await runtime.store.kpiValues(),
      report === null ? null : { month: report.month, count: report.contributors.count },
    );
    process.stdout.write(request.json ? renderKpisJson(summaries) : renderKpisText(summaries));
    return EXIT.ok;
  });
}
