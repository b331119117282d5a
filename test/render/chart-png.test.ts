/**
 * The trend chart drawn in-process (issue 19, item 1): a PNG at least 800×400 whose picture carries the Report's data,
 * with its text drawn from the font the package ships (the Docker image has no fonts of its own).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trendChart } from "../../src/chart/trend-chart.js";
import { chartPng, chartSvg, svgToPng } from "../../src/render/chart-png.js";
import { report } from "../slack/blocks/report-fixtures.js";
import { pngSize } from "../support/png.js";

describe("chart PNG", () => {
  it("is a PNG of at least 800×400", async () => {
    const { width, height } = pngSize(await chartPng(trendChart(report()).spec));
    assert.ok(width >= 800 && height >= 400, `${width}×${height}`);
  });

  it("its SVG shows the Report's figures: each month's count, the target and the projection", async () => {
    const r = report();
    const svg = await chartSvg(trendChart(r).spec);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    for (const point of r.contributors.trend.filter((p) => p.month < r.month)) {
      assert.ok(texts.includes(String(point.count)), `${point.month}: ${point.count}`);
    }
    assert.ok(texts.includes(String(r.contributors.count)), "the month so far");
    assert.ok(texts.includes("target 1,000"), texts.join(" | "));
    assert.ok(svg.includes("857"), "the projection");
    assert.ok(texts.includes("Nov 25") && texts.includes("Nov 26"), "13 months, the oldest and the report month");
  });

  it("draws text: the picture differs from the same chart with its text taken out", async () => {
    const svg = await chartSvg(trendChart(report()).spec);
    const withoutText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, "");
    assert.notEqual(withoutText, svg);
    assert.equal(Buffer.compare(svgToPng(svg), svgToPng(withoutText)) === 0, false, "the font drew the labels");
  });
});
