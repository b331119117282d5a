/**
 * The database misbehaving (issue 7 item 2): a read-only file, a missing directory, a directory that cannot be
 * created. The CLI runs as a separate process (without root's power over file modes when these tests run as
 * root, so file permissions apply): it serves what the store holds, says what to fix, and leaves the store as it was.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { syncAll } from "../../src/gitlab/sync.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { Store } from "../../src/store/store.js";
import { removeDir, runCli, tempDir } from "../cli/spawn-cli.js";
import { captureLog } from "../support/capture-log.js";

const storeFacts = async (path: string) => {
  const store = await Store.open(path, { readonly: true });
  try {
    return {
      mrs: await store.mergeRequestCount(),
      dataAsOf: await store.lastSuccessfulSyncAt(),
      runs: (await store.recentSyncRuns(100)).length,
    };
  } finally {
    await store.close();
  }
};

describe("database faults", () => {
  let sandbox: Sandbox;
  let dir: string;
  let dbPath: string;
  let env: Record<string, string>;

  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 5, now: new Date(), months: 2 }) });
    dir = tempDir("eb-store-faults-");
    chmodSync(dir, 0o777);
    dbPath = join(dir, "engagement.db");
    env = { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "2", DATABASE_PATH: dbPath };
    const config = parseConfig(env);
    const store = await Store.open(dbPath);
    const { logger } = captureLog("silent");
    const summary = await syncAll({
      store,
      client: createGitLabClient({ url: sandbox.url, logger, retryBaseMs: 5, maxTotalMs: 2_000 }),
      config,
      logger,
    });
    await store.close();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
  });
  after(async () => {
    await sandbox.close();
    removeDir(dir);
  });

  describe("a read-only database file", () => {
    let facts: Awaited<ReturnType<typeof storeFacts>>;
    before(async () => {
      facts = await storeFacts(dbPath);
      assert.ok(facts.mrs > 0);
      chmodSync(dbPath, 0o444);
    });
    after(() => chmodSync(dbPath, 0o644));

    it("status --no-sync still shows the stored report", async () => {
      const result = await runCli(["status", "--no-sync"], { env, cwd: dir, asOperator: true });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /\d+ \/ 1000/);
    });

    it("sync exits 1 with one line naming the read-only file and DATABASE_PATH, no stack trace", async () => {
      const result = await runCli(["sync"], { env, cwd: dir, asOperator: true });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /engagement-bot sync: The database at .*engagement\.db is read-only/);
      assert.match(result.stderr, /DATABASE_PATH/);
      assert.doesNotMatch(result.stderr, /SqliteError|\n\s+at /, "no stack trace for an operator problem");
    });

    it("status (with its sync) says the sync could not be saved and shows the last good data", async () => {
      const result = await runCli(["status"], { env, cwd: dir, asOperator: true });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /sync failed \(.*read-only.*\); showing the last good data, synced \d+ \w+ ago/);
      assert.match(result.stdout, /\d+ \/ 1000/);
    });

    it("left the store exactly as it was", async () => {
      assert.deepEqual(await storeFacts(dbPath), facts);
    });
  });

  it("a missing directory is created by sync", async () => {
    const nested = join(dir, "not", "yet", "there", "engagement.db");
    const result = await runCli(["sync"], { env: { ...env, DATABASE_PATH: nested }, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(nested));
    assert.ok((await storeFacts(nested)).mrs > 0);
  });

  it("a directory that cannot be created: exit 1, a message naming the path and DATABASE_PATH", async () => {
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const target = join(locked, "sub", "engagement.db");
    const result = await runCli(["status", "--no-sync"], {
      env: { ...env, DATABASE_PATH: target },
      cwd: dir,
      asOperator: true,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Cannot open the database at .*locked\/sub\/engagement\.db/);
    assert.match(result.stderr, /EACCES/);
    assert.match(result.stderr, /check DATABASE_PATH/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(existsSync(join(locked, "sub")), false);
  });
});
