/**
 * PostgreSQL going away under a running `start` (issue 16 item 4) and /healthz's view of the store (item 5), on a
 * server of this file's own (scripts/postgres-test-server.sh), stopped and started again mid-run: /healthz answers
 * 503 naming the database, a slash command gets the "cannot reach my database" apology (no stack, no reference to
 * chase), the log says so once, and all of it recovers by itself when the server is back. No password anywhere.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { passwordIn } from "../../src/redaction.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { freePort, startCli, waitForOutput } from "../cli/spawn-cli.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { postSigned, slashCommandBody } from "../support/slack-requests.js";

const SCRIPT = fileURLToPath(new URL("../../scripts/postgres-test-server.sh", import.meta.url));
const SECRET = "outage-signing-secret";
// the log's redaction shows the user too as [REDACTED]; /healthz shows it
const OUTAGE_LINE = /the database at postgres:\/\/\S*@127\.0\.0\.1:\d+\/postgres is unreachable: /g;

const server = (verb: string, ...args: string[]) =>
  execFileSync("bash", [SCRIPT, verb, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

interface Health {
  ok: boolean;
  problem?: string;
  store: { kind: string; host: string; database: string; reachable: boolean };
}

/** /healthz until `want` holds: its answer is cached for a second or two, so a change shows a moment later. */
async function healthUntil(
  url: string,
  want: (status: number) => boolean,
): Promise<{ status: number; body: Health; text: string }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/healthz`);
    const text = await res.text();
    if (want(res.status) || attempt >= 100) return { status: res.status, body: JSON.parse(text) as Health, text };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the PostgreSQL server going away under a running bot, and coming back", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let url: string;
  let dir: string;
  before(async () => {
    const exports = server("start");
    const value = (name: string) =>
      exports.match(new RegExp(`^export ${name}=(.*)$`, "m"))?.[1]?.replace(/^'(.*)'$/, "$1");
    url = value("TEST_DATABASE_URL") ?? "";
    dir = value("POSTGRES_TEST_DIR") ?? "";
    assert.ok(url && dir, exports);
    sandbox = await startSandbox({ world: generateWorld({ seed: 16, now: new Date(), months: 2 }) });
    slack = await startFakeSlack();
  });
  after(async () => {
    await slack?.stop();
    await sandbox?.close();
    if (dir) server("stop", dir);
  });

  it("/healthz names the store and turns 503; commands apologise naming the database; all recover", async () => {
    const port = await freePort();
    const cli = startCli(["start"], {
      env: {
        GITLAB_URL: sandbox.url,
        HISTORY_MONTHS: "2",
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: "xoxb-outage-token-1234",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        LOG_FORMAT: "json",
        // no scheduled run during the test
        SYNC_CRON: "0 0 1 1 *",
        DIGEST_CRON: "0 0 1 1 *",
        PACE_CRON: "0 0 1 1 *",
      },
      timeoutMs: 120_000,
    });
    const base = `http://127.0.0.1:${port}`;
    const status = () => postSigned(`${base}/slack/events`, slashCommandBody({ text: "status" }), { secret: SECRET });
    try {
      await waitForOutput(cli, (out) => out.includes("Slack app started in HTTP mode"), 60_000);
      await waitForOutput(cli, (out) => /sync (finished|complete)|start-up sync/i.test(out), 60_000).catch(
        () => undefined,
      );

      const up = await healthUntil(base, (s) => s === 200);
      assert.equal(up.status, 200, up.text);
      assert.equal(up.body.ok, true);
      assert.equal(up.body.store.kind, "postgresql");
      assert.match(up.body.store.host, /^127\.0\.0\.1:\d+$/);
      assert.equal(up.body.store.database, "postgres");
      assert.equal(up.body.store.reachable, true);

      server("pause", dir);
      const down = await healthUntil(base, (s) => s === 503);
      assert.equal(down.status, 503, down.text);
      assert.equal(down.body.ok, false);
      assert.equal(down.body.store.reachable, false);
      assert.match(
        down.body.problem ?? "",
        /the database at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres is unreachable: /,
      );

      const sorry = await status();
      assert.equal(sorry.status, 200, sorry.text);
      assert.match(sorry.text, /cannot reach my database/);
      assert.doesNotMatch(sorry.text, /at .*\.(ts|js):\d+|Error:/, "no stack in the answer");
      // asked twice in one outage: still one log line about it
      assert.match((await status()).text, /cannot reach my database/);

      server("resume", dir);
      const back = await healthUntil(base, (s) => s === 200);
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.store.reachable, true);
      const answer = await status();
      assert.equal(answer.status, 200, answer.text);
      assert.doesNotMatch(answer.text, /Sorry/);
      await waitForOutput(cli, (out) => /is reachable again/.test(out));

      cli.child.kill("SIGTERM");
      const result = await cli.exited;
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const output = result.stdout + result.stderr;
      assert.equal(output.match(OUTAGE_LINE)?.length, 1, `one log line per outage:\n${output}`);
      const password = passwordIn(url);
      assert.ok(password);
      for (const text of [output, up.text, down.text, sorry.text]) assert.ok(!text.includes(password), "no password");
    } finally {
      if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
    }
  });
});
