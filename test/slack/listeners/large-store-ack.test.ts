/**
 * Slack's hard limit: a slash command must be acknowledged within 3 seconds. With two years of GitLab-sized history
 * in the store (24 months × 10,000 merged MRs, 3,000 contributors a month), the first `status` (cold cache: the
 * whole store is read) and the ones after it, and the other store-wide cards, each get an HTTP 200 ack carrying the
 * card with the big store's numbers — or, should it not be ready within the ack budget (src/slack/reply-within.ts),
 * "working on it", replaced by the card through response_url. Which of the two happened depends on the machine's
 * speed, so neither is asserted: how fast is `npm run bench`'s figure (bench/slack.bench.ts: p50/p99 against this
 * store and against a bare Bolt ack, as a ratio; the first answer of each card), never an assertion here.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startTestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW, seedLargeStore } from "../../support/store-fixtures.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue, type SlackReply } from "./reply-checks.js";

const WORKING_ON_IT = "Working on it…";

describe("the answers with 24 months × 10,000 MRs", () => {
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

  let asked = 0;
  /** The card a command gets: in the ack, or after "working on it" through response_url (replacing the note). */
  async function answer(text: string): Promise<SlackReply> {
    const responseUrl = bot.sink.url(`commands/T0001/large-${++asked}/r`);
    const ack = ephemeralReply(await bot.command(text, { response_url: responseUrl }));
    if (ack.text !== WORKING_ON_IT) return ack;
    const [post] = await bot.sink.waitFor(responseUrl);
    const reply = post?.body as unknown as SlackReply;
    assert.equal(reply.replace_original, true, `${text}: the card replaces the note`);
    return reply;
  }

  it("answers the first status (cold cache) and the next ones from the big store", async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await answer("status");
      // 3,000 distinct contributors this month: the numbers come from the big store, not a placeholder
      assert.equal(reply.text, "3,000 of 1,000 contributors in November 2026: on track");
      assertIncludes(blocksText(reply.blocks), "*3,000* of *1,000* wider-community contributors this month");
      assert.equal(postButtonValue(reply), "status");
    }
  });

  it("answers the other store-wide cards as well", async () => {
    for (const text of ["contributors", "contributors 2025-06", "digest", "epics", "issues 30"]) {
      const reply = await answer(text);
      assert.equal(postButtonValue(reply), text, `${text}: the card itself, with its Post to channel button`);
    }
  });
});
