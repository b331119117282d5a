/**
 * `engagement-bot record KPI VALUE [--month YYYY-MM] [--by NAME] [--confirm-decrease]`: one workstream KPI value
 * into the store, checked as the Slack form checks it (src/service/kpi-recorder.ts). Usage problems exit 2.
 */
import { userInfo } from "node:os";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { lastCompleteMonth } from "../metrics/kpi-values.js";
import { recordedKpis } from "../model/workstreams.js";
import { findRecordedKpi, recordKpiValues } from "../service/kpi-recorder.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { recordedText } from "../text/kpis-text.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";
import { commandUsage } from "./usage.js";

export interface RecordRequest {
  kpi: string;
  value: string;
  month: string | undefined;
  by: string | undefined;
  confirmDecrease: boolean;
}

const usageProblem = (lines: readonly string[]): number => {
  process.stderr.write(
    `${lines.map((line) => `engagement-bot record: ${line}`).join("\n")}\n\n${commandUsage("record")}\n`,
  );
  return EXIT.usage;
};

/** Who records, when --by is not given: the account running the command. */
function defaultRecorder(): string {
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}

export async function runRecord(
  config: Config,
  logger: Logger,
  request: RecordRequest,
  options: RuntimeOptions = {},
): Promise<number> {
  const kpi = findRecordedKpi(config.workstreams, request.kpi);
  if (kpi === undefined) {
    const known = recordedKpis(config.workstreams).map((k) => k.id);
    const computed = config.workstreams.some((w) => w.kpis.some((k) => k.id === request.kpi));
    return usageProblem([
      `${computed ? `"${request.kpi}" is computed from GitLab, not recorded` : `unknown KPI "${request.kpi}"`}; ` +
        `recorded KPIs: ${known.length > 0 ? known.join(", ") : `none (see ${config.workstreamsFile})`}`,
    ]);
  }
  const by = request.by?.trim() || defaultRecorder();
  return runVerb("record", async (open) => {
    const runtime = await open(config, logger, options);
    const now = runtime.now();
    const month = request.month ?? lastCompleteMonth(now.getTime(), config.timezone);
    const result = await recordKpiValues(
      runtime.store,
      [{ kpi, valueText: request.value, month, confirmedDecrease: request.confirmDecrease, by }],
      now,
      config.timezone,
    );
    if (result.kind === "rejected") {
      return usageProblem(
        result.problems.map((problem) =>
          problem.kind === "decrease"
            ? `${problem.message} Pass --confirm-decrease to record it anyway.`
            : problem.message,
        ),
      );
    }
    for (const { value, superseded } of result.values) {
      const replaced =
        superseded === null
          ? ""
          : `; it supersedes ${superseded.value} (${recordedText(superseded.recordedBy, superseded.recordedAt)})`;
      process.stdout.write(
        `Recorded ${kpi.id} = ${value.value} for ${value.month} (${recordedText(by, value.recordedAt)})${replaced}\n`,
      );
    }
    return EXIT.ok;
  });
}
