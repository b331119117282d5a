/**
 * Recorded KPI values (src/model/workstreams.ts): which value counts for a month, and whether a new one may be
 * recorded. One set of rules for the Slack modal, `/engagement record KPI VALUE` and `engagement-bot record`.
 * Pure: the caller passes `now` and the history.
 */
import type { KpiDefinition, KpiValue, WorkstreamDefinition } from "../model/workstreams.js";
import { addMonths, monthKeyOf, parseMonthKey } from "./calendar.js";

/** The month a value is recorded for by default: the last complete month in `timeZone`. */
export const lastCompleteMonth = (nowMs: number, timeZone: string): string =>
  addMonths(monthKeyOf(nowMs, timeZone), -1);

/** The value that counts for each month of one KPI (the last one recorded), by month. */
export function currentByMonth(history: readonly KpiValue[], kpiId: string): Map<string, KpiValue> {
  const byMonth = new Map<string, KpiValue>();
  for (const value of history) if (value.kpiId === kpiId) byMonth.set(value.month, value);
  return byMonth;
}

/** The counting value of the latest month that has one, or null. */
export function latestValue(history: readonly KpiValue[], kpiId: string): KpiValue | null {
  let latest: KpiValue | null = null;
  for (const value of currentByMonth(history, kpiId).values()) {
    if (latest === null || value.month > latest.month) latest = value;
  }
  return latest;
}

/** Every record of one KPI, newest month first, and within a month newest record first; `superseded` marks the older. */
export function kpiHistory(history: readonly KpiValue[], kpiId: string): Array<KpiValue & { superseded: boolean }> {
  const current = currentByMonth(history, kpiId);
  const records = history
    .map((value, order) => ({ value, order }))
    .filter(({ value }) => value.kpiId === kpiId)
    .sort((a, b) => (a.value.month === b.value.month ? b.order - a.order : a.value.month < b.value.month ? 1 : -1));
  return records.map(({ value }) => ({ ...value, superseded: current.get(value.month) !== value }));
}

/** Which input a problem belongs to: the modal shows it on that field. */
export type KpiField = "value" | "month";

export interface KpiProblem {
  field: KpiField;
  /** `decrease` is the one a person may override (each surface says how: a checkbox, a flag) */
  kind: "month" | "future" | "value" | "negative" | "decrease";
  message: string;
}

/**
 * "1234" or "1,234" -> 1234; anything else (decimals, signs, words) is null. A value is a count of people or
 * certifications: a whole number.
 */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed.replaceAll(",", ""));
  return Number.isSafeInteger(value) ? value : null;
}

export interface KpiEntry {
  kpi: KpiDefinition;
  /** as typed */
  valueText: string;
  /** as typed, YYYY-MM */
  month: string;
  /** a cumulative total lower than an earlier month's is recorded only when the person confirmed it */
  confirmedDecrease?: boolean;
}

export interface CheckedEntry {
  value: number | null;
  problems: KpiProblem[];
}

/** A value to record: the entry as typed, and who records it. */
export interface KpiRecordRequest extends KpiEntry {
  /** Slack user ID or the CLI's --by */
  by: string;
}

export interface RecordedKpiValue {
  value: KpiValue;
  /** the month's value it replaces, if one was recorded */
  superseded: KpiValue | null;
}

export type KpiRecordResult =
  | { kind: "recorded"; values: RecordedKpiValue[] }
  | { kind: "rejected"; problems: Array<KpiProblem & { kpiId: string }> };

/** Validates one value for one KPI and month against the rules and the history. */
export function checkKpiEntry(
  entry: KpiEntry,
  history: readonly KpiValue[],
  nowMs: number,
  timeZone: string,
): CheckedEntry {
  const problems: KpiProblem[] = [];
  const current = monthKeyOf(nowMs, timeZone);
  const monthValid = parseMonthKey(entry.month) !== null;
  if (!monthValid)
    problems.push({
      field: "month",
      kind: "month",
      message: `The month must look like YYYY-MM (got "${entry.month}").`,
    });
  else if (entry.month > current) {
    problems.push({
      field: "month",
      kind: "future",
      message: `${entry.month} has not happened yet (it is ${current} in ${timeZone}): pick this month or an earlier one.`,
    });
  }
  const text = entry.valueText.trim();
  const value = parseWholeNumber(text);
  if (value === null) {
    const negative = /^-\s*\d/.test(text);
    problems.push({
      field: "value",
      kind: negative ? "negative" : "value",
      message: negative
        ? `${entry.kpi.title} cannot be negative (got ${text}).`
        : `${entry.kpi.title} must be a whole number, e.g. 1250 (got "${text}").`,
    });
  }
  if (value !== null && monthValid && entry.kpi.period === "cumulative" && !entry.confirmedDecrease) {
    const earlier = [...currentByMonth(history, entry.kpi.id).values()]
      .filter((recorded) => recorded.month < entry.month)
      .sort((a, b) => (a.month < b.month ? 1 : -1))[0];
    if (earlier !== undefined && value < earlier.value) {
      problems.push({
        field: "value",
        kind: "decrease",
        message: `${entry.kpi.title} is a running total and ${earlier.month} already had ${earlier.value}: ${value} is lower.`,
      });
    }
  }
  return { value: problems.length === 0 ? value : null, problems };
}

/** One KPI's latest number, as `engagement-bot kpis` lists it. */
export interface KpiSummary {
  workstreamId: string;
  id: string;
  title: string;
  source: KpiDefinition["source"];
  period: KpiDefinition["period"];
  target: number | null;
  /** the month of `value`; null when nothing is known yet */
  month: string | null;
  value: number | null;
  recordedBy: string | null;
  recordedAt: string | null;
  owner: string | null;
}

/**
 * Every KPI of the workstreams with its latest value: for a recorded one the latest month recorded, for the computed
 * one the Report's month and count (`contributors`: null before the first sync).
 */
export function kpiSummaries(
  workstreams: readonly WorkstreamDefinition[],
  history: readonly KpiValue[],
  contributors: { month: string; count: number } | null,
): KpiSummary[] {
  return workstreams.flatMap((workstream) =>
    workstream.kpis.map((kpi): KpiSummary => {
      const latest = kpi.source === "recorded" ? latestValue(history, kpi.id) : null;
      const computed = kpi.source === "contributors" ? contributors : null;
      return {
        workstreamId: workstream.id,
        id: kpi.id,
        title: kpi.title,
        source: kpi.source,
        period: kpi.period,
        target: kpi.target,
        month: latest?.month ?? computed?.month ?? null,
        value: latest?.value ?? computed?.count ?? null,
        recordedBy: latest?.recordedBy ?? null,
        recordedAt: latest?.recordedAt ?? null,
        owner: kpi.owner,
      };
    }),
  );
}
