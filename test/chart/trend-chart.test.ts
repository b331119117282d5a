/** The trend chart's spec (issue 19, item 1): its data are the Report's numbers, and its words state them. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trendChart } from "../../src/chart/trend-chart.js";
import { report } from "../slack/blocks/report-fixtures.js";

type Layer = { data: { name: string; values: Array<Record<string, unknown>> }; mark: { type: string } };
const layers = (spec: Record<string, unknown>) => spec.layer as Layer[];
const valuesOf = (spec: Record<string, unknown>, name: string) =>
  layers(spec).find((layer) => layer.data.name === name)?.data.values;

describe("trend chart spec", () => {
  it("draws the 12 complete months and the report month so far, the target and the projection of the Report", () => {
    const r = report();
    const chart = trendChart(r);
    const complete = r.contributors.trend.filter((point) => point.month < r.month).slice(-12);
    assert.equal(complete.length, 12);
    const bars = valuesOf(chart.spec, "bars");
    assert.deepEqual(
      bars?.map((bar) => [bar.month, bar.count, bar.kind]),
      [...complete.map((point) => [point.month, point.count, "complete"]), [r.month, r.contributors.count, "so_far"]],
    );
    assert.equal(valuesOf(chart.spec, "target")?.[0]?.target, r.target);
    assert.equal(valuesOf(chart.spec, "projection")?.[0]?.projected, r.contributors.projected);
    const marks = layers(chart.spec).map((layer) => `${layer.data.name}:${layer.mark.type}`);
    assert.ok(marks.includes("target:rule"), marks.join(", "));
    assert.ok(marks.includes("projection:bar"), marks.join(", "));
    assert.equal((chart.spec.width as number) >= 400 && (chart.spec.height as number) >= 200, true, "2x is ≥ 800×400");
  });

  it("says the numbers in its alt text: every month, the month so far, the projection and the target", () => {
    const r = report();
    const { altText } = trendChart(r);
    assert.match(altText, /^Bar chart of wider-community contributors per month, Nov 2025 to Nov 2026: Nov 2025 300, /);
    assert.match(altText, /Oct 2026 850; November 2026 so far 412, projected 857; monthly target 1,000\.$/);
    assert.ok(altText.length <= 2000, "Slack's alt_text limit");
  });

  it("marks no projection while the status is unknown, nor once the month is over", () => {
    const early = report();
    early.contributors.status = "unknown";
    assert.equal(trendChart(early).projected, null);
    assert.equal(valuesOf(trendChart(early).spec, "projection"), undefined);
    assert.doesNotMatch(trendChart(early).altText, /projected/);

    const over = report({ month: "2026-10" });
    over.contributors.elapsedFraction = 1;
    const chart = trendChart(over);
    assert.equal(chart.projected, null);
    assert.equal(chart.bars.at(-1)?.kind, "complete");
    assert.equal(chart.bars.length, 12, "the 11 months the fixture has before October, then October");
  });
});
