/**
 * The trend chart's picture, as data: the last 13 months of contributors (12 complete months and the report month so
 * far), the target as a rule and the report month's projection, as a Vega-Lite spec. Pure: the Report in, JSON out;
 * drawing it (Vega-Lite -> Vega -> SVG -> PNG) is an adapter's job (src/render/chart-png.ts). The numbers are the
 * Report's, never recomputed here, so the chart, the cards and the terminal agree.
 */
import type { Report } from "../model/report.js";
import { monthLabel, shortMonthLabel } from "../wording/dates.js";
import { formatNumber } from "../wording/numbers.js";

/** One bar of the chart. */
export interface TrendChartBar {
  /** YYYY-MM */
  month: string;
  /** the x-axis label, "Nov 26" */
  label: string;
  count: number;
  /** "complete" months are final; the report month is "so_far" while it runs */
  kind: "complete" | "so_far";
}

export interface TrendChart {
  /** oldest first, the report month last */
  bars: TrendChartBar[];
  target: number;
  /** the report month's projection; null while the status is unknown (too early) or once the month is complete */
  projected: number | null;
  /** a Vega-Lite v6 spec (plain JSON) */
  spec: Record<string, unknown>;
  /** the picture in words, for image blocks' alt_text and screen readers */
  altText: string;
}

/** Logical size of the plot; the PNG is drawn at twice this (src/render/chart-png.ts), legible on a phone. */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 340;
/** The font the renderer ships and loads (package dejavu-fonts-ttf): text is drawn with it on any machine. */
export const CHART_FONT = "DejaVu Sans";

const PURPLE = "#6b4fbb";
const LIGHT_PURPLE = "#b3a3e0";
const TARGET_RED = "#c0392b";
const INK = "#303030";

const axisLabel = (month: string): string => shortMonthLabel(month).replace(/ (\d\d)(\d\d)$/, " $2");

/** The 13 bars: up to 12 complete months before the report month, then the report month's count so far. */
export function trendChartBars(report: Report): TrendChartBar[] {
  const complete = report.contributors.trend.filter((point) => point.month < report.month).slice(-12);
  const running = report.contributors.elapsedFraction < 1;
  return [
    ...complete.map((point) => ({
      month: point.month,
      label: axisLabel(point.month),
      count: point.count,
      kind: "complete" as const,
    })),
    {
      month: report.month,
      label: axisLabel(report.month),
      count: report.contributors.count,
      kind: running ? ("so_far" as const) : ("complete" as const),
    },
  ];
}

/** The projection worth drawing: only while the month runs and the status is known. */
function projectionOf(report: Report): number | null {
  const { status, projected, elapsedFraction } = report.contributors;
  return status === "unknown" || elapsedFraction >= 1 ? null : projected;
}

/** "Contributors per month, Dec 2025 to Nov 2026: Dec 2025 812, …; November 2026 so far 412, projected 857; target 1,000." */
export function trendChartAltText(report: Report): string {
  const bars = trendChartBars(report);
  const projected = projectionOf(report);
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return "Contributors per month: no data yet.";
  const complete = bars.filter((bar) => bar.kind === "complete");
  const pieces = complete.map((bar) => `${shortMonthLabel(bar.month)} ${formatNumber(bar.count)}`);
  const current =
    last.kind === "so_far"
      ? `${monthLabel(last.month)} so far ${formatNumber(last.count)}${
          projected === null ? "" : `, projected ${formatNumber(projected)}`
        }`
      : null;
  return [
    `Bar chart of wider-community contributors per month, ${shortMonthLabel(first.month)} to ${shortMonthLabel(last.month)}`,
    `: ${[pieces.join(", "), current].filter((part) => part).join("; ")}`,
    `; monthly target ${formatNumber(report.target)}.`,
  ].join("");
}

/** The chart of the Report: its bars, target and projection, and the Vega-Lite spec that draws them. */
export function trendChart(report: Report): TrendChart {
  const bars = trendChartBars(report);
  const projected = projectionOf(report);
  const last = bars[bars.length - 1];
  const labels = bars.map((bar) => bar.label);
  const x = { field: "label", type: "ordinal", title: null, scale: { domain: labels }, sort: null };
  const layers: Record<string, unknown>[] = [
    {
      data: { name: "bars", values: bars },
      mark: { type: "bar", cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
      encoding: {
        x,
        y: { field: "count", type: "quantitative", title: "Contributors" },
        color: {
          field: "kind",
          type: "nominal",
          scale: { domain: ["complete", "so_far"], range: [PURPLE, LIGHT_PURPLE] },
          legend: null,
        },
      },
    },
    {
      data: { name: "bars", values: bars },
      mark: { type: "text", dy: -8, fontSize: 12, color: INK },
      encoding: { x, y: { field: "count", type: "quantitative" }, text: { field: "count", format: ",d" } },
    },
  ];
  if (projected !== null && last) {
    // the label sits inside the dashed box, under its top edge, clear of the neighbouring bar's figure
    const projection = [{ label: last.label, projected, text: ["projected", formatNumber(projected)] }];
    layers.push(
      {
        data: { name: "projection", values: projection },
        mark: { type: "bar", fillOpacity: 0, stroke: PURPLE, strokeWidth: 2, strokeDash: [5, 3] },
        encoding: { x, y: { field: "projected", type: "quantitative" } },
      },
      {
        data: { name: "projection", values: projection },
        mark: { type: "text", baseline: "top", dy: 6, fontSize: 10, color: PURPLE },
        encoding: { x, y: { field: "projected", type: "quantitative" }, text: { field: "text" } },
      },
    );
  }
  const target = [{ target: report.target, text: `target ${formatNumber(report.target)}` }];
  layers.push(
    {
      data: { name: "target", values: target },
      mark: { type: "rule", color: TARGET_RED, strokeWidth: 2, strokeDash: [8, 4] },
      encoding: { y: { field: "target", type: "quantitative" } },
    },
    {
      data: { name: "target", values: target },
      mark: { type: "text", align: "left", dy: -8, x: 4, fontSize: 12, color: TARGET_RED },
      encoding: { y: { field: "target", type: "quantitative" }, text: { field: "text" } },
    },
  );
  const subtitle =
    last?.kind === "so_far"
      ? `${monthLabel(report.month)} so far: ${formatNumber(last.count)}${
          projected === null ? "" : `, projected ${formatNumber(projected)}`
        } (target ${formatNumber(report.target)})`
      : `${monthLabel(report.month)}: ${formatNumber(report.contributors.count)} (target ${formatNumber(report.target)})`;
  const spec: Record<string, unknown> = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: "white",
    padding: 16,
    title: { text: "Wider-community contributors per month", subtitle, anchor: "start", fontSize: 18 },
    layer: layers,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 13, labelColor: INK, titleColor: INK },
      axisX: { labelAngle: 0 },
      title: { subtitleFontSize: 14, subtitleColor: INK },
    },
  };
  return { bars, target: report.target, projected, spec, altText: trendChartAltText(report) };
}
