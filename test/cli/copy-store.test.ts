/**
 * `copy-store --to postgres://…` (issue 16 item 3) as an operator runs it: a SQLite store synced from the sandbox, with
 * this week's digest posted to the fake Slack, copied into a fresh database of the test server. Then the bot on
 * DATABASE_URL answers as it did on DATABASE_PATH, knows the digest is posted, and keeps counting sync runs; a target
 * holding data is refused without --force and replaced with it; the password is in no output.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { passwordIn } from "../../src/redaction.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { freshDatabase, onServer, type TestDatabase } from "../support/postgres.js";
import { type CliResult, removeDir, runCli, tempDir } from "./spawn-cli.js";

const CHANNEL = "C0ENGAGE01";

/** `  table   N` lines of copy-store's output, by table. */
const copiedRows = (stdout: string): Record<string, number> =>
  Object.fromEntries([...stdout.matchAll(/^ {2}(\w+) +(\d+)$/gm)].map((m) => [m[1] as string, Number(m[2])]));

describe("copy-store: the SQLite store into PostgreSQL", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  let sqliteEnv: Record<string, string>;
  let postgresEnv: Record<string, string>;
  const outputs: CliResult[] = [];
  const cli = async (args: string[], env: Record<string, string>): Promise<CliResult> => {
    const result = await runCli(args, { env, cwd: dir });
    outputs.push(result);
    return result;
  };
  const tableRows = (table: string): Promise<number> =>
    onServer(async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n), db.url);

  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 31, now: new Date(), months: 2 }) });
    slack = await startFakeSlack();
    db = await freshDatabase();
    dir = tempDir("eb-copy-store-");
    sqliteEnv = {
      GITLAB_URL: sandbox.url,
      HISTORY_MONTHS: "2",
      DATABASE_PATH: join(dir, "data", "engagement.db"),
      SLACK_BOT_TOKEN: "xoxb-copy-store-token-1234",
      SLACK_SIGNING_SECRET: "copy-store-signing-secret",
      SLACK_API_URL: slack.apiUrl,
    };
    postgresEnv = { ...sqliteEnv, DATABASE_URL: db.url };
  });
  after(async () => {
    await slack.stop();
    await sandbox.close();
    await db.drop();
    removeDir(dir);
  });

  let copied: Record<string, number> = {};

  it("copies everything: status --json on PostgreSQL equals it on SQLite, and the week's digest stays posted", async () => {
    assert.equal((await cli(["sync"], sqliteEnv)).code, 0);
    const posted = await cli(["digest", "--post"], sqliteEnv);
    assert.match(posted.stdout, /Posted the digest for \d{4}-W\d{2}/, posted.stderr);
    assert.equal(slack.topMessages(CHANNEL).length, 1);

    const copy = await cli(["copy-store", "--to", db.url], sqliteEnv);
    assert.equal(copy.code, 0, copy.stderr);
    copied = copiedRows(copy.stdout);
    assert.ok((copied.merge_requests ?? 0) > 0, copy.stdout);
    assert.equal(copied.digest_ledger, 1, copy.stdout);
    assert.ok((copied.sync_runs ?? 0) >= 1, copy.stdout);
    assert.ok((copied.sync_cursors ?? 0) >= 1, copy.stdout);
    assert.ok("unmerged_merge_requests" in copied && "store_meta" in copied && "kpi_values" in copied, copy.stdout);
    assert.equal(await tableRows("merge_requests"), copied.merge_requests);

    const onSqlite = await cli(["status", "--json", "--no-sync"], sqliteEnv);
    const onPostgres = await cli(["status", "--json", "--no-sync"], postgresEnv);
    assert.equal(onSqlite.code, 0, onSqlite.stderr);
    assert.equal(onPostgres.code, 0, onPostgres.stderr);
    // the same Report but for when it was built
    const report = (stdout: string) => ({ ...JSON.parse(stdout), generatedAt: undefined });
    assert.deepEqual(report(onPostgres.stdout), report(onSqlite.stdout));

    const again = await cli(["digest", "--post"], postgresEnv);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /was already posted/);
    assert.equal(slack.topMessages(CHANNEL).length, 1);

    // the copied sync runs kept their ids: the next one on PostgreSQL gets a new id, not a duplicate key
    const sync = await cli(["sync"], postgresEnv);
    assert.equal(sync.code, 0, sync.stderr);
    assert.equal(await tableRows("sync_runs"), (copied.sync_runs ?? 0) + 1);
  });

  it("refuses a target that holds data (exit 2, nothing changed); --force replaces it", async () => {
    const before = { mrs: await tableRows("merge_requests"), runs: await tableRows("sync_runs") };
    const refused = await cli(["copy-store", "--to", db.url], sqliteEnv);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /not empty .*nothing was copied.*--force/);
    assert.equal(refused.stdout, "");
    assert.deepEqual({ mrs: await tableRows("merge_requests"), runs: await tableRows("sync_runs") }, before);

    const forced = await cli(["copy-store", "--to", db.url, "--force"], sqliteEnv);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /replacing what it held/);
    assert.deepEqual(copiedRows(forced.stdout), copied);
    assert.equal(await tableRows("sync_runs"), copied.sync_runs, "the run synced on PostgreSQL was replaced");
  });

  it("a --to that is not a PostgreSQL URL is exit 2, an unreachable one exit 1 naming --to, no password shown", async () => {
    const missing = await cli(["copy-store"], sqliteEnv);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--to postgres:\/\/.* is required/);

    const notPostgres = await cli(["copy-store", "--to", "mysql://copier:n0t-a-pg-pass@127.0.0.1/x"], sqliteEnv);
    assert.equal(notPostgres.code, 2);
    assert.match(notPostgres.stderr, /--to must be a PostgreSQL URL/);

    const unreachable = await cli(
      ["copy-store", "--to", "postgres://copier:unreachable-pass-77@127.0.0.1:1/engagement"],
      sqliteEnv,
    );
    assert.equal(unreachable.code, 1);
    assert.match(
      unreachable.stderr,
      /Cannot open the database at postgres:\/\/\S*127\.0\.0\.1:1\/engagement: .*ECONNREFUSED.*\(check --to\)/,
    );

    for (const result of outputs) {
      for (const secret of [passwordIn(db.url), "n0t-a-pg-pass", "unreachable-pass-77"]) {
        assert.ok(secret && !(result.stdout + result.stderr).includes(secret), result.stdout + result.stderr);
      }
    }
  });
});
