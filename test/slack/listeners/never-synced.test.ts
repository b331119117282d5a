/**
 * A store that has never synced: the ack says the first sync is running, and the real answer (or, when GitLab is
 * down, an apology with a reference) follows through response_url. Never silence.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateWorld } from "../../../src/sandbox/generator.js";
import { startSandbox } from "../../../src/sandbox/server.js";
import type { Sandbox } from "../../../src/sandbox/types.js";
import { startTestBot, type TestBot } from "../../support/bot-harness.js";
import {
  assertIncludes,
  assertWithinLimits,
  blocksText,
  ephemeralReply,
  postButtonValue,
  type SlackReply,
} from "./reply-checks.js";

const NOW = new Date("2026-03-18T12:00:00Z");
const FIRST_SYNC = "The first GitLab sync is still running; the answer follows here when it has finished.";

describe("never synced, GitLab reachable", () => {
  let sandbox: Sandbox;
  let bot: TestBot;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 11, now: NOW, months: 3 }) });
    bot = await startTestBot({
      gitlabUrl: sandbox.url,
      env: { HISTORY_MONTHS: "3" },
      runtime: { now: () => NOW },
    });
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it("acks with the first-sync note, then answers through response_url after the sync", async () => {
    assert.equal(await bot.runtime.store.lastSuccessfulSyncAt(), null, "starts empty");
    const responseUrl = bot.sink.url("commands/T0001/never-synced/r");
    const ack = await bot.command("status", { response_url: responseUrl });
    // the ack itself (the HTTP answer to Slack's request) carries the note, before the sync has finished
    const first = ephemeralReply(ack);
    assert.equal(first.text, FIRST_SYNC);
    assert.equal(postButtonValue(first), undefined, "nothing to post yet");

    const [post] = await bot.sink.waitFor(responseUrl);
    const answer = post?.body as unknown as SlackReply;
    assert.equal(answer.response_type, "ephemeral");
    assert.equal(answer.replace_original, true, "the answer replaces the note");
    assertWithinLimits(answer, "message");
    // the numbers are those of the store the sync just filled
    assert.ok(
      sandbox.requests.some((r) => r.path.endsWith("/merge_requests")),
      "GitLab was read",
    );
    const report = await bot.services.report();
    assert.ok(report, "the store has synced");
    const count = report.contributors.count;
    assert.ok(count > 0, "the sandbox has March contributors");
    assert.match(answer.text, new RegExp(`^${count.toLocaleString("en-US")} of 1,000 contributors in March 2026: `));
    assertIncludes(
      blocksText(answer.blocks),
      `*${count.toLocaleString("en-US")}* of *1,000* wider-community contributors this month`,
    );
    assert.equal(postButtonValue(answer), "status");
  });

  it("answers directly in the ack once synced", async () => {
    const reply = ephemeralReply(await bot.command("epics"));
    assert.notEqual(reply.text, FIRST_SYNC);
    assertIncludes(reply.text, "Epic progress");
  });
});

describe("never synced, GitLab down", () => {
  let sandbox: Sandbox;
  let bot: TestBot;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 12, now: NOW, months: 2 }) });
    sandbox.inject({
      fault: { kind: "status", status: 500, body: '{"message":"500 Internal Server Error"}' },
      times: Number.POSITIVE_INFINITY,
    });
    bot = await startTestBot({
      gitlabUrl: sandbox.url,
      env: { HISTORY_MONTHS: "2" },
      runtime: { now: () => NOW, gitlab: { requestTimeoutMs: 1_000, maxTotalMs: 1_500, retryBaseMs: 10 } },
    });
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it("acks with the first-sync note, then explains the failed sync through response_url, and logs it", async () => {
    const responseUrl = bot.sink.url("commands/T0001/gitlab-down/r");
    const first = ephemeralReply(await bot.command("contributors", { response_url: responseUrl }));
    assert.equal(first.text, FIRST_SYNC);

    const [post] = await bot.sink.waitFor(responseUrl);
    const sorry = post?.body as unknown as SlackReply;
    assert.equal(sorry.response_type, "ephemeral");
    assert.equal(sorry.replace_original, true, "the explanation replaces the note");
    assertWithinLimits(sorry, "message");
    assert.equal(sorry.text, "The first GitLab sync failed, so there are no numbers yet.");
    const shown = blocksText(sorry.blocks);
    // what happened, why (the sync's own error), and the next step
    assertIncludes(shown, "the first GitLab sync failed (");
    assertIncludes(shown, "500");
    assertIncludes(shown, "GITLAB_URL, GITLAB_TOKEN");
    assert.equal(postButtonValue(sorry), undefined);
    assert.ok(
      sandbox.requests.some((r) => r.status === 500),
      "GitLab was tried",
    );
    const logged = bot.log.entries().filter((e) => e.level === 50);
    assert.ok(
      logged.some((e) => String(e.msg).includes("first sync failed")),
      `the failure is logged: ${JSON.stringify(logged.map((e) => e.msg))}`,
    );
    assert.equal(await bot.runtime.store.lastSuccessfulSyncAt(), null);
  });
});
