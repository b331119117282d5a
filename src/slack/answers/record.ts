/**
 * `/engagement record`: opens the form (src/slack/blocks/record-modal.ts; its submission is
 * src/slack/listeners/views/record-submission.ts). `/engagement record KPI VALUE [YYYY-MM]` records one value at once,
 * checked as the form and the CLI check it (src/metrics/kpi-values.ts).
 */
import { lastCompleteMonth } from "../../metrics/kpi-values.js";
import { SLASH_COMMAND, usageLine } from "../../model/subcommands.js";
import { recordedKpis } from "../../model/workstreams.js";
import { section } from "../blocks/block-kit.js";
import { usageErrorMessage } from "../blocks/help-blocks.js";
import { recordedMessage } from "../blocks/kpi-blocks.js";
import { recordModal } from "../blocks/record-modal.js";
import { type Answer, plain } from "./answer.js";

/** What to type instead, after a lower running total: the form has the confirmation box. */
export const DECREASE_HINT = `Use \`${SLASH_COMMAND} record\` (the form) and tick the correction box to record it anyway.`;

export const recordAnswer: Answer<"record"> = async ({ entry }, { deps, channelId, userId }) => {
  const kpis = recordedKpis(deps.config.workstreams);
  const names = kpis.map((kpi) => kpi.id).join(", ");
  if (kpis.length === 0) {
    return plain({
      text: "No KPI of the workstreams is recorded by people (see WORKSTREAMS_FILE).",
      blocks: [
        section(
          "No KPI of the workstreams is recorded by people: there is nothing to record (see `WORKSTREAMS_FILE`).",
        ),
      ],
    });
  }
  const now = deps.now();
  if (entry === undefined) {
    const fallback = `Opening the form… If it does not open, type \`${SLASH_COMMAND} record KPI VALUE\` (KPIs: ${names}).`;
    return {
      message: { text: fallback, blocks: [section(fallback)] },
      postable: null,
      view: recordModal({
        workstreams: deps.config.workstreams,
        history: await deps.kpis.values(),
        nowMs: now.getTime(),
        timeZone: deps.config.timezone,
        metadata: { channelId },
      }),
    };
  }
  const kpi = kpis.find((candidate) => candidate.id === entry.kpi);
  if (kpi === undefined) {
    return plain(usageErrorMessage(`Unknown KPI "${entry.kpi}"; recorded KPIs: ${names}.`, usageLine("record")));
  }
  const month = entry.month ?? lastCompleteMonth(now.getTime(), deps.config.timezone);
  const result = await deps.kpis.record([{ kpi, valueText: entry.value, month, by: userId }]);
  if (result.kind === "rejected") {
    const problems = result.problems.map((p) => (p.kind === "decrease" ? `${p.message} ${DECREASE_HINT}` : p.message));
    return plain(usageErrorMessage(problems.join(" "), usageLine("record")));
  }
  return plain(recordedMessage(result.values.map((recorded) => ({ kpi, recorded }))));
};
