/**
 * EPIC_SOURCE at the command line (issue 15): a value that is not auto, work_items or rest is a configuration
 * error (exit 2, naming the key, no GitLab request); `sync` says which API the epics came from and what they cost.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConfigError, parseConfig } from "../../src/config.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { runCli } from "./spawn-cli.js";

describe("EPIC_SOURCE", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 5, now: new Date(), months: 2 }) });
  });
  after(() => sandbox.close());

  it("parses auto (the default), work_items and rest, any case; anything else names the key and the values", () => {
    assert.equal(parseConfig({}).epicSource, "auto");
    assert.equal(parseConfig({ EPIC_SOURCE: " Work_Items " }).epicSource, "work_items");
    assert.equal(parseConfig({ EPIC_SOURCE: "rest" }).epicSource, "rest");
    assert.throws(
      () => parseConfig({ EPIC_SOURCE: "graphql" }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^EPIC_SOURCE must be one of auto, work_items, rest \(got "graphql"\)/.test(error.problems[0] ?? ""),
    );
  });

  it("a bad value exits 2 before anything reaches GitLab", async () => {
    const result = await runCli(["sync"], { env: { GITLAB_URL: sandbox.url, EPIC_SOURCE: "graphql" } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /EPIC_SOURCE must be one of auto, work_items, rest \(got "graphql"\)/);
    assert.equal(sandbox.requests.length, 0);
  });

  it("sync prints the configured epics' requests and the API they came from", async () => {
    const result = await runCli(["sync"], { env: { GITLAB_URL: sandbox.url, GITLAB_TOKEN: "glpat-cli-epics" } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ configured_epics: 3 pages, 3 requests, .*\(via Work Items API \(GraphQL\)\)/);
  });
});
