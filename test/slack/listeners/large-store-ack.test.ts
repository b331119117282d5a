/**
 * Slack's hard limit: a slash command must be acknowledged within 3 seconds. With two years of GitLab-sized history
 * in the store (24 months × 10,000 merged MRs, 3,000 contributors a month), the first `status` (cold cache: the
 * whole store is read) and the ones after it each get their HTTP 200 with the answer inside that limit.
 * A correctness bound, not a benchmark (bench/slack.bench.ts measures).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startTestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW, seedLargeStore } from "../../support/store-fixtures.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

const SLACK_ACK_LIMIT_MS = 3_000;

describe("ack under 3 s with 24 months × 10,000 MRs", () => {
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

  it("answers the first status (cold cache) and the next ones within 3 s, with the answer in the ack", async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const http = await bot.command("status");
      times.push(http.elapsedMs);
      assert.ok(http.elapsedMs < SLACK_ACK_LIMIT_MS, `status #${i + 1} took ${http.elapsedMs.toFixed(0)} ms`);
      const reply = ephemeralReply(http);
      // 3,000 distinct contributors this month: the numbers come from the big store, not a placeholder
      assert.equal(reply.text, "3,000 of 1,000 contributors in November 2026: on track");
      assertIncludes(blocksText(reply.blocks), "*3,000* of *1,000* wider-community contributors this month");
      assert.equal(postButtonValue(reply), "status");
    }
    assert.equal(times.length, 5);
  });

  it("answers the other store-wide cards within 3 s as well", async () => {
    for (const text of ["contributors", "contributors 2025-06", "digest", "epics", "issues 30"]) {
      const http = await bot.command(text);
      assert.ok(http.elapsedMs < SLACK_ACK_LIMIT_MS, `${text} took ${http.elapsedMs.toFixed(0)} ms`);
      ephemeralReply(http);
    }
  });
});
