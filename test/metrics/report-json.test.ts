import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toReportJson } from "../../src/metrics/report-json.js";
import type { LabelledItem } from "../../src/model/records.js";
import { reportFromRecords } from "../support/report-from-records.js";
import { WORKSTREAMS } from "./kpi-fixtures.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

/** Every key path of a JSON value, in order; array elements are described by their first element. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [`${prefix}[]`];
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [
      `${prefix}.${key}`,
      ...keyPaths(inner, `${prefix}.${key}`),
    ]);
  }
  return [];
}

const labelled: LabelledItem = {
  id: 1,
  kind: "issue",
  ref: "gitlab-com/project#12",
  title: "Make it easier",
  webUrl: "https://gitlab.example/gitlab-com/project/-/issues/12",
  author: "amy",
  createdAt: "2026-11-14T10:00:00Z",
  state: "opened",
};

describe("toReportJson", async () => {
  const report = await reportFromRecords(
    snapshot({
      contributions: [mr(1, "2026-11-02T00:00:00Z")],
      labelledItems: [labelled],
      dataAsOf: "2026-11-15T00:00:00Z",
    }),
    reportConfig({ workstreams: WORKSTREAMS }),
    new Date("2026-11-16T00:00:00Z"),
  );
  const json = toReportJson(report);

  it("has exactly the keys of the README's status --json (epics[].available included), in order", () => {
    assert.deepEqual(keyPaths(JSON.parse(JSON.stringify(json))), [
      ".generatedAt",
      ".dataAsOf",
      ".timezone",
      ".month",
      ".target",
      ".contributors",
      ".contributors.count",
      ".contributors.firstTime",
      ".contributors.returning",
      ".contributors.previousMonth",
      ".contributors.previousMonthToDate",
      ".contributors.expectedByNow",
      ".contributors.projected",
      ".contributors.ratio",
      ".contributors.status",
      ".contributors.neededPerDay",
      ".contributors.top",
      ".contributors.top[].username",
      ".contributors.top[].mergedCount",
      ".contributors.trend",
      ".contributors.trend[].month",
      ".contributors.trend[].count",
      ".epics",
      ".epics[].ref",
      ".epics[].title",
      ".epics[].state",
      ".epics[].webUrl",
      ".epics[].closedIssues",
      ".epics[].totalIssues",
      ".epics[].percent",
      ".epics[].available",
      ".newIssues",
      ".newIssues[].ref",
      ".newIssues[].title",
      ".newIssues[].webUrl",
      ".newIssues[].createdAt",
      ".newIssues[].author",
      ".workstreams",
      ".workstreams[].id",
      ".workstreams[].title",
      ".workstreams[].epicRef",
      ".workstreams[].kpis",
      ".workstreams[].kpis[].id",
      ".workstreams[].kpis[].title",
      ".workstreams[].kpis[].source",
      ".workstreams[].kpis[].period",
      ".workstreams[].kpis[].target",
      ".workstreams[].kpis[].month",
      ".workstreams[].kpis[].value",
      ".workstreams[].kpis[].previous",
      ".workstreams[].kpis[].recordedBy",
      ".workstreams[].kpis[].recordedAt",
      ".workstreams[].kpis[].trend",
      ".workstreams[].kpis[].trend[].month",
      ".workstreams[].kpis[].trend[].value",
      ".funnel",
      ".funnel.months",
      ".funnel.months[].month",
      ".funnel.months[].openers",
      ".funnel.months[].firstTimeOpeners",
      ".funnel.months[].firstTimeOpenersMerged",
      ".retention",
      ".retention.cohortMonth",
      ".retention.cohort",
      ".retention.retained",
      ".retention.rate",
      ".drifting",
      ".drifting.count",
      ".drifting.top",
      ".drifting.top[]",
      ".openMrs",
      ".openMrs.count",
      ".openMrs.medianAgeDays",
      ".openMrs.stalled",
    ]);
  });

  it("carries the report's values", () => {
    assert.equal(json.generatedAt, "2026-11-16T00:00:00.000Z");
    assert.equal(json.dataAsOf, "2026-11-15T00:00:00Z");
    assert.equal(json.month, "2026-11");
    assert.equal(json.target, 1000);
    assert.equal(json.contributors.count, 1);
    assert.deepEqual(json.contributors.top, [{ username: "user1", mergedCount: 1 }]);
    assert.equal(json.contributors.trend.length, 12);
    assert.equal(json.epics[0]?.percent, null);
    assert.equal(json.epics[0]?.available, false);
    assert.deepEqual(json.newIssues, [
      {
        ref: "gitlab-com/project#12",
        title: "Make it easier",
        webUrl: "https://gitlab.example/gitlab-com/project/-/issues/12",
        createdAt: "2026-11-14T10:00:00Z",
        author: "amy",
      },
    ]);
  });
});
