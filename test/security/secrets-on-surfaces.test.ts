/**
 * Secrets stay out of every surface (issue 13 item 7): a token in GITLAB_URL is refused by every command with exit 2,
 * and a token that reaches a message anyway — a GitLab answer quoting it, a stored sync error — is redacted in the
 * `sync` summary, `status` and `digest` on the terminal, the Slack status card and the digest, by the same
 * redaction as the log (src/redaction.ts).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConfigError, parseConfig } from "../../src/config.js";
import { REDACTED, redact, redactDeep } from "../../src/redaction.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { Store } from "../../src/store/store.js";
import { removeDir, runCli, tempDir } from "../cli/spawn-cli.js";
import { startKnownBot } from "../slack/listeners/known-bot.js";
import { blocksText, ephemeralReply } from "../slack/listeners/reply-checks.js";
import { KNOWN_NOW } from "../support/store-fixtures.js";

const PATTERN_TOKEN = "glpat-QuotedByGitLab0123456789";
/** A configured secret that matches no token shape: only the configured values find it. */
const PLAIN_TOKEN = "plain-gitlab-secret-4711";

describe("the one redaction", () => {
  it("redacts token shapes, URL credentials and the secret values it is given, keeping what was redacted", () => {
    assert.equal(redact(`GitLab said: bad token ${PATTERN_TOKEN}.`), `GitLab said: bad token ${REDACTED}.`);
    assert.equal(redact("see https://ann:hunter2@gitlab.example/api"), `see https://${REDACTED}@gitlab.example/api`);
    assert.equal(redact("GET /x?private_token=abc&page=2"), `GET /x?private_token=${REDACTED}&page=2`);
    assert.equal(redact(`echo ${PLAIN_TOKEN}`, [PLAIN_TOKEN]), `echo ${REDACTED}`);
    assert.equal(redact("an e-mail ann@example.com stays"), "an e-mail ann@example.com stays");
    assert.deepEqual(redactDeep({ a: [`x ${PLAIN_TOKEN}`], n: 3, none: null }, [PLAIN_TOKEN]), {
      a: [`x ${REDACTED}`],
      n: 3,
      none: null,
    });
  });
});

describe("credentials in GITLAB_URL", () => {
  const problems = (raw: Record<string, string>): string[] => {
    try {
      parseConfig(raw);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems;
    }
    return [];
  };

  it("are a configuration problem naming GITLAB_TOKEN, and the value is never echoed", () => {
    for (const url of [
      `https://someone:${PATTERN_TOKEN}@gitlab.example.com`,
      "https://oauth2:s3cr3t-value@gitlab.example.com/",
      "https://gitlab.example.com/?private_token=s3cr3t-value",
    ]) {
      const found = problems({ GITLAB_URL: url });
      assert.equal(found.length, 1, url);
      assert.match(found[0] ?? "", /^GITLAB_URL must not contain credentials \(.+\): put the token in GITLAB_TOKEN/);
      assert.ok(!found.join("\n").includes("s3cr3t") && !found.join("\n").includes(PATTERN_TOKEN));
    }
    assert.deepEqual(problems({ GITLAB_URL: "https://gitlab.example.com/gitlab" }), []);
  });

  it("stop every command with exit 2 before it does anything", async () => {
    const env = { GITLAB_URL: `https://someone:${PATTERN_TOKEN}@127.0.0.1:9` };
    const results = await Promise.all([
      runCli(["status", "--no-sync"], { env }),
      runCli(["sync"], { env }),
      runCli(["digest"], { env }),
    ]);
    for (const result of results) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /GITLAB_URL must not contain credentials .*put the token in GITLAB_TOKEN/);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(PATTERN_TOKEN));
    }
  });
});

describe("a token that reaches a message", () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 9, now: new Date(), months: 2 }) });
    dir = tempDir("eb-surfaces-");
    env = { GITLAB_URL: sandbox.url, GITLAB_TOKEN: PLAIN_TOKEN, HISTORY_MONTHS: "2", DATABASE_PATH: `${dir}/eb.db` };
  });
  after(async () => {
    await sandbox.close();
    removeDir(dir);
  });

  it("sync, status and digest on the terminal never print it", async () => {
    const first = await runCli(["sync"], { env, cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    // GitLab (or a proxy in front of it) quoting both tokens in a refusal
    sandbox.inject({
      fault: { kind: "status", status: 400, body: `{"message":"token ${PATTERN_TOKEN} / ${PLAIN_TOKEN} refused"}` },
      path: /\/merge_requests$/,
      times: Infinity,
    });
    const failed = await runCli(["sync"], { env, cwd: dir });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /FAILED: GitLab answered 400 .*token \[REDACTED\] \/ \[REDACTED\] refused/);
    // three failures in a row: status and the digest say the sync keeps failing, quoting its error
    await runCli(["sync"], { env, cwd: dir });
    await runCli(["sync"], { env, cwd: dir });
    // the store itself never holds it
    const store = await Store.open(`${dir}/eb.db`, { readonly: true });
    const errors = (await store.recentSyncRuns(3)).map((run) => run.error ?? "");
    await store.close();
    assert.ok(errors.every((error) => error.includes(REDACTED) && !error.includes(PLAIN_TOKEN)));
    const shown = await Promise.all([
      runCli(["status", "--no-sync"], { env, cwd: dir }),
      runCli(["digest"], { env, cwd: dir }),
    ]);
    for (const result of shown) {
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /\[REDACTED\]/);
      const all = `${result.stdout}${result.stderr}`;
      assert.ok(!all.includes(PATTERN_TOKEN) && !all.includes(PLAIN_TOKEN), all);
    }
  });
});

describe("Slack cards and the digest preview", () => {
  let bot: Awaited<ReturnType<typeof startKnownBot>>;
  before(async () => {
    bot = await startKnownBot({
      env: { GITLAB_TOKEN: PLAIN_TOKEN },
      // sync errors stored by an older bot, before errors were redacted when recorded
      extra: async (runtime) => {
        for (let i = 0; i < 3; i++) {
          const at = new Date(KNOWN_NOW.getTime() - (3 - i) * 60_000);
          const run = await runtime.store.startSyncRun(at);
          await runtime.store.finishSyncRun(
            run,
            { fetched: 0, error: `GitLab answered 400: token ${PATTERN_TOKEN} / ${PLAIN_TOKEN} refused` },
            at,
          );
        }
      },
    });
  });
  after(async () => {
    await bot.stop();
  });

  for (const command of ["status", "digest"]) {
    it(`/engagement ${command} shows the failing sync's error redacted`, async () => {
      const reply = ephemeralReply(await bot.command(command));
      const text = `${reply.text}\n${blocksText(reply.blocks)}`;
      assert.match(text, /token \[REDACTED\] \/ \[REDACTED\] refused/);
      assert.ok(!text.includes(PATTERN_TOKEN) && !text.includes(PLAIN_TOKEN));
    });
  }
});
