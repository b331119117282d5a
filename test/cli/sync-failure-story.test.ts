/**
 * `status` against a GitLab that is down (issue 11 item 5), as a process: the sync ends quickly, and what is said
 * about the data is one story — "no data yet" with the next step, or the last good data and its age.
 * The kill timer is generous; a process it killed has no exit code.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { dataStory } from "../../src/cli/sync-before-output.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { freePort, removeDir, runCli, tempDir } from "./spawn-cli.js";

describe("status after a failed sync", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 31, now: new Date(), months: 2 }) });
  });
  after(() => sandbox.close());

  it("an empty store and a closed GITLAB_URL port: exit 1 within the kill timer, 'no data yet' and why, nothing else", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await runCli(["status"], { env: { GITLAB_URL: url, HISTORY_MONTHS: "2" }, timeoutMs: 45_000 });
    assert.equal(result.signal, null, "ended by itself");
    assert.equal(result.code, 1, result.stderr);
    assert.ok(
      result.stderr.includes(`cannot reach GITLAB_URL (${url}: connection refused): check the URL`),
      result.stderr,
    );
    assert.match(
      result.stderr,
      /engagement-bot status: no data yet: the sync failed \(.*\); fix that, then run `engagement-bot status` again/,
    );
    assert.doesNotMatch(result.stderr, /showing the last good data/);
    assert.doesNotMatch(result.stderr, /drop --no-sync/);
    assert.doesNotMatch(result.stderr, /GitLab may be down or rate limiting/);
    assert.equal(result.stdout, "");
  });

  it("a store with data and GitLab gone: the last good data, its age, and no 'no data yet'", async () => {
    const dir = tempDir("eb-story-");
    try {
      const env = { HISTORY_MONTHS: "2", DATABASE_PATH: join(dir, "engagement.db") };
      const synced = await runCli(["sync"], { env: { ...env, GITLAB_URL: sandbox.url }, cwd: dir });
      assert.equal(synced.code, 0, synced.stdout + synced.stderr);
      const url = `http://127.0.0.1:${await freePort()}`;
      const result = await runCli(["status"], { env: { ...env, GITLAB_URL: url }, cwd: dir, timeoutMs: 45_000 });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /sync failed \(merge_requests:gitlab-org: cannot reach GITLAB_URL .*; 4 other sources skipped\); showing the last good data, synced \d+ minutes? ago \(\d{4}-\d\d-\d\dT/,
      );
      assert.doesNotMatch(result.stderr, /no data yet/);
      assert.match(result.stdout, /\d+ \/ 1000/);
    } finally {
      removeDir(dir);
    }
  });
});

describe("dataStory", () => {
  const base = { verb: "status", nowMs: Date.parse("2026-03-18T12:00:00Z") };
  it("one line for each state, never two stories at once", () => {
    assert.equal(dataStory({ ...base, synced: true, syncFailure: null, dataAsOf: "2026-03-18T11:59:00Z" }), null);
    assert.equal(
      dataStory({ ...base, synced: true, syncFailure: "GitLab 500", dataAsOf: "2026-03-18T09:00:00Z" }),
      "engagement-bot status: sync failed (GitLab 500); showing the last good data, synced 3 hours ago (2026-03-18T09:00:00Z)",
    );
    assert.equal(
      dataStory({ ...base, synced: true, syncFailure: "GitLab 500", dataAsOf: null }),
      "engagement-bot status: no data yet: the sync failed (GitLab 500); fix that, then run `engagement-bot status` again",
    );
    assert.equal(
      dataStory({ ...base, synced: false, syncFailure: null, dataAsOf: null }),
      "engagement-bot status: the store has no data yet; run `engagement-bot sync` (or drop --no-sync)",
    );
  });
});
