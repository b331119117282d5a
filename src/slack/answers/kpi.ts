/** `/engagement kpi [KPI]`: one KPI's history and who recorded each value; without a KPI, every KPI's latest value. */
import { kpiHistory, kpiSummaries } from "../../metrics/kpi-values.js";
import { SLASH_COMMAND, usageLine } from "../../model/subcommands.js";
import { allKpis } from "../../model/workstreams.js";
import { section } from "../blocks/block-kit.js";
import { usageErrorMessage } from "../blocks/help-blocks.js";
import { kpiHistoryMessage, kpiListMessage } from "../blocks/kpi-blocks.js";
import { type Answer, plain } from "./answer.js";

export const kpiAnswer: Answer<"kpi"> = async ({ kpi: wanted }, { deps }) => {
  const { workstreams } = deps.config;
  if (wanted === undefined) {
    const report = await deps.report();
    const computed = report === null ? null : { month: report.month, count: report.contributors.count };
    return plain(kpiListMessage(kpiSummaries(workstreams, await deps.kpis.values(), computed)));
  }
  const found = allKpis(workstreams).find(({ kpi }) => kpi.id === wanted)?.kpi;
  if (found === undefined) {
    const names = allKpis(workstreams)
      .map(({ kpi }) => kpi.id)
      .join(", ");
    return plain(usageErrorMessage(`Unknown KPI "${wanted}"; the KPIs: ${names}.`, usageLine("kpi")));
  }
  if (found.source === "contributors") {
    const line = `\`${found.id}\` is computed from GitLab, not recorded: \`${SLASH_COMMAND} contributors [YYYY-MM]\` shows a month's count, \`${SLASH_COMMAND} status\` its trend.`;
    return plain({ text: line, blocks: [section(line)] });
  }
  return plain(kpiHistoryMessage(found, kpiHistory(await deps.kpis.values(), found.id)));
};
