/** What `engagement-bot kpis` and `record` print: plain text for a terminal, or the JSON of `kpis --json`. */
import type { KpiSummary } from "../metrics/kpi-values.js";
import { formatNumber } from "../wording/numbers.js";

const dash = "—";

/** Who recorded a value and when, for a terminal: "by alice on 2026-11-02 09:15 UTC". */
export const recordedText = (by: string, at: string): string =>
  `by ${by} on ${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

const whoText = (kpi: KpiSummary): string =>
  kpi.source === "contributors"
    ? "computed from GitLab"
    : kpi.recordedBy === null || kpi.recordedAt === null
      ? `not recorded yet${kpi.owner ? ` (owner ${kpi.owner})` : ""}`
      : recordedText(kpi.recordedBy, kpi.recordedAt);

/** One line per KPI, columns aligned. */
export function renderKpisText(kpis: readonly KpiSummary[]): string {
  const rows = kpis.map((kpi) => [
    kpi.workstreamId,
    kpi.id,
    kpi.period,
    kpi.value === null ? dash : formatNumber(kpi.value),
    kpi.month ?? dash,
    kpi.target === null ? dash : formatNumber(kpi.target),
    whoText(kpi),
  ]);
  const head = ["workstream", "KPI", "period", "value", "month", "target", "recorded"];
  const widths = head.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[head, ...rows].map(line).join("\n")}\n`;
}

/** `kpis --json`: the summaries as they are (README, "Workstreams"). */
export const renderKpisJson = (kpis: readonly KpiSummary[]): string => `${JSON.stringify(kpis, null, 2)}\n`;
