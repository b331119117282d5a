/**
 * The verbs on PostgreSQL (DATABASE_URL, issue 16 item 1): sync, status and digest --post as an operator runs them,
 * against the sandbox GitLab and the fake Slack, on a fresh database of the test server. DATABASE_PATH is set too:
 * DATABASE_URL wins (no SQLite file appears, and `start` says so once), and the password is in no output.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { passwordIn } from "../../src/redaction.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { freshDatabase, type TestDatabase } from "../support/postgres.js";
import { freePort, removeDir, runCli, startCli, tempDir, waitForOutput } from "./spawn-cli.js";

const CHANNEL = "C0ENGAGE01";

describe("the command line on PostgreSQL (DATABASE_URL)", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 23, now: new Date(), months: 2 }) });
    slack = await startFakeSlack();
    db = await freshDatabase();
    dir = tempDir("eb-pg-cli-");
    env = {
      GITLAB_URL: sandbox.url,
      HISTORY_MONTHS: "2",
      DATABASE_URL: db.url,
      DATABASE_PATH: join(dir, "data", "engagement.db"),
      SLACK_BOT_TOKEN: "xoxb-pg-cli-token-1234",
      SLACK_SIGNING_SECRET: "pg-cli-signing-secret",
      SLACK_API_URL: slack.apiUrl,
    };
  });
  after(async () => {
    await slack.stop();
    await sandbox.close();
    await db.drop();
    removeDir(dir);
  });

  const password = () => {
    const value = passwordIn(db.url);
    assert.ok(value, "the test server's URL has a password");
    return value;
  };

  it("sync, then status --json from the same database; no SQLite file, no password in the output", async () => {
    const sync = await runCli(["sync"], { env, cwd: dir });
    assert.equal(sync.code, 0, sync.stderr);
    const status = await runCli(["status", "--json", "--no-sync"], { env, cwd: dir });
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as { dataAsOf: string | null; contributors: { trend: unknown[] } };
    assert.ok(report.dataAsOf !== null, "the sync is in the PostgreSQL store");
    assert.ok(report.contributors.trend.length > 0);
    assert.ok(!existsSync(join(dir, "data", "engagement.db")), "DATABASE_URL wins over DATABASE_PATH");
    for (const output of [sync.stdout, sync.stderr, status.stdout, status.stderr]) {
      assert.ok(!output.includes(password()));
    }
  });

  it("two digest --post at the same instant: one digest in the channel, the ledger in PostgreSQL", async () => {
    const results = await Promise.all([
      runCli(["digest", "--post"], { env, cwd: dir }),
      runCli(["digest", "--post"], { env, cwd: dir }),
    ]);
    assert.ok(
      results.some((r) => r.code === 0 && /Posted the digest for \d{4}-W\d{2}/.test(r.stdout)),
      JSON.stringify(results),
    );
    assert.equal(slack.topMessages(CHANNEL).length, 1, JSON.stringify(results.map((r) => r.stdout)));
    const again = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /was already posted/);
    assert.equal(slack.topMessages(CHANNEL).length, 1);
  });

  it("start says once that DATABASE_URL wins over DATABASE_PATH, and never shows the password", async () => {
    const cli = startCli(["start"], { env: { ...env, PORT: String(await freePort()) }, cwd: dir });
    try {
      await waitForOutput(cli, (stdout) => stdout.includes("Slack app started in HTTP mode"));
      cli.child.kill("SIGTERM");
      const result = await cli.exited;
      assert.equal(result.code, 0, result.stderr);
      const said = result.stdout
        .split("\n")
        .filter((line) => line.includes("DATABASE_URL and DATABASE_PATH are both set"));
      assert.equal(said.length, 1, result.stdout);
      assert.ok(!(result.stdout + result.stderr).includes(password()));
    } finally {
      cli.child.kill("SIGKILL");
    }
  });
});
