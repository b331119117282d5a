import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { createRestEpicSource } from "../../src/gitlab/epic-source.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { memoryLogger } from "./local-server.js";

let sandbox: Sandbox;
const config = parseConfig({});
const epic = config.epics[0];

before(async () => {
  sandbox = await startSandbox({ world: generateWorld({ seed: 3, now: new Date("2026-11-16T09:30:00Z"), months: 3 }) });
});
after(async () => {
  await sandbox.close();
});

const source = () => {
  const { logger, lines } = memoryLogger();
  const client = createGitLabClient({ url: sandbox.url, logger, retryBaseMs: 1, maxTotalMs: 2_000 });
  return { epics: createRestEpicSource({ client, logger, now: () => new Date() }), lines };
};

test("an epic counts its direct issues and its child epics' issues", async () => {
  assert.ok(epic);
  const record = await source().epics.fetch(epic);
  assert.equal(record.available, true);
  assert.ok(record.totalIssues > 0);
  assert.ok(record.closedIssues <= record.totalIssues);
});

test("a refused child-epic listing (404) keeps the epic, counting its direct issues", async () => {
  assert.ok(epic);
  const full = await source().epics.fetch(epic);
  sandbox.inject({
    fault: { kind: "status", status: 404, body: '{"message":"404 Not found"}' },
    path: /\/epics\/\d+\/epics$/,
  });
  const { epics, lines } = source();
  const record = await epics.fetch(epic);
  assert.equal(record.available, true);
  assert.equal(record.title, full.title);
  assert.ok(record.totalIssues > 0 && record.totalIssues <= full.totalIssues);
  assert.ok(lines.some((line) => line.includes("child epics not readable")));
});
