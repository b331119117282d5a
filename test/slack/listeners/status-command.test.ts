/**
 * `/engagement status` over real HTTP against the known store (seedKnownStore at KNOWN_NOW, 2026-11-16 09:30 UTC,
 * 51.3 % of November gone, linear curve): 3 of 1,000 contributors, expected 1,000 × 0.5132 = 513.2, projected
 * 3 / 0.5132 = 5.8 → 6, needed (1,000 − 3) / 15 days left = 66.5 a day, 1 first-timer, 4 last month.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("/engagement status", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("answers in the ack with the month's numbers from the store", async () => {
    const reply = ephemeralReply(await bot.command("status"));
    assert.equal(reply.text, "3 of 1,000 contributors in November 2026: behind");
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Contributor pace — November 2026");
    assertIncludes(text, "*3* of *1,000* wider-community contributors this month");
    assertIncludes(text, ":red_circle: behind");
    // people are whole: 513.2 expected shows as 513, 66.5 needed a day as 67 (rounded up)
    assertIncludes(text, "*Expected by now*\n513 (you are at 1% of it)");
    assertIncludes(text, "*Projected*\n6 by month end");
    assertIncludes(text, "*Needed*\n67 contributors a day");
    assertIncludes(text, "*First-time contributors*\n1");
    assertIncludes(text, "*Last month*\n4 by 16 Oct (4 in all of October 2026)");
    // 12 complete months: 11 empty, then October's 4
    assertIncludes(text, "*Trend* Nov 2025–Oct 2026: 0 → 4 ▁▁▁▁▁▁▁▁▁▁▁█");
    assertIncludes(text, ":red_circle: behind · 0% ░░░░░░░░░░");
    assertIncludes(text, "30% (3/10 issues closed)");
    assertIncludes(text, "no issues yet");
    assertIncludes(text, ":no_entry_sign: unavailable: 403 Forbidden");
    assertIncludes(text, ":memo: *4* new User engagement issues since");
    assertIncludes(text, "Data as of <!date^1794821100^");
  });

  it("shows a past month asked for as YYYY-MM, with the month in the button", async () => {
    const reply = ephemeralReply(await bot.command("status 2026-10"));
    assert.equal(reply.text, "4 of 1,000 contributors in October 2026: behind");
    assertIncludes(blocksText(reply.blocks), "Contributor pace — October 2026");
    assert.equal(postButtonValue(reply), "status 2026-10");
  });

  // the known store's synced history starts in October 2026; it is 16 November 2026
  for (const [text, problem] of [
    [
      "status 2031-01",
      "The month 2031-01 is after the current month (2026-11 in UTC); the first month available is 2026-10",
    ],
    [
      "status 2026-12",
      "The month 2026-12 is after the current month (2026-11 in UTC); the first month available is 2026-10",
    ],
    ["status 2026-09", "The month 2026-09 is before the synced history: the first month available is 2026-10"],
    ["status 2026-9", 'The month must look like YYYY-MM, e.g. 2026-10 (got "2026-9").'],
  ] as const) {
    it(`answers "${text}" in one line naming the first month, with the usage, no card and no button`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      const shown = `${reply.text}\n${blocksText(reply.blocks)}`;
      assertIncludes(shown, problem);
      assertIncludes(shown, "Usage: `/engagement status [YYYY-MM]`");
      assert.ok(!shown.includes("Contributor pace —"), "no card");
      assert.equal(postButtonValue(reply), undefined);
    });
  }

  it("carries the Post to channel button naming the card", async () => {
    const reply = ephemeralReply(await bot.command("status"));
    assert.equal(postButtonValue(reply), "status");
  });

  it("warns of no staleness while the last sync is 5 minutes old", async () => {
    const reply = ephemeralReply(await bot.command("status"));
    assert.ok(!blocksText(reply.blocks).includes(":warning:"), "no freshness warning");
  });

  it("reads the store, not GitLab: changing the store changes the answer", async () => {
    const before = ephemeralReply(await bot.command("status"));
    await bot.runtime.store.upsertMergeRequests([
      {
        id: 9_999,
        projectId: 1,
        projectPath: "gitlab-org/gitlab",
        iid: 9_999,
        groupPath: "gitlab-org",
        authorId: 777,
        authorUsername: "zoe",
        authorName: "Zoe Newcomer",
        mergedAtMs: Date.parse("2026-11-16T08:00:00Z"),
        labels: ["Community contribution"],
        webUrl: "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/9999",
        title: "Fix",
      },
    ]);
    const afterWrite = ephemeralReply(await bot.command("status"));
    assert.match(before.text, /^3 of 1,000/);
    assert.match(afterWrite.text, /^4 of 1,000/);
    assertIncludes(blocksText(afterWrite.blocks), "*First-time contributors*\n2");
    await bot.runtime.store.deleteMergeRequests([9_999]);
  });
});
