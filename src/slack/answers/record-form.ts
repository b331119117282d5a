/**
 * The submitted `/engagement record` form: which values to record, and either the errors to show on its fields
 * (`response_action: errors`, keyed by the block ids of src/slack/blocks/record-modal.ts) or the confirmation for
 * the person. The listener (src/slack/listeners/views/record-submission.ts) only acks and delivers.
 */
import { currentByMonth, type KpiRecordRequest, parseWholeNumber } from "../../metrics/kpi-values.js";
import type { KpiDefinition } from "../../model/workstreams.js";
import type { SlackMessage } from "../blocks/block-kit.js";
import { recordedMessage } from "../blocks/kpi-blocks.js";
import { CONFIRM_BLOCK, kpiBlockId, MONTH_BLOCK, type RecordSubmission } from "../blocks/record-modal.js";
import type { KpiServices } from "../services.js";

export type RecordFormOutcome =
  | { kind: "errors"; errors: Record<string, string> }
  | { kind: "recorded"; confirmation: SlackMessage; recorded: string[] };

const DECREASE_HINT = 'Tick "A running total went down" below to record it anyway.';

export async function answerRecordForm(
  submission: RecordSubmission,
  kpis: KpiServices,
  userId: string,
): Promise<RecordFormOutcome> {
  const first = submission.entries[0];
  if (first === undefined) {
    return { kind: "errors", errors: { [MONTH_BLOCK]: "Fill in at least one KPI for this month." } };
  }
  // a field left at the month's own value changes nothing: it is not recorded again
  const history = await kpis.values();
  const unchanged: KpiDefinition[] = [];
  const requests: KpiRecordRequest[] = [];
  for (const { kpi, valueText } of submission.entries) {
    const current = currentByMonth(history, kpi.id).get(submission.month);
    if (current !== undefined && parseWholeNumber(valueText) === current.value) unchanged.push(kpi);
    else
      requests.push({
        kpi,
        valueText,
        month: submission.month,
        confirmedDecrease: submission.confirmedDecrease,
        by: userId,
      });
  }
  const result = requests.length === 0 ? { kind: "recorded" as const, values: [] } : await kpis.record(requests);
  if (result.kind === "rejected") {
    // one message per field: the month's problem is the same for every KPI, so it is said once
    const errors = new Map<string, Set<string>>();
    for (const problem of result.problems) {
      const block = problem.field === "month" ? MONTH_BLOCK : kpiBlockId(problem.kpiId);
      const message = problem.kind === "decrease" ? `${problem.message} ${DECREASE_HINT}` : problem.message;
      errors.set(block, (errors.get(block) ?? new Set<string>()).add(message));
    }
    // the confirmation box sits below the fields: point at it too when a total went down
    if (result.problems.some((p) => p.kind === "decrease")) {
      errors.set(CONFIRM_BLOCK, new Set(["Tick this to record a lower total."]));
    }
    return {
      kind: "errors",
      errors: Object.fromEntries([...errors].map(([block, messages]) => [block, [...messages].join(" ")])),
    };
  }
  const byId = new Map(requests.map((request) => [request.kpi.id, request.kpi]));
  const recorded = result.values.map((value) => ({
    kpi: byId.get(value.value.kpiId) as KpiDefinition,
    recorded: value,
  }));
  return {
    kind: "recorded",
    confirmation: recordedMessage(recorded, unchanged),
    recorded: result.values.map((value) => value.value.kpiId),
  };
}
