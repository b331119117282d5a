/**
 * A .env with unknown keys (a typo) or duplicated keys (issue 7 item 2): the bot still runs, the operator is
 * warned with the file, line and key (never the value), and the last duplicate wins, as in dotenv.
 * An unquoted `DIGEST_CHANNEL=#name` (issue 11 item 2) posts to that channel, never to the default one.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type CliResult, removeDir, runCli, tempDir } from "../cli/spawn-cli.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

const TOKEN = "glpat-EnvFaultSecret-4hT2";

describe(".env with unknown and duplicated keys", () => {
  let sandbox: Sandbox;
  let dir: string;
  let result: CliResult;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 8, now: new Date(), months: 2 }) });
    dir = tempDir("eb-env-faults-");
    writeFileSync(
      join(dir, ".env"),
      [
        "# written by hand",
        `GITLAB_URL=${sandbox.url}`,
        "HISTORY_MONTHS=2",
        "MONTHLY_TARGET=500",
        "MONTLY_TARGET=nine-hundred-typo",
        `GITLAB_TOKEN=${TOKEN}`,
        "MONTHLY_TARGET=750",
        "",
      ].join("\n"),
    );
    result = await runCli(["status", "--json"], { cwd: dir });
  });
  after(async () => {
    await sandbox.close();
    removeDir(dir);
  });

  it("still runs: exit 0 and the report on stdout", () => {
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { target: number };
    assert.equal(report.target, 750, "the last MONTHLY_TARGET wins");
  });

  it("warns about the unknown key with the file and line", () => {
    assert.match(result.stderr, /\.env:5: unknown key MONTLY_TARGET is ignored/);
  });

  it("warns about the duplicated key with both lines", () => {
    assert.match(result.stderr, /\.env:7: MONTHLY_TARGET is set twice \(first on line 4\); the last value wins/);
  });

  it("never echoes a value, least of all the token", () => {
    assert.ok(!result.stderr.includes(TOKEN));
    assert.ok(!result.stdout.includes(TOKEN));
    assert.ok(!result.stderr.includes("nine-hundred-typo"), "the unknown key's value is not shown");
  });
});

describe(".env with an unquoted DIGEST_CHANNEL=#my-test-channel (dotenv alone reads it as empty)", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let dir: string;
  let result: CliResult;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 8, now: new Date(), months: 2 }) });
    slack = await startFakeSlack({ channels: { "wg_user-engagement": "C0ENGAGE01", "my-test-channel": "C0MYTEST01" } });
    dir = tempDir("eb-env-channel-");
    writeFileSync(
      join(dir, ".env"),
      [
        `GITLAB_URL=${sandbox.url}`,
        "HISTORY_MONTHS=2",
        "SLACK_BOT_TOKEN=xoxb-EnvChannel-1-token",
        `SLACK_API_URL=${slack.apiUrl}`,
        "DIGEST_CHANNEL=#my-test-channel",
        "",
      ].join("\n"),
    );
    result = await runCli(["digest", "--post"], { cwd: dir });
  });
  after(async () => {
    await slack.stop();
    await sandbox.close();
    removeDir(dir);
  });

  it("posts to #my-test-channel, the channel as written, and nowhere else", () => {
    assert.equal(result.code, 0, result.stderr);
    const posts = slack.callsOf("chat.postMessage");
    assert.ok(posts.length > 0, "the digest was posted");
    assert.deepEqual([...new Set(posts.map((call) => call.params.channel))], ["C0MYTEST01"]);
  });
});

describe(".env warnings when another key is invalid", () => {
  it("exit 2 with the problem, and the warnings are shown too (one of them may be the cause)", async () => {
    const dir = tempDir("eb-env-invalid-");
    writeFileSync(join(dir, ".env"), "MONTLY_TARGET=900\nMONTHLY_TARGET=abc\nCOMMUNITY_LABEL=Community#1\n");
    const result = await runCli(["status", "--no-sync"], { cwd: dir });
    removeDir(dir);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /MONTHLY_TARGET must be a positive integer \(got "abc"\)/);
    assert.match(result.stderr, /warning: .*\.env:1: unknown key MONTLY_TARGET is ignored/);
    assert.match(result.stderr, /warning: .*\.env:3: COMMUNITY_LABEL loses everything from its "#" on/);
  });
});
