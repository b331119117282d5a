import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkKpiEntry,
  kpiHistory,
  kpiSummaries,
  lastCompleteMonth,
  latestValue,
  parseWholeNumber,
} from "../../src/metrics/kpi-values.js";
import { CERTS, CONTRIBUTORS, MEMBERS, value, WORKSTREAMS } from "./kpi-fixtures.js";

const NOW = Date.parse("2026-11-15T12:00:00Z");

describe("recorded KPI values", () => {
  it("a value is a whole number ≥ 0; thousands separators are fine, decimals and words are not", () => {
    assert.equal(parseWholeNumber("1250"), 1250);
    assert.equal(parseWholeNumber(" 1,250 "), 1250);
    assert.equal(parseWholeNumber("0"), 0);
    for (const bad of ["12.5", "-3", "1,25", "ten", "", "1e3", "+4"]) assert.equal(parseWholeNumber(bad), null, bad);
  });

  it("the default month is the last complete month in the zone", () => {
    assert.equal(lastCompleteMonth(Date.parse("2026-12-01T00:30:00Z"), "UTC"), "2026-11");
    assert.equal(lastCompleteMonth(Date.parse("2026-12-01T00:30:00Z"), "America/New_York"), "2026-10");
    assert.equal(lastCompleteMonth(Date.parse("2026-01-31T23:30:00Z"), "UTC"), "2025-12");
  });

  it("each problem names its field: not a whole number, negative, future month, malformed month", () => {
    const check = (valueText: string, month: string) =>
      checkKpiEntry({ kpi: MEMBERS, valueText, month }, [], NOW, "UTC").problems.map((p) => [p.field, p.kind]);
    assert.deepEqual(check("12.5", "2026-10"), [["value", "value"]]);
    assert.deepEqual(check("-4", "2026-10"), [["value", "negative"]]);
    assert.deepEqual(check("4", "2026-12"), [["month", "future"]]);
    assert.deepEqual(check("x", "2026-13"), [
      ["month", "month"],
      ["value", "value"],
    ]);
    assert.deepEqual(check("4", "2026-11"), [], "the current month may be recorded");
    assert.equal(checkKpiEntry({ kpi: MEMBERS, valueText: "1,200", month: "2026-10" }, [], NOW, "UTC").value, 1200);
  });

  it("a cumulative total below an earlier month's needs the confirmation; a monthly value may go down", () => {
    const history = [
      value(CERTS.id, "2026-08", 90),
      value(CERTS.id, "2026-09", 120),
      value(MEMBERS.id, "2026-09", 500),
    ];
    const lower = checkKpiEntry({ kpi: CERTS, valueText: "110", month: "2026-10" }, history, NOW, "UTC");
    assert.deepEqual(
      lower.problems.map((p) => [p.field, p.kind]),
      [["value", "decrease"]],
    );
    assert.match(lower.problems[0]?.message ?? "", /2026-09 already had 120: 110 is lower/);
    const confirmed = { kpi: CERTS, valueText: "110", month: "2026-10", confirmedDecrease: true };
    assert.equal(checkKpiEntry(confirmed, history, NOW, "UTC").value, 110);
    assert.equal(
      checkKpiEntry({ kpi: CERTS, valueText: "95", month: "2026-09" }, history, NOW, "UTC").value,
      95,
      "a correction of 2026-09 is checked against 2026-08 only",
    );
    assert.equal(checkKpiEntry({ kpi: MEMBERS, valueText: "10", month: "2026-10" }, history, NOW, "UTC").value, 10);
  });

  it("a correction supersedes: the latest record of a month counts, the history keeps both, newest first", () => {
    const history = [
      value(CERTS.id, "2026-09", 120, "U0ALICE1"),
      value(CERTS.id, "2026-10", 130, "U0ALICE1"),
      value(CERTS.id, "2026-09", 125, "bob"),
    ];
    assert.deepEqual(latestValue(history, CERTS.id)?.value, 130);
    assert.deepEqual(
      kpiHistory(history, CERTS.id).map((v) => [v.month, v.value, v.recordedBy, v.superseded]),
      [
        ["2026-10", 130, "U0ALICE1", false],
        ["2026-09", 125, "bob", false],
        ["2026-09", 120, "U0ALICE1", true],
      ],
    );
  });

  it("kpis lists every KPI with its latest value; the computed one carries the report's count", () => {
    const summaries = kpiSummaries(WORKSTREAMS, [value(CERTS.id, "2026-09", 120, "bob")], {
      month: "2026-11",
      count: 412,
    });
    assert.deepEqual(
      summaries.map((s) => [s.workstreamId, s.id, s.month, s.value, s.recordedBy]),
      [
        ["brand", MEMBERS.id, null, null, null],
        ["certs", CERTS.id, "2026-09", 120, "bob"],
        ["funnel", CONTRIBUTORS.id, "2026-11", 412, null],
      ],
    );
  });
});
