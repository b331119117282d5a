/**
 * The public JSON of `status --json` (README, "`status --json`"): a projection of the Report, declared once.
 * REPORT_JSON names the fields it carries, in output order; the type ReportJson and the projection toReportJson are
 * both derived from it and from the Report's own declaration (src/model/report.ts), so no field is written twice.
 * Beyond the first version: `epics[].available`, `workstreams`, `contributors.returning`,
 * `contributors.previousMonthToDate` and the funnel's `funnel`, `retention`, `drifting`, `openMrs` (the README says
 * why and what they mean).
 */
import type { Report } from "../model/report.js";

/** `true`: the field as it is; a nested shape: the fields of an object; `[shape]`: each element of an array. */
type Field<V> =
  | true
  | (V extends readonly (infer E)[] ? readonly [JsonShape<E>] : V extends object ? JsonShape<V> : never);
type JsonShape<T> = { readonly [K in keyof T]?: Field<T[K]> };

/** The value of `T` that shape `S` selects. */
type Projected<T, S> = {
  -readonly [K in keyof S & keyof T]: S[K] extends true
    ? T[K]
    : S[K] extends readonly [infer E]
      ? T[K] extends readonly (infer I)[]
        ? Projected<I, E>[]
        : never
      : Projected<T[K], S[K]>;
};

export const REPORT_JSON = {
  generatedAt: true,
  dataAsOf: true,
  timezone: true,
  month: true,
  target: true,
  contributors: {
    count: true,
    firstTime: true,
    returning: true,
    previousMonth: true,
    previousMonthToDate: true,
    expectedByNow: true,
    projected: true,
    ratio: true,
    status: true,
    neededPerDay: true,
    top: [{ username: true, mergedCount: true }],
    trend: [{ month: true, count: true }],
  },
  epics: [
    {
      ref: true,
      title: true,
      state: true,
      webUrl: true,
      closedIssues: true,
      totalIssues: true,
      percent: true,
      available: true,
    },
  ],
  newIssues: [{ ref: true, title: true, webUrl: true, createdAt: true, author: true }],
  workstreams: [
    {
      id: true,
      title: true,
      epicRef: true,
      kpis: [
        {
          id: true,
          title: true,
          source: true,
          period: true,
          target: true,
          month: true,
          value: true,
          previous: true,
          recordedBy: true,
          recordedAt: true,
          trend: [{ month: true, value: true }],
        },
      ],
    },
  ],
  funnel: { months: [{ month: true, openers: true, firstTimeOpeners: true, firstTimeOpenersMerged: true }] },
  retention: { cohortMonth: true, cohort: true, retained: true, rate: true },
  drifting: { count: true, top: [{ username: true, lastMergedAt: true, mergedCount: true }] },
  openMrs: { count: true, medianAgeDays: true, stalled: true },
} as const satisfies JsonShape<Report>;

export type ReportJson = Projected<Report, typeof REPORT_JSON>;

function project(value: unknown, shape: object): unknown {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = source[key];
    if (field === true) out[key] = inner;
    else if (Array.isArray(field)) out[key] = (inner as unknown[]).map((element) => project(element, field[0]));
    else out[key] = project(inner, field as object);
  }
  return out;
}

export function toReportJson(report: Report): ReportJson {
  return project(report, REPORT_JSON) as ReportJson;
}
