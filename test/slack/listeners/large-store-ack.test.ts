/**
 * Slack's hard limit: a slash command must be acknowledged within 3 seconds, so the bot answers from its store in the
 * ack itself. With two years of GitLab-sized history in the store (24 months × 10,000 merged MRs, 3,000 contributors
 * a month), the first `status` (cold cache: the whole store is read) and the ones after it each get their HTTP 200
 * with the answer in it — the card with the big store's numbers, not "working on it" — and nothing follows through
 * response_url. How fast is `npm run bench`'s figure (bench/slack.bench.ts: p50/p99 against this store and against a
 * bare Bolt ack, as a ratio; the other cards' first answers), never an assertion here: machines are noisy.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startTestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW, seedLargeStore } from "../../support/store-fixtures.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("the answer in the ack with 24 months × 10,000 MRs", () => {
  let bot: TestBot;
  let stored = 0;
  before(async () => {
    bot = await startTestBot({
      runtime: { now: () => KNOWN_NOW },
      seed: async (runtime) => {
        stored = await seedLargeStore(runtime.store, {
          now: KNOWN_NOW,
          months: 24,
          perMonth: 10_000,
          contributors: 3_000,
        });
      },
    });
  });
  after(async () => {
    await bot.stop();
  });

  it("holds the whole history", async () => {
    assert.equal(stored, 240_000);
    assert.equal(await bot.runtime.store.mergeRequestCount(), 240_000);
  });

  it("answers the first status (cold cache) and the next ones in the ack, from the big store", async () => {
    for (let i = 0; i < 5; i++) {
      const http = await bot.command("status");
      const reply = ephemeralReply(http);
      // 3,000 distinct contributors this month: the numbers come from the big store, not a placeholder
      assert.equal(reply.text, "3,000 of 1,000 contributors in November 2026: on track");
      assertIncludes(blocksText(reply.blocks), "*3,000* of *1,000* wider-community contributors this month");
      assert.equal(postButtonValue(reply), "status");
    }
    assert.equal(bot.sink.posts.length, 0, "no answer had to follow through response_url");
  });

  it("answers the other store-wide cards in the ack as well", async () => {
    for (const text of ["contributors", "contributors 2025-06", "digest", "epics", "issues 30"]) {
      const reply = ephemeralReply(await bot.command(text));
      assert.equal(postButtonValue(reply), text, `${text}: the card itself, with its Post to channel button`);
    }
    assert.equal(bot.sink.posts.length, 0, "no answer had to follow through response_url");
  });
});
