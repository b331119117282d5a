/**
 * Sample values of the recorded workstream KPIs for `demo`, so its digest shows every workstream with a number and
 * a change: the last few complete months, monthly KPIs around a level, running totals growing. Deterministic for a
 * seed; simulated data, like the rest of the sandbox.
 */
import { addMonths } from "../metrics/calendar.js";
import { lastCompleteMonth } from "../metrics/kpi-values.js";
import { type KpiValue, recordedKpis, type WorkstreamDefinition } from "../model/workstreams.js";
import { createRandom } from "./seeded-random.js";

/** How many complete months get a value. */
export const SAMPLE_MONTHS = 4;
export const SAMPLE_RECORDER = "demo";

export function sampleKpiValues(
  workstreams: readonly WorkstreamDefinition[],
  options: { seed: number; nowMs: number; timeZone: string },
): KpiValue[] {
  const random = createRandom(options.seed);
  const last = lastCompleteMonth(options.nowMs, options.timeZone);
  const recordedAt = new Date(options.nowMs).toISOString();
  // running totals listed later are the larger ones (the shipped file: partner certifications, then all of them)
  let cumulativeFloor = 0;
  return recordedKpis(workstreams).flatMap((kpi) => {
    // a level near the target when there is one, else a plausible size for the kind of number
    let level =
      kpi.target !== null
        ? Math.round(kpi.target * (0.6 + random.next() * 0.3))
        : (kpi.period === "cumulative" ? cumulativeFloor : 0) + random.int(50, 400);
    if (kpi.period === "cumulative") cumulativeFloor = level * 2;
    return Array.from({ length: SAMPLE_MONTHS }, (_, i): KpiValue => {
      const month = addMonths(last, i + 1 - SAMPLE_MONTHS);
      level =
        kpi.period === "cumulative"
          ? level + random.int(1, Math.max(2, Math.round(level * 0.08)))
          : Math.max(0, level + random.int(-Math.round(level * 0.1), Math.round(level * 0.12)));
      return { kpiId: kpi.id, month, value: level, recordedBy: SAMPLE_RECORDER, recordedAt };
    });
  });
}
