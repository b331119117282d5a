import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editDistance } from "../../src/model/edit-distance.js";
import {
  findSubcommand,
  ISSUE_DAYS,
  nearestSubcommand,
  SUBCOMMANDS,
  synopsis,
  usageHint,
  usageLine,
} from "../../src/model/subcommands.js";

describe("the subcommand table", () => {
  it("measures edit distance with swaps of neighbours as one edit (Damerau–Levenshtein, optimal alignment)", () => {
    assert.equal(editDistance("status", "status"), 0);
    assert.equal(editDistance("stauts", "status"), 1, "a swap");
    assert.equal(editDistance("statu", "status"), 1, "a deletion");
    assert.equal(editDistance("statuss", "status"), 1, "an insertion");
    assert.equal(editDistance("ststus", "status"), 1, "a substitution");
    assert.equal(editDistance("", "kpi"), 3);
    assert.equal(editDistance("ca", "abc"), 3, "optimal alignment: no edit of a swapped pair");
    assert.equal(editDistance("épics", "epics"), 1, "over letters, not bytes");
  });

  it("suggests the nearest subcommand of the table, or none when nothing is close", () => {
    assert.equal(nearestSubcommand("stauts"), "status");
    assert.equal(nearestSubcommand("fun"), "funnel", "the one subcommand it begins");
    assert.equal(nearestSubcommand("re"), undefined, "too short to guess");
    assert.equal(nearestSubcommand("zzzzzz"), undefined);
  });

  it("shows an argument in brackets, and its range only in the usage line of an error", () => {
    assert.equal(synopsis("status"), "status [YYYY-MM]");
    assert.equal(synopsis("epics"), "epics");
    assert.equal(synopsis("contributors"), "contributors [YYYY-MM]");
    assert.equal(synopsis("issues"), "issues [days]");
    assert.equal(usageLine("issues"), `issues [days, ${ISSUE_DAYS[0]}–${ISSUE_DAYS[1]}]`);
    assert.equal(usageLine("alerts"), "alerts [on|off]");
  });

  it("finds a subcommand by its exact name only", () => {
    assert.equal(findSubcommand("epics"), "epics");
    assert.equal(findSubcommand("EPICS"), undefined, "the parser lower-cases first");
    assert.equal(findSubcommand("toString"), undefined);
  });

  it("joins every synopsis for the manifest's usage hint, each subcommand once", () => {
    assert.equal(usageHint().split(" | ").length, SUBCOMMANDS.length);
    assert.equal(new Set(SUBCOMMANDS.map((s) => s.name)).size, SUBCOMMANDS.length);
    assert.ok(SUBCOMMANDS.every((s) => s.help.length > 0));
  });
});
