import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reportFromRecords } from "../support/report-from-records.js";
import { CERTS, CONTRIBUTORS, MEMBERS, value, WORKSTREAMS } from "./kpi-fixtures.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const settings = reportConfig({ workstreams: WORKSTREAMS });

describe("the Report's workstreams", async () => {
  const kpiValues = [
    value(MEMBERS.id, "2026-09", 1500),
    value(MEMBERS.id, "2026-10", 1800, "U0ALICE1", "2026-11-02T09:00:00.000Z"),
    value(MEMBERS.id, "2026-10", 1700, "bob", "2026-11-03T09:00:00.000Z"),
    value(CERTS.id, "2026-08", 40),
  ];
  const contributions = [mr(1, "2026-10-03T00:00:00Z"), mr(2, "2026-10-04T00:00:00Z"), mr(1, "2026-11-02T00:00:00Z")];
  const report = await reportFromRecords(snapshot({ kpiValues, contributions }), settings, NOW);
  const kpi = (id: string) => report.workstreams.flatMap((w) => w.kpis).find((k) => k.id === id);

  it("a recorded KPI shows the last complete month: its latest record, the month before, who and when", () => {
    const members = kpi(MEMBERS.id);
    assert.equal(members?.month, "2026-10");
    assert.equal(members?.value, 1700, "the correction counts");
    assert.equal(members?.previous, 1500);
    assert.equal(members?.change, 200);
    assert.equal(members?.recordedBy, "bob");
    assert.equal(members?.recordedAt, "2026-11-03T09:00:00.000Z");
    assert.equal(members?.percentOfTarget, 85);
    assert.equal(members?.trend.length, 12);
    assert.deepEqual(members?.trend.slice(-3), [
      { month: "2026-08", value: null },
      { month: "2026-09", value: 1500 },
      { month: "2026-10", value: 1700 },
    ]);
  });

  it("value is null when nothing is recorded for the month (an older value is not carried forward)", () => {
    const certs = kpi(CERTS.id);
    assert.equal(certs?.month, "2026-10");
    assert.equal(certs?.value, null);
    assert.equal(certs?.recordedBy, null);
    assert.equal(certs?.change, null);
  });

  it("the computed KPI carries the contributors numbers of the report month", () => {
    const contributors = kpi(CONTRIBUTORS.id);
    assert.equal(contributors?.month, report.month);
    assert.equal(contributors?.value, report.contributors.count);
    assert.equal(contributors?.value, 1);
    assert.equal(contributors?.previous, report.contributors.previousMonth);
    assert.equal(contributors?.previous, 2);
    assert.equal(contributors?.target, 1000);
    assert.deepEqual(contributors?.trend.at(-2), { month: "2026-10", value: 2 });
  });

  it("each workstream carries its epic's progress, in the epics' order (EPICS), untracked epics last", () => {
    assert.deepEqual(
      report.workstreams.map((w) => [w.id, w.epic?.ref ?? null]),
      [
        ["brand", "gitlab-com&1795"],
        ["funnel", "gitlab-com&1796"],
        ["certs", null],
      ],
    );
    assert.deepEqual(
      report.workstreams.flatMap((w) => (w.epic ? [w.epic.ref] : [])),
      report.epics.map((epic) => epic.ref).filter((ref) => report.workstreams.some((w) => w.epicRef === ref)),
      "the same order as the Report's epics",
    );
  });

  it("a past report month is complete: recorded KPIs show that month itself", async () => {
    const past = await reportFromRecords(snapshot({ kpiValues }), settings, NOW, { month: "2026-09" });
    const members = past.workstreams[0]?.kpis[0];
    assert.equal(members?.month, "2026-09");
    assert.equal(members?.value, 1500);
  });
});
