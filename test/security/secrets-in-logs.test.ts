/**
 * No secret in any log line (issue 7 item 4): representative flows run with distinctive secrets — the bot
 * starting with its tokens, syncs with GITLAB_TOKEN (fine, refused with 401, timing out), Slack refusing a call,
 * Slack rate limiting, a configuration error — and every captured log line and every byte a spawned CLI printed
 * is scanned for the secret values and for token shapes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConfigError, parseConfig } from "../../src/config.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { runCli } from "../cli/spawn-cli.js";
import { BOT_TOKEN, SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot-harness.js";
import { captureLog } from "../support/capture-log.js";
import { startFakeSlack } from "../support/fake-slack.js";

const GITLAB_TOKEN = "glpat-SecretScan-Zq81-token";
const APP_TOKEN = "xapp-1-A0SECRETSCAN-1234-abcdef";
const CLI_BOT_TOKEN = "xoxb-2-SecretScanCli-9876";
const CLI_SIGNING_SECRET = "cli-signing-secret-5e7a9b";

const SECRET_VALUES = [GITLAB_TOKEN, APP_TOKEN, CLI_BOT_TOKEN, CLI_SIGNING_SECRET, BOT_TOKEN, SIGNING_SECRET];
/** Token shapes (with at least a few characters of value, so "xoxb-…" in help text is fine). */
const TOKEN_SHAPES = [/xox[abposr]-[A-Za-z0-9-]{4,}/, /xapp-[A-Za-z0-9-]{4,}/, /glpat-[A-Za-z0-9_-]{4,}/];

/** Every offending line, for a readable failure. */
function leaks(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => SECRET_VALUES.some((s) => line.includes(s)) || TOKEN_SHAPES.some((p) => p.test(line)));
}

describe("no secret in any log line", () => {
  let sandbox: Sandbox;
  let bot: TestBot;
  const captured: string[] = [];

  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 13, now: new Date(), months: 2 }) });
    bot = await startTestBot({
      gitlabUrl: sandbox.url,
      env: { GITLAB_TOKEN, HISTORY_MONTHS: "2" },
      runtime: { gitlab: { requestTimeoutMs: 300, maxTotalMs: 800, retryBaseMs: 5 } },
    });
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it("the scanner finds a planted secret (so the scans below can fail)", () => {
    assert.equal(leaks(`{"msg":"token ${GITLAB_TOKEN}"}`).length, 1);
    assert.equal(leaks('{"msg":"xoxb-3-planted-token"}').length, 1);
    assert.equal(leaks('{"msg":"starts with xoxb-… from OAuth"}').length, 0);
  });

  it("in-process flows: start, syncs (ok, 401, timeout), commands, Slack errors and rate limits", async () => {
    const ok = await bot.runtime.runSync();
    assert.ok(ok.ok, JSON.stringify(ok.sources));
    assert.ok(
      sandbox.requests.some((r) => r.authenticated),
      "the token was sent to GitLab",
    );

    sandbox.inject({ fault: { kind: "status", status: 401 }, times: Infinity });
    const refused = await bot.runtime.runSync();
    assert.equal(refused.ok, false);
    sandbox.clearFaults();
    sandbox.inject({ fault: { kind: "hang" }, path: /merge_requests$/, times: Infinity });
    const hung = await bot.runtime.runSync();
    assert.equal(hung.ok, false);
    sandbox.clearFaults();

    for (const text of ["status", "help", "contributors 2026-13", `token ${GITLAB_TOKEN}`]) {
      assert.equal((await bot.command(text)).status, 200);
    }

    bot.slack.failNext("views.publish", "invalid_auth");
    await bot.event({ type: "app_home_opened", user: "U0TESTER1", tab: "home", channel: "D0HOME001" });
    await bot.slack.waitFor("views.publish");
    await new Promise((resolve) => setTimeout(resolve, 200));

    const client = bot.runtime.slack();
    bot.slack.rateLimitNext("chat.postMessage", 1);
    await client.chat.postMessage({ channel: "C0ENGAGE01", text: "hello" });
    bot.slack.failNext("chat.postMessage", "invalid_auth");
    await assert.rejects(client.chat.postMessage({ channel: "C0ENGAGE01", text: "hello" }));

    captured.push(...bot.log.lines);
    assert.ok(bot.log.text().includes("GitLab refused GITLAB_TOKEN"), "the 401 was logged");
    assert.ok(bot.log.text().includes("invalid_auth"), "the Slack error was logged");
    assert.deepEqual(leaks(bot.log.text()), []);
  });

  it("a configuration error does not echo secret values", () => {
    const log = captureLog("debug");
    try {
      parseConfig({ SLACK_BOT_TOKEN: APP_TOKEN, SLACK_APP_TOKEN: CLI_BOT_TOKEN, GITLAB_TOKEN, MONTHLY_TARGET: "abc" });
      assert.fail("expected a ConfigError");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      log.logger.error({ err: error }, error.message);
      assert.deepEqual(leaks(error.message), []);
    }
    assert.deepEqual(leaks(log.text()), []);
    captured.push(...log.lines);
  });

  it("spawned CLI processes print no secret: sync with a refused token, start refused by Slack, bad config", async () => {
    const slack = await startFakeSlack();
    try {
      const env = {
        GITLAB_URL: sandbox.url,
        GITLAB_TOKEN,
        HISTORY_MONTHS: "2",
        SLACK_BOT_TOKEN: CLI_BOT_TOKEN,
        SLACK_SIGNING_SECRET: CLI_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: "debug",
      };
      sandbox.inject({ fault: { kind: "status", status: 401 }, times: Infinity });
      const sync = await runCli(["sync"], { env });
      sandbox.clearFaults();
      assert.equal(sync.code, 1);
      assert.match(sync.stdout + sync.stderr, /GITLAB_TOKEN/);

      slack.failNext("auth.test", "invalid_auth", 5);
      const start = await runCli(["start"], { env: { ...env, PORT: "1" }, timeoutMs: 30_000 });
      assert.equal(start.code, 1);

      const bad = await runCli(["status"], { env: { ...env, SLACK_APP_TOKEN: GITLAB_TOKEN, TIMEZONE: "Mars/Base" } });
      assert.equal(bad.code, 2);

      for (const result of [sync, start, bad]) {
        captured.push(...`${result.stdout}\n${result.stderr}`.split("\n"));
        assert.deepEqual(leaks(result.stdout), []);
        assert.deepEqual(leaks(result.stderr), []);
      }
    } finally {
      await slack.stop();
      sandbox.clearFaults();
    }
  });

  it("scanned a meaningful amount of output", () => {
    assert.ok(captured.length > 50, `${captured.length} lines`);
    assert.deepEqual(leaks(captured.join("\n")), []);
  });
});
