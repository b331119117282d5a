/**
 * `engagement-bot funnel [--month YYYY-MM] [--json]`: sync, then print the contributor funnel of the Report
 * (src/metrics/funnel.ts) from the store. Progress goes to stderr so `--json` stays machine-readable on stdout.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { renderFunnelOutput } from "../text/funnel-text.js";
import { runReportVerb, type StatusRequest } from "./status-command.js";

export function runFunnel(config: Config, logger: Logger, request: StatusRequest, options: RuntimeOptions = {}) {
  return runReportVerb("funnel", renderFunnelOutput, config, logger, request, options);
}
