/**
 * Draws a chart spec (src/chart/trend-chart.ts) in-process: Vega-Lite compiles it to Vega, Vega renders SVG
 * (no canvas, no browser), resvg rasterises the SVG to PNG at twice the logical size. The font ships in the
 * package dejavu-fonts-ttf and is loaded by path, so text is drawn on machines without fonts (the Docker image has
 * none) exactly as on a desktop; system fonts are not read.
 */
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT } from "../chart/trend-chart.js";

const require = createRequire(import.meta.url);
const FONT_FILES = ["dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"].map((file) =>
  require.resolve(file),
);

/** Twice the spec's size: sharp on high-density phone screens. */
const SCALE = 2;

/** The spec as SVG text (Vega's own renderer, headless). */
export async function chartSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG text as a PNG, with the shipped font. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: SCALE },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}

/** The spec as a PNG. */
export async function chartPng(spec: Record<string, unknown>): Promise<Buffer> {
  return svgToPng(await chartSvg(spec));
}
