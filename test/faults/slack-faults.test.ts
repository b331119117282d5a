/**
 * Slack misbehaving (issue 7 item 2): invalid_auth at start-up, ratelimited with Retry-After, msg_too_long; and
 * (issue 13 item 1) a post Slack carried out whose answer was lost (HTTP 500, a reset connection), a kill -9
 * between Slack's answer and the ledger record. The CLI runs as its own process against the fake Slack Web API
 * and the sandbox GitLab on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { postWeeklyDigest } from "../../src/schedule/digest-job.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";
import { freePort, removeDir, runCli, startCli, tempDir } from "../cli/spawn-cli.js";
import { closeSandbox, instance, testClock } from "../schedule/job-harness.js";
import { type FakeSlack, type LostAnswer, startFakeSlack } from "../support/fake-slack.js";

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
    await closeSandbox();
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

  const CHANNEL = "C0ENGAGE01";

  for (const how of ["http500", "reset"] as const satisfies LostAnswer[]) {
    it(`a post Slack carried out but whose answer was lost (${how}): one digest, recorded, no retry`, async () => {
      slack.loseAnswerNext("chat.postMessage", how);
      const result = await runCli(["digest", "--post"], { env, cwd: dir });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /was already in the channel \(Slack's answer to the post had been lost\); recorded it/,
      );
      assert.equal(slack.topMessages(CHANNEL).length, 1, "the client did not post it again");
      const [top] = slack.topMessages(CHANNEL);
      assert.equal(top?.metadata?.event_type, "engagement_digest");
      assert.match(String(top?.metadata?.event_payload.week), /^\d{4}-W\d{2}$/);
      assert.ok(slack.messages.filter((m) => m.thread_ts === top?.ts).length > 0, "the thread follows the found post");

      const again = await runCli(["digest", "--post"], { env, cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /was already posted: https:\/\/example\.slack\.com\/archives\//);
      assert.equal(slack.topMessages(CHANNEL).length, 1);
    });
  }

  it("a lost answer and a channel history the bot cannot read: not posted again, and the output says so", async () => {
    slack.loseAnswerNext("chat.postMessage", "http500");
    slack.failNext("conversations.history", "missing_scope", 2);
    const first = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(first.code, 1);
    assert.match(first.stdout, /may already be in the channel and is not posted again: .*missing_scope/);
    assert.match(first.stdout, /channels:history/);
    assert.match(first.stderr, /not posted again until the channel's history shows it is not there/, "and the log");
    const second = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(second.code, 1);
    assert.match(second.stdout, /may already be in the channel/);
    assert.equal(slack.topMessages(CHANNEL).length, 1, "one copy, however often it is run");

    // once the history can be read, the post is found and recorded
    const third = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(third.code, 0, third.stdout + third.stderr);
    assert.match(third.stdout, /was already in the channel/);
    assert.equal(slack.topMessages(CHANNEL).length, 1);
  });

  it("kill -9 after Slack accepted the post, before the ledger record: the restart finds it, posts no copy", async () => {
    slack.loseAnswerNext("chat.postMessage", "hang");
    const cli = startCli(["digest", "--post"], { env, cwd: dir });
    await slack.waitFor("chat.postMessage");
    cli.child.kill("SIGKILL");
    assert.equal((await cli.exited).signal, "SIGKILL");
    assert.equal(slack.topMessages(CHANNEL).length, 1);

    // The restart comes after the dead run's claim expired (5 minutes): the claim no longer holds it back.
    const clock = testClock(new Date(Date.now() + 6 * 60_000));
    const restarted = await instance({
      path: env.DATABASE_PATH as string,
      gitlabUrl: sandbox.url,
      fake: slack,
      clock,
      owner: "restarted-host:1",
      env: { TIMEZONE: "UTC" },
    });
    try {
      const outcome = await postWeeklyDigest(restarted.deps);
      assert.equal(outcome.kind, "already_posted", JSON.stringify(outcome));
      assert.ok(outcome.kind === "already_posted" && outcome.foundInChannel);
      const [top] = slack.topMessages(CHANNEL);
      assert.equal((await restarted.deps.ledger.postedDigest(outcome.period))?.ts, top?.ts);
      assert.ok(slack.messages.filter((m) => m.thread_ts === top?.ts).length > 0, "the dead run's thread is posted");
    } finally {
      await restarted.close();
    }
    assert.equal(slack.topMessages(CHANNEL).length, 1);
  });

  it("msg_too_long: exit 1 saying the digest was not posted; nothing is marked posted, so the next run posts", async () => {
    slack.failNext("chat.postMessage", "msg_too_long", 1);
    const failed = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(failed.code, 1);
    assert.match(failed.stdout + failed.stderr, /was not posted: .*msg_too_long/);
    assert.ok(existsSync(env.DATABASE_PATH as string));
    const store = await Store.open(env.DATABASE_PATH as string);
    try {
      const ledger = new Ledger(store);
      const week = /digest for (\d{4}-W\d{2})/.exec(failed.stdout + failed.stderr)?.[1];
      assert.ok(week, "the message names the week");
      assert.equal(await ledger.postedDigest(week), null, "a failed post is not recorded as posted");
    } finally {
      await store.close();
    }

    const retried = await runCli(["digest", "--post"], { env, cwd: dir });
    assert.equal(retried.code, 0, retried.stderr);
    assert.match(retried.stdout, /Posted the digest/);
  });
});
