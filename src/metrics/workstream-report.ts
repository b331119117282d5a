/**
 * The Report's `workstreams`: each workstream of WORKSTREAMS_FILE with its epic's progress and its KPIs' numbers.
 * Recorded KPIs show the last complete month; the computed `contributors` KPI shows the report month with the very
 * numbers of the Report's `contributors` (one count, computed once in src/metrics/contributors.ts). Pure.
 */
import type { ContributorsReport, EpicReport, KpiReport, WorkstreamReport } from "../model/report.js";
import type { KpiDefinition, KpiValue, WorkstreamDefinition } from "../model/workstreams.js";
import { addMonths } from "./calendar.js";
import { currentByMonth } from "./kpi-values.js";

/** How many months a KPI's trend shows, its own month included. */
export const KPI_TREND_MONTHS = 12;

export interface WorkstreamInputs {
  definitions: readonly WorkstreamDefinition[];
  kpiValues: readonly KpiValue[];
  /** the Report's month (YYYY-MM) */
  month: string;
  /** the current month in the configured zone: a past report month is complete, the current one is not */
  currentMonth: string;
  contributors: ContributorsReport;
  epics: readonly EpicReport[];
}

const months = (last: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addMonths(last, i + 1 - count));

const percentOf = (value: number | null, target: number | null): number | null =>
  value === null || target === null || target === 0 ? null : (value / target) * 100;

/** One KPI's figures from its values by month; `recorded` is the record behind `month`'s value, if any. */
function kpiReport(
  kpi: KpiDefinition,
  month: string,
  values: ReadonlyMap<string, number>,
  recorded: KpiValue | null,
): KpiReport {
  const value = values.get(month) ?? null;
  const previous = values.get(addMonths(month, -1)) ?? null;
  return {
    id: kpi.id,
    title: kpi.title,
    source: kpi.source,
    period: kpi.period,
    target: kpi.target,
    month,
    value,
    previous,
    recordedBy: recorded?.recordedBy ?? null,
    recordedAt: recorded?.recordedAt ?? null,
    trend: months(month, KPI_TREND_MONTHS).map((key) => ({ month: key, value: values.get(key) ?? null })),
    change: value !== null && previous !== null ? value - previous : null,
    percentOfTarget: percentOf(value, kpi.target),
    owner: kpi.owner,
  };
}

/** The computed KPI: the Report's own contributor counts (the trend's last month is `previousMonth`). */
function computedKpi(kpi: KpiDefinition, month: string, contributors: ContributorsReport): KpiReport {
  const counts = new Map(contributors.trend.map((point) => [point.month, point.count]));
  counts.set(month, contributors.count);
  return kpiReport(kpi, month, counts, null);
}

function recordedKpi(kpi: KpiDefinition, month: string, history: readonly KpiValue[]): KpiReport {
  const byMonth = currentByMonth(history, kpi.id);
  const values = new Map([...byMonth].map(([key, recorded]) => [key, recorded.value]));
  return kpiReport(kpi, month, values, byMonth.get(month) ?? null);
}

export function workstreamReports(inputs: WorkstreamInputs): WorkstreamReport[] {
  // a recorded number is known once its month is over: for the current month that is the month before
  const recordedMonth = inputs.month < inputs.currentMonth ? inputs.month : addMonths(inputs.month, -1);
  const epics = new Map(inputs.epics.map((epic) => [epic.ref, epic]));
  // one epic order on every surface: the Report's (EPICS); a workstream whose epic is not tracked comes last
  const position = (ref: string) => {
    const index = inputs.epics.findIndex((epic) => epic.ref === ref);
    return index === -1 ? inputs.epics.length : index;
  };
  const ordered = [...inputs.definitions].sort((a, b) => position(a.epicRef) - position(b.epicRef));
  return ordered.map((workstream) => ({
    id: workstream.id,
    title: workstream.title,
    epicRef: workstream.epicRef,
    epic: epics.get(workstream.epicRef) ?? null,
    kpis: workstream.kpis.map((kpi) =>
      kpi.source === "contributors"
        ? computedKpi(kpi, inputs.month, inputs.contributors)
        : recordedKpi(kpi, recordedMonth, inputs.kpiValues),
    ),
  }));
}
