import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  findSubcommand,
  ISSUE_DAYS,
  SUBCOMMANDS,
  synopsis,
  usageHint,
  usageLine,
} from "../../src/model/subcommands.js";

describe("the subcommand table", () => {
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
