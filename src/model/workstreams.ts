/**
 * The working group's workstreams and their KPIs, as plain data (WORKSTREAMS_FILE, default workstreams.yml at the
 * package root; parsed and validated by src/workstreams-file.ts). A KPI is either computed by the bot
 * (`contributors`, the count of src/metrics/contributors.ts) or recorded by people (`/engagement record`,
 * `engagement-bot record`), because its number lives outside GitLab.
 */

export const KPI_SOURCES = ["contributors", "recorded"] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

/** `monthly`: a value per month; `cumulative`: a running total as of the end of a month (never goes down). */
export const KPI_PERIODS = ["monthly", "cumulative"] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

export interface KpiDefinition {
  /** lower-case words joined by `-`: what `record KPI VALUE` and `/engagement kpi KPI` are typed with */
  id: string;
  title: string;
  source: KpiSource;
  period: KpiPeriod;
  /** the goal; for the `contributors` KPI always MONTHLY_TARGET; null when none is set */
  target: number | null;
  /** Slack user ID of whoever records it (named when a month is missing); null when none */
  owner: string | null;
}

export interface WorkstreamDefinition {
  id: string;
  title: string;
  /** the epic it is tracked by, group-path&iid (its progress comes from the Report's epics) */
  epicRef: string;
  kpis: readonly KpiDefinition[];
}

/** One recorded value. A later one for the same KPI and month supersedes it; both stay in the history. */
export interface KpiValue {
  kpiId: string;
  /** YYYY-MM the value is for (a cumulative KPI: the total as of that month's end) */
  month: string;
  /** whole number ≥ 0 */
  value: number;
  /** Slack user ID (`<@U…>` in Slack) or the CLI's --by NAME */
  recordedBy: string;
  /** ISO */
  recordedAt: string;
}

/** The recorded KPIs of all workstreams, in file order: what the record modal and `record KPI` accept. */
export const recordedKpis = (workstreams: readonly WorkstreamDefinition[]): KpiDefinition[] =>
  workstreams.flatMap((workstream) => workstream.kpis.filter((kpi) => kpi.source === "recorded"));

/** Every KPI with its workstream, in file order. */
export const allKpis = (
  workstreams: readonly WorkstreamDefinition[],
): Array<{ workstream: WorkstreamDefinition; kpi: KpiDefinition }> =>
  workstreams.flatMap((workstream) => workstream.kpis.map((kpi) => ({ workstream, kpi })));

/** A Slack user ID (U…/W…): a surface writes `<@id>` for it, any other `recordedBy` (the CLI's --by) as text. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
