/**
 * Slack misbehaving (issue 7 item 2): invalid_auth at start-up, ratelimited with Retry-After, msg_too_long.
 * The CLI runs as its own process against the fake Slack Web API and the sandbox GitLab on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";
import { freePort, removeDir, runCli, tempDir } from "../cli/spawn-cli.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

const BOT_TOKEN = "xoxb-SlackFault-77-token";
const SIGNING_SECRET = "slack-fault-signing-secret-3c1d";

describe("Slack faults", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 9, now: new Date(), months: 2 }) });
  });
  beforeEach(async () => {
    await slack?.stop();
    slack = await startFakeSlack();
    if (dir) removeDir(dir);
    dir = tempDir("eb-slack-faults-");
    env = {
      GITLAB_URL: sandbox.url,
      HISTORY_MONTHS: "2",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      DATABASE_PATH: join(dir, "engagement.db"),
    };
  });
  after(async () => {
    await slack?.stop();
    await sandbox.close();
    if (dir) removeDir(dir);
  });

  it("invalid_auth at start: exit 1 with a message naming SLACK_BOT_TOKEN; no secret in the output", async () => {
    slack.failNext("auth.test", "invalid_auth", 5);
    const result = await runCli(["start"], { env, cwd: dir, timeoutMs: 30_000 });
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /Slack refused the bot token \(invalid_auth\): check SLACK_BOT_TOKEN/);
    const output = result.stdout + result.stderr;
    assert.ok(!output.includes(BOT_TOKEN));
    assert.ok(!output.includes(SIGNING_SECRET));
    assert.equal(slack.callsOf("chat.postMessage").length, 0);
  });

  it("ratelimited with Retry-After: 2 on chat.postMessage: digest --post waits >= 2 s, then posts once", async () => {
    slack.rateLimitNext("chat.postMessage", 2, 1);
    const result = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Posted the digest for \d{4}-W\d{2}/);
    const posts = slack.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === undefined);
    assert.equal(posts.length, 2, "the rate-limited post and its retry");
    const [first, second] = posts;
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 1_950, `retried after ${second.at - first.at} ms`);
  });

  it("msg_too_long: exit 1 saying the digest was not posted; nothing is marked posted, so the next run posts", async () => {
    slack.failNext("chat.postMessage", "msg_too_long", 1);
    const failed = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(failed.code, 1);
    assert.match(failed.stdout + failed.stderr, /was not posted: .*msg_too_long/);
    assert.ok(existsSync(env.DATABASE_PATH as string));
    const store = Store.open(env.DATABASE_PATH as string);
    try {
      const ledger = new Ledger(store);
      const week = /digest for (\d{4}-W\d{2})/.exec(failed.stdout + failed.stderr)?.[1];
      assert.ok(week, "the message names the week");
      assert.equal(ledger.postedDigest(week), null, "a failed post is not recorded as posted");
    } finally {
      store.close();
    }

    const retried = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(retried.code, 0, retried.stderr);
    assert.match(retried.stdout, /Posted the digest/);
  });
});
