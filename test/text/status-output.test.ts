import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderStatusOutput } from "../../src/text/status-output.js";
import { reportConfig, snapshot } from "../metrics/snapshot-fixtures.js";
import { reportFromRecords } from "../support/report-from-records.js";

const now = Date.parse("2026-11-16T00:00:00Z");

describe("renderStatusOutput", async () => {
  const report = await reportFromRecords(snapshot(), reportConfig(), new Date(now));

  it("prints the §6 JSON with --json", () => {
    const parsed = JSON.parse(renderStatusOutput(report, true));
    assert.equal(parsed.month, "2026-11");
    assert.equal("firstTimers" in parsed.contributors, false);
  });

  it("prints the text table otherwise", () => {
    assert.match(renderStatusOutput(report, false), /^Contributors 2026-11 \(UTC\)/);
  });
});
