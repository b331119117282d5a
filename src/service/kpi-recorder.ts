/**
 * Records a workstream KPI value: the one path for the Slack form, `/engagement record KPI VALUE` and
 * `engagement-bot record`. Checks it against src/metrics/kpi-values.ts's rules and the stored history, then appends
 * it to the store (a correction supersedes the month's earlier value; the history keeps both).
 */
import {
  checkKpiEntry,
  currentByMonth,
  type KpiProblem,
  type KpiRecordRequest,
  type KpiRecordResult,
  type RecordedKpiValue,
} from "../metrics/kpi-values.js";
import { type KpiDefinition, recordedKpis, type WorkstreamDefinition } from "../model/workstreams.js";
import type { Store } from "../store/store.js";

/** The recorded KPI with this id, or undefined (an unknown id, or the computed `contributors`). */
export const findRecordedKpi = (workstreams: readonly WorkstreamDefinition[], id: string): KpiDefinition | undefined =>
  recordedKpis(workstreams).find((kpi) => kpi.id === id);

/** Checks every request first and stores them all or none (the form submits several KPIs at once). */
export function recordKpiValues(
  store: Store,
  requests: readonly KpiRecordRequest[],
  now: Date,
  timeZone: string,
): Promise<KpiRecordResult> {
  return store.transaction(async (): Promise<KpiRecordResult> => {
    const history = await store.kpiValues();
    const values: RecordedKpiValue[] = [];
    const problems: Array<KpiProblem & { kpiId: string }> = [];
    for (const request of requests) {
      const checked = checkKpiEntry(request, history, now.getTime(), timeZone);
      problems.push(...checked.problems.map((problem) => ({ ...problem, kpiId: request.kpi.id })));
      if (checked.value === null) continue;
      values.push({
        value: {
          kpiId: request.kpi.id,
          month: request.month,
          value: checked.value,
          recordedBy: request.by,
          recordedAt: now.toISOString(),
        },
        superseded: currentByMonth(history, request.kpi.id).get(request.month) ?? null,
      });
    }
    if (problems.length > 0) return { kind: "rejected", problems };
    for (const recorded of values) await store.recordKpiValue(recorded.value);
    return { kind: "recorded", values };
  });
}
