/**
 * How a workstream reads on every surface (digest, status card, Home tab, the terminal): its KPIs against their
 * targets with the change since the previous month, a KPI missing for its month with its owner and how to record it,
 * and its epic's progress. The surface passes its own escaping, mention and code styles.
 */
import { addMonths } from "../metrics/calendar.js";
import type { KpiReport, WorkstreamReport } from "../model/report.js";
import { SLASH_COMMAND } from "../model/subcommands.js";
import { monthLabel } from "./dates.js";
import { epicProgressWords, type SafeText } from "./epics.js";
import { formatNumber, formatRatio, signedChange } from "./numbers.js";

export interface WorkstreamStyle {
  /** text from WORKSTREAMS_FILE and GitLab, made safe for the surface */
  safe: SafeText;
  /** a Slack user ID as the surface names a person: `<@U…>` in Slack, `@U…` on a terminal */
  mention: (userId: string) => string;
  /** a command as typed: `…` in Slack */
  code: (text: string) => string;
}

/** The recorded KPIs of a workstream that have no value for their month. */
export const missingKpis = (workstream: WorkstreamReport): KpiReport[] =>
  workstream.kpis.filter((kpi) => kpi.source === "recorded" && kpi.value === null);

/**
 * "Partner certifications 45 of 100 (45%) in October 2026, +5 since September 2026", or for a missing month
 * "Partner certifications: not recorded for October 2026 — @owner, `/engagement record`".
 */
export function kpiWords(kpi: KpiReport, style: WorkstreamStyle): string {
  const title = style.safe(kpi.title, 100);
  if (kpi.value === null) {
    const owner = kpi.owner === null ? "" : ` — ${style.mention(kpi.owner)}`;
    return `${title}: not recorded for ${monthLabel(kpi.month)}${owner}, ${style.code(`${SLASH_COMMAND} record`)}`;
  }
  const target =
    kpi.target === null || kpi.percentOfTarget === null
      ? ""
      : ` of ${formatNumber(kpi.target)} (${formatRatio(kpi.percentOfTarget / 100)})`;
  const change =
    kpi.change === null ? "" : `, ${signedChange(kpi.change, null)} since ${monthLabel(addMonths(kpi.month, -1))}`;
  const when = kpi.source === "contributors" ? " so far" : "";
  return `${title} ${formatNumber(kpi.value)}${target} in ${monthLabel(kpi.month)}${when}${change}`;
}

/** Every KPI of the workstream, joined: one line's worth. */
export const workstreamKpiWords = (workstream: WorkstreamReport, style: WorkstreamStyle): string =>
  workstream.kpis.map((kpi) => kpiWords(kpi, style)).join(" · ");

/** The epic's progress, or why there is none (its epic is not among EPICS, so it is not synced). */
export const workstreamEpicWords = (workstream: WorkstreamReport, safe: SafeText): string =>
  workstream.epic === null
    ? `epic ${safe(workstream.epicRef, 120)} is not tracked (add it to EPICS)`
    : epicProgressWords(workstream.epic, safe);
