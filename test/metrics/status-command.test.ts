import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../src/metrics/build-report.js";
import { MonthArgError, StatusArgsError } from "../../src/metrics/errors.js";
import { parseStatusArgs, renderStatusOutput } from "../../src/metrics/status-command.js";
import { reportConfig, snapshot } from "./snapshot-fixtures.js";

const now = Date.parse("2026-11-16T00:00:00Z");

describe("parseStatusArgs", () => {
  it("defaults to the current month, text, with a sync first", () => {
    assert.deepEqual(parseStatusArgs([], now, "UTC"), { month: undefined, json: false, sync: true });
  });

  it("reads --month (both spellings), --json and --no-sync", () => {
    assert.deepEqual(parseStatusArgs(["--month", "2026-09", "--json", "--no-sync"], now, "UTC"), {
      month: "2026-09",
      json: true,
      sync: false,
    });
    assert.equal(parseStatusArgs(["--month=2025-12"], now, "UTC").month, "2025-12");
  });

  it("rejects a malformed or future month and unknown arguments (exit 2 errors)", () => {
    assert.throws(() => parseStatusArgs(["--month", "2026-13"], now, "UTC"), MonthArgError);
    assert.throws(
      () => parseStatusArgs(["--month", "2026-12"], now, "UTC"),
      /--month 2026-12 is in the future \(the current month in UTC is 2026-11\)/,
    );
    assert.throws(() => parseStatusArgs(["--month"], now, "UTC"), StatusArgsError);
    assert.throws(() => parseStatusArgs(["--jsno"], now, "UTC"), /unknown argument "--jsno"/);
  });
});

describe("renderStatusOutput", () => {
  const report = buildReport(snapshot(), reportConfig(), new Date(now));

  it("prints the §6 JSON with --json", () => {
    const parsed = JSON.parse(renderStatusOutput(report, true));
    assert.equal(parsed.month, "2026-11");
    assert.equal("firstTimers" in parsed.contributors, false);
  });

  it("prints the text table otherwise", () => {
    assert.match(renderStatusOutput(report, false), /^Contributors 2026-11 \(UTC\)/);
  });
});
