import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EpicRecord } from "../../src/model/records.js";
import { renderReportText } from "../../src/text/report-text.js";
import { EPIC_1795, EPIC_1796, mr, reportConfig, snapshot } from "../metrics/snapshot-fixtures.js";
import { reportFromRecords } from "../support/report-from-records.js";

describe("renderReportText", async () => {
  const stored: EpicRecord = {
    ref: EPIC_1795.ref,
    title: "Contributor success",
    state: "opened",
    startDate: null,
    dueDate: null,
    webUrl: "https://gitlab.example/groups/gitlab-com/-/epics/1795",
    closedIssues: 3,
    totalIssues: 4,
    closedWeight: 0,
    totalWeight: 0,
    available: true,
    unavailableReason: null,
    syncedAt: "2026-11-15T00:00:00Z",
  };
  const report = await reportFromRecords(
    snapshot({
      contributions: [mr(1, "2026-11-02T00:00:00Z"), mr(1, "2026-11-03T00:00:00Z"), mr(2, "2026-10-03T00:00:00Z")],
      epics: [stored],
      syncRuns: [
        { id: 1, startedAt: "2026-11-15T10:00:00Z", finishedAt: "2026-11-15T10:01:00Z", fetched: 3, error: "boom" },
      ],
    }),
    reportConfig({ monthlyTarget: 4, epics: [EPIC_1795, EPIC_1796] }),
    new Date("2026-11-16T00:00:00Z"),
  );
  const text = renderReportText(report);

  it("leads with count / target, status words, bar and projection", () => {
    assert.match(text, /\n {2}1 \/ 4 {2}behind {2}25% ▓{2}░{8}\n/);
    // people are whole (0.2 needed a day rounds up to 1); the ratio keeps its decimals
    assert.match(text, /expected by now 2 {2}ratio 0\.500 {2}projected 2 {2}needed 1\/day/);
    assert.match(text, /previous month 1 by 16 Oct \(1 in all of October 2026\)/);
    assert.match(text, /trend 2025-11–2026-10 {2}\([\d ]+\) {2}▁{11}█\n/);
  });

  it("shows top contributors, first-timers, epics with percent, unavailable epics and sync trouble", () => {
    assert.match(text, / 1\. user1 {2}2/);
    assert.match(text, /First-time contributors \(1\)\n {2}user1/);
    assert.match(text, /75% \(3\/4 issues closed\) ▓{7}░{3}/);
    assert.match(text, /gitlab-com&1796[\s\S]*unavailable: not synced yet/);
    assert.match(text, /last 1 sync run\(s\) failed: boom/);
    assert.match(text, /New issues since 2026-11-09T00:00:00\.000Z\n {2}none/);
  });

  it("shows at most 40 first-timer names and says how many more there are", async () => {
    const many = Array.from({ length: 45 }, (_, i) => mr(100 + i, "2026-11-02T00:00:00Z"));
    const big = renderReportText(
      await reportFromRecords(snapshot({ contributions: many }), reportConfig(), new Date("2026-11-16T00:00:00Z")),
    );
    assert.match(big, /First-time contributors \(45\)\n {2}user100, user101, .*user139, and 5 more \(see --json\)\n/);
  });
});
