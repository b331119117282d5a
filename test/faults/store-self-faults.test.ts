/**
 * A store that knows itself (issue 13 item 11): a database of a newer schema is refused by every command, naming
 * both versions, and left untouched; a read-only directory still serves `status --no-sync`; a full disk is named
 * as such, not "GitLab sync failed" with a raw stack; a database file deleted or replaced under a running bot is
 * noticed (the log says so, /healthz fails) and nothing more is written to it, the ledger included.
 */
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { syncAll } from "../../src/gitlab/sync.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest } from "../../src/sandbox/world.js";
import { runSync } from "../../src/schedule/sync-step.js";
import { openRuntime } from "../../src/service/runtime.js";
import { Ledger } from "../../src/store/ledger.js";
import { SCHEMA_VERSION, Store, StoreError } from "../../src/store/store.js";
import { freePort, removeDir, runCli, startCli, tempDir, waitForOutput } from "../cli/spawn-cli.js";
import { captureLog } from "../support/capture-log.js";
import { startFakeSlack } from "../support/fake-slack.js";

describe("a store that knows itself", () => {
  let sandbox: Sandbox;
  let dir: string;
  let synced: string;
  let env: Record<string, string>;

  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 5, now: new Date(), months: 2 }) });
    dir = tempDir("eb-store-self-");
    chmodSync(dir, 0o777);
    synced = join(dir, "synced.db");
    env = { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "2", DATABASE_PATH: synced };
    const store = await Store.open(synced);
    const { logger } = captureLog("silent");
    const client = createGitLabClient({ url: sandbox.url, logger, retryBaseMs: 5, maxTotalMs: 2_000 });
    const summary = await syncAll({ store, client, config: parseConfig(env), logger });
    await store.close();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
  });
  after(async () => {
    await sandbox.close();
    removeDir(dir);
  });

  /** A copy of the synced database in its own directory. */
  const copyOf = (name: string): string => {
    const sub = join(dir, name);
    mkdirSync(sub, { recursive: true });
    chmodSync(sub, 0o777);
    const path = join(sub, "engagement.db");
    copyFileSync(synced, path);
    return path;
  };

  it("a newer schema is refused by every command, naming both versions; the file is left untouched", async () => {
    const path = copyOf("newer");
    const store = await Store.open(path);
    await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION + 3}`).execute(store.connection);
    await store.close();
    const before = readFileSync(path);
    const commandEnv = { ...env, DATABASE_PATH: path };
    const results = await Promise.all(
      [["status", "--no-sync"], ["status"], ["sync"], ["digest"]].map((args) => runCli(args, { env: commandEnv })),
    );
    for (const result of results) {
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `has schema version ${SCHEMA_VERSION + 3}, newer than this bot's ${SCHEMA_VERSION}: it was written by a newer engagement-bot`,
        ),
      );
      assert.doesNotMatch(result.stderr, /\n\s+at /, "one line, no stack");
      assert.equal(result.stdout, "");
    }
    assert.deepEqual(readFileSync(path), before, "not a byte written");
  });

  it("a read-only directory and file: status --no-sync serves the report; sync names the read-only file", async () => {
    const path = copyOf("read-only");
    const sub = join(dir, "read-only");
    chmodSync(path, 0o444);
    chmodSync(sub, 0o555);
    try {
      const commandEnv = { ...env, DATABASE_PATH: path };
      const status = await runCli(["status", "--no-sync"], { env: commandEnv, asOperator: true });
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /\d+ \/ 1000/);
      const sync = await runCli(["sync"], { env: commandEnv, asOperator: true });
      assert.equal(sync.code, 1);
      assert.match(sync.stderr, /engagement-bot sync: The database at .*read-only\/engagement\.db is read-only/);
      assert.doesNotMatch(sync.stderr, /SqliteError|\n\s+at /);
    } finally {
      chmodSync(sub, 0o777);
      chmodSync(path, 0o644);
    }
  });

  it("a full disk (SQLITE_FULL) is named as such, and the job's log does not blame GitLab", async () => {
    const path = copyOf("full");
    const log = captureLog("debug");
    const runtime = await openRuntime(parseConfig({ ...env, DATABASE_PATH: path }), log.logger, {
      gitlab: { retryBaseMs: 5, maxTotalMs: 2_000 },
    });
    try {
      // new data to store, and not one more page of room for it
      const project = sandbox.world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-org/"));
      const author = sandbox.world.users[0];
      assert.ok(project && author);
      for (let i = 0; i < 200; i++) {
        const at = new Date(Date.now() - i * 1000).toISOString();
        addMergeRequest(sandbox.world, {
          project_id: project.id,
          author,
          state: "merged",
          merged_at: at,
          updated_at: at,
          labels: ["Community contribution"],
          title: "x".repeat(500),
        });
      }
      const pages = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(runtime.store.connection)).rows[0]
        ?.page_count;
      await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(runtime.store.connection);
      const failure = await runtime.runSync().then(
        () => assert.fail("the sync cannot have been saved"),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof StoreError);
      assert.equal(failure.kind, "disk-full");
      assert.match(failure.message, /^The disk holding the database at .*full\/engagement\.db is full \(SQLITE_FULL\)/);

      const result = await runSync({ sync: () => runtime.syncs.syncResult() }, log.logger);
      assert.equal(result.ok, false);
      const lines = log.entries();
      assert.ok(
        lines.some(
          (e) =>
            e.msg === "the sync could not be saved: going on with the last good data" && e.storeError === "disk-full",
        ),
      );
      assert.ok(!lines.some((e) => String(e.msg).startsWith("GitLab sync failed")), "GitLab is not blamed");
    } finally {
      await runtime.close();
    }
  });

  describe("the database file deleted or replaced under a running bot", () => {
    for (const how of ["deleted", "replaced"] as const) {
      it(`${how}: the log says so, /healthz fails, and the ledger is not written to a file nobody will read`, async () => {
        const slack = await startFakeSlack();
        const path = copyOf(`under-${how}`);
        const port = await freePort();
        const cli = startCli(["start"], {
          env: {
            ...env,
            DATABASE_PATH: path,
            SLACK_BOT_TOKEN: "xoxb-store-self-token-1234",
            SLACK_SIGNING_SECRET: "store-self-signing-secret",
            SLACK_API_URL: slack.apiUrl,
            PORT: String(port),
            LOG_FORMAT: "json",
          },
        });
        try {
          await waitForOutput(cli, (stdout) => stdout.includes("Slack app started in HTTP mode"));
          assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
          if (how === "deleted") {
            rmSync(path);
          } else {
            copyFileSync(synced, `${path}.other`);
            renameSync(`${path}.other`, path);
          }
          const health = await fetch(`http://127.0.0.1:${port}/healthz`);
          assert.equal(health.status, 503);
          const body = (await health.json()) as { ok: boolean; problem: string };
          assert.equal(body.ok, false);
          assert.match(body.problem, new RegExp(`the database file .*under-${how}/engagement\\.db was ${how}`));
          await waitForOutput(cli, (stdout) =>
            new RegExp(`was ${how}( by another file)? while the bot was running: the bot writes nothing more`).test(
              stdout,
            ),
          );
        } finally {
          cli.child.kill("SIGTERM");
          await cli.exited;
          await slack.stop();
        }
      });
    }

    it("every write is refused once the file is gone, the ledger's included; reads still answer", async () => {
      const path = copyOf("ledger-gone");
      const store = await Store.open(path);
      const ledger = new Ledger(store);
      const before = await store.mergeRequestCount();
      rmSync(path);
      assert.match(store.fileProblem() ?? "", /was deleted while the bot was running/);
      const refused = (write: () => Promise<unknown>) =>
        assert.rejects(write, (error: unknown) => error instanceof StoreError && error.kind === "file-gone");
      await refused(() => ledger.claimDigest("2026-W01", { owner: "me", nowMs: Date.now(), ttlMs: 60_000 }));
      await refused(() => store.setMeta("x", "y"));
      assert.equal(await store.mergeRequestCount(), before, "what it holds can still be read");
      await store.close();
    });
  });
});
