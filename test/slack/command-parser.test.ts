import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SUBCOMMAND_NAMES, usageLine } from "../../src/model/subcommands.js";
import { parseEngagementCommand, USAGE } from "../../src/slack/command-parser.js";

describe("parseEngagementCommand", () => {
  it("reads each subcommand, case-insensitively, ignoring extra whitespace", () => {
    assert.deepEqual(parseEngagementCommand("  STATUS  "), { kind: "status", month: undefined });
    assert.deepEqual(parseEngagementCommand("status 2031-01"), { kind: "status", month: "2031-01" });
    assert.deepEqual(parseEngagementCommand("contributors"), { kind: "contributors", month: undefined });
    assert.deepEqual(parseEngagementCommand("Contributors 2026-10"), { kind: "contributors", month: "2026-10" });
    assert.deepEqual(parseEngagementCommand("epics"), { kind: "epics" });
    assert.deepEqual(parseEngagementCommand("issues"), { kind: "issues", days: undefined });
    assert.deepEqual(parseEngagementCommand("issues\t30"), { kind: "issues", days: 30 });
    assert.deepEqual(parseEngagementCommand("digest"), { kind: "digest" });
    assert.deepEqual(parseEngagementCommand("alerts"), { kind: "alerts", toggle: undefined });
    assert.deepEqual(parseEngagementCommand("alerts OFF"), { kind: "alerts", toggle: "off" });
    assert.deepEqual(parseEngagementCommand("help"), { kind: "help" });
    assert.deepEqual(parseEngagementCommand(""), { kind: "help" });
    assert.deepEqual(parseEngagementCommand("record"), { kind: "record", entry: undefined });
    assert.deepEqual(parseEngagementCommand("record Certifications-Total 1,250"), {
      kind: "record",
      entry: { kpi: "certifications-total", value: "1,250", month: undefined },
    });
    assert.deepEqual(parseEngagementCommand("record certifications-total -3 2026-10"), {
      kind: "record",
      entry: { kpi: "certifications-total", value: "-3", month: "2026-10" },
    });
    assert.deepEqual(parseEngagementCommand("kpi"), { kind: "kpi", kpi: undefined });
    assert.deepEqual(parseEngagementCommand("kpi Contributors"), { kind: "kpi", kpi: "contributors" });
  });

  it("explains bad arguments with the usage line", () => {
    const cases: Array<[string, RegExp, string]> = [
      ["contributors 2026-1", /YYYY-MM/, "contributors [YYYY-MM]"],
      ["contributors October", /YYYY-MM/, "contributors [YYYY-MM]"],
      ["issues -5", /1 to 365/, "issues [days, 1–365]"],
      ["issues 99999", /1 to 365/, "issues [days, 1–365]"],
      ["issues 0", /1 to 365/, "issues [days, 1–365]"],
      ["issues 2.5", /1 to 365/, "issues [days, 1–365]"],
      ["alerts maybe", /`on` or `off`/, "alerts [on|off]"],
      ["status now", /YYYY-MM/, "status [YYYY-MM]"],
      ["status 2026-10 now", /takes no arguments/, "status [YYYY-MM]"],
      ["epics 1 2", /takes no arguments/, "epics"],
      ["record certifications-total", /Give the value too/, "record [KPI VALUE [YYYY-MM]]"],
      ["record certifications-total 5 October", /YYYY-MM/, "record [KPI VALUE [YYYY-MM]]"],
      ["record certifications-total 5 2026-10 extra", /no more \(got "extra" too\)/, "record [KPI VALUE [YYYY-MM]]"],
      ["kpi a b", /takes no arguments/, "kpi [KPI]"],
    ];
    for (const [text, problem, usage] of cases) {
      const parsed = parseEngagementCommand(text);
      assert.equal(parsed.kind, "usage", text);
      if (parsed.kind !== "usage") continue;
      assert.match(parsed.problem, problem, text);
      assert.equal(parsed.usage, usage, text);
    }
  });

  it("names an unknown word, clipped so a 3,000-character input is not echoed back", () => {
    assert.deepEqual(parseEngagementCommand("status;"), { kind: "unknown", word: "status;", suggestion: "status" });
    const long = parseEngagementCommand("x".repeat(3000));
    assert.equal(long.kind, "unknown");
    if (long.kind === "unknown") {
      assert.ok([...long.word].length <= 41);
      assert.equal(long.suggestion, undefined, "nothing is that close");
    }
  });

  it("suggests the nearest subcommand of the table for a typo", () => {
    const cases: Array<[string, string | undefined]> = [
      ["stauts", "status"],
      ["Statsu", "status"],
      ["contrib", "contributors"],
      ["contributers", "contributors"],
      ["epic", "epics"],
      ["isues", "issues"],
      ["alert", "alerts"],
      ["kpis", "kpi"],
      ["dgiest", "digest"],
      ["hlep", "help"],
      ["funel", "funnel"],
      ["frobnicate", undefined],
      ["xyz", undefined],
      ["st", undefined],
    ];
    for (const [word, suggestion] of cases) {
      const parsed = parseEngagementCommand(word);
      assert.equal(parsed.kind, "unknown", word);
      if (parsed.kind === "unknown") assert.equal(parsed.suggestion, suggestion, word);
    }
  });

  it("knows exactly the subcommands of the table, each with the table's usage line", () => {
    for (const name of SUBCOMMAND_NAMES) {
      assert.equal(parseEngagementCommand(name).kind, name);
      assert.equal(USAGE[name], usageLine(name));
    }
    assert.deepEqual(Object.keys(USAGE), [...SUBCOMMAND_NAMES]);
    assert.equal(parseEngagementCommand("usage").kind, "unknown", "kinds that are not subcommands are not typed");
    assert.equal(parseEngagementCommand("unknown").kind, "unknown");
  });
});
