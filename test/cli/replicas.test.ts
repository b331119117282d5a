/**
 * Two `start` processes on one PostgreSQL database (issue 16 item 2): one leads the schedules, the other stands by
 * and answers Slack all the same; SIGKILL the leader and the other takes over (at its next try of the lock, every
 * 5 s). The password in DATABASE_URL appears in neither process's output.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { freshDatabase, type TestDatabase } from "../support/postgres.js";
import { freePort, type RunningCli, startCli, waitForOutput } from "./spawn-cli.js";

let sandbox: Sandbox;
let slack: FakeSlack;
let db: TestDatabase;
before(async () => {
  sandbox = await startSandbox({
    world: generateWorld({ seed: 16, now: new Date("2026-11-18T12:00:00Z"), months: 1 }),
  });
  slack = await startFakeSlack();
  db = await freshDatabase();
});
after(async () => {
  await db.drop();
  await slack.stop();
  await sandbox.close();
});

const LEADING = "leading: this replica runs the scheduled jobs";
const STANDING_BY = "standing by: another replica runs the scheduled jobs";

async function replica(): Promise<{ cli: RunningCli; port: number }> {
  const port = await freePort();
  const cli = startCli(["start"], {
    env: {
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: "xoxb-replica-test-token-1234",
      SLACK_SIGNING_SECRET: "replica-test-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      GITLAB_URL: sandbox.url,
      HISTORY_MONTHS: "1",
      PORT: String(port),
      LOG_FORMAT: "json",
    },
    timeoutMs: 120_000,
  });
  return { cli, port };
}

const leader = async (port: number): Promise<unknown> =>
  ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { leader: unknown }).leader;

it("two start processes on one database: one leads; SIGKILL it and the other takes over", async () => {
  const a = await replica();
  const b = await replica();
  try {
    const decided = (out: string) => out.includes(LEADING) || out.includes(STANDING_BY);
    await waitForOutput(a.cli, decided, 60_000);
    await waitForOutput(b.cli, decided, 60_000);
    const [first, second] = a.cli.stdout().includes(LEADING) ? [a, b] : [b, a];
    assert.ok(first.cli.stdout().includes(LEADING), "one replica leads");
    assert.ok(second.cli.stdout().includes(STANDING_BY), "the other stands by");
    assert.ok(!second.cli.stdout().includes(LEADING), "exactly one leads");
    assert.equal(await leader(first.port), true);
    assert.equal(await leader(second.port), false);

    first.cli.child.kill("SIGKILL");
    await first.cli.exited;
    await waitForOutput(second.cli, (out) => out.includes(LEADING), 60_000);
    assert.equal(await leader(second.port), true, "the survivor leads");

    second.cli.child.kill("SIGTERM");
    const result = await second.cli.exited;
    assert.equal(result.code, 0, result.stderr);
    const password = new URL(db.url).password;
    for (const replicaOutput of [first.cli.stdout() + first.cli.stderr(), result.stdout + result.stderr])
      assert.ok(!replicaOutput.includes(password), "the DATABASE_URL password is never shown");
  } finally {
    a.cli.child.kill("SIGKILL");
    b.cli.child.kill("SIGKILL");
  }
});
