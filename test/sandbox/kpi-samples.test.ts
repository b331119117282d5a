import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkKpiEntry } from "../../src/metrics/kpi-values.js";
import { SAMPLE_MONTHS, sampleKpiValues } from "../../src/sandbox/kpi-samples.js";
import { CERTS, WORKSTREAMS } from "../metrics/kpi-fixtures.js";

describe("sampleKpiValues (demo)", () => {
  const options = { seed: 1796, nowMs: Date.parse("2026-12-01T00:30:00Z"), timeZone: "UTC" };
  const samples = sampleKpiValues(WORKSTREAMS, options);

  it("gives each recorded KPI the last few complete months, and the computed one nothing", () => {
    assert.equal(samples.length, 2 * SAMPLE_MONTHS);
    assert.deepEqual(
      samples.filter((v) => v.kpiId === CERTS.id).map((v) => v.month),
      ["2026-08", "2026-09", "2026-10", "2026-11"],
    );
    assert.ok(!samples.some((v) => v.kpiId === "contributors"));
    assert.deepEqual(sampleKpiValues(WORKSTREAMS, options), samples, "the same seed, the same values");
  });

  it("passes the rules a person's values pass: a running total never goes down", () => {
    for (const [i, value] of samples.entries()) {
      const kpi = WORKSTREAMS.flatMap((w) => w.kpis).find((k) => k.id === value.kpiId);
      assert.ok(kpi);
      const checked = checkKpiEntry(
        { kpi, valueText: String(value.value), month: value.month },
        samples.slice(0, i),
        options.nowMs,
        "UTC",
      );
      assert.deepEqual(checked.problems, [], `${value.kpiId} ${value.month}`);
    }
  });
});
