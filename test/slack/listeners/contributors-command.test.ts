/**
 * `/engagement contributors [YYYY-MM]` against the known store: November 2026 has alice (5 MRs), bob (2) and carol
 * (1, her first); October 2026 had alice (3), dave (2), bob (1) and erin (1), all first-time because the synced
 * history starts in October.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("/engagement contributors", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("shows this month's count, first-timers and top contributors", async () => {
    const reply = ephemeralReply(await bot.command("contributors"));
    // October by the same point (16 Oct): all 4 of its contributors merged in its first hours
    assert.equal(
      reply.text,
      "3 contributors in November 2026 (vs 4 by 16 Oct: −1 (−25%); 4 in all of October 2026), 1 first-time",
    );
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Contributors — November 2026");
    assertIncludes(text, "*3* contributors in November 2026 (vs 4 by 16 Oct: −1 (−25%); 4 in all of October 2026)");
    assertIncludes(text, ":tada: *1* first-time contributor\n");
    assertIncludes(text, "Carol First (<http://127.0.0.1:9/carol|carol>)");
    assertIncludes(
      text,
      "1. *Alice Regular* <http://127.0.0.1:9/alice|alice> — 5 merged MRs\n2. *Bob Steady* <http://127.0.0.1:9/bob|bob> — 2 merged MRs\n3. *Carol First* <http://127.0.0.1:9/carol|carol> — 1 merged MR",
    );
    assert.equal(postButtonValue(reply), "contributors");
  });

  it("shows a past month asked for as YYYY-MM, with the month in the button", async () => {
    const reply = ephemeralReply(await bot.command("contributors 2026-10"));
    // a month that is over compares with the whole month before it
    assert.equal(reply.text, "4 contributors in October 2026 (vs 0 in September 2026: +4), 4 first-time");
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Contributors — October 2026");
    assertIncludes(text, "*4* contributors in October 2026 (vs 0 in September 2026: +4)");
    assertIncludes(text, ":tada: *4* first-time contributors");
    // ties (bob and erin, one MR each) are ordered by username
    assertIncludes(
      text,
      "1. *Alice Regular* <http://127.0.0.1:9/alice|alice> — 3 merged MRs\n2. *Dave October* <http://127.0.0.1:9/dave|dave> — 2 merged MRs\n3. *Bob Steady* <http://127.0.0.1:9/bob|bob> — 1 merged MR\n4. *Erin October* <http://127.0.0.1:9/erin|erin> — 1 merged MR",
    );
    assert.ok(!text.includes("Carol"), "carol only started in November");
    assert.equal(postButtonValue(reply), "contributors 2026-10");
  });

  it("answers a month before the synced history (it starts in October) in one line naming the first month", async () => {
    const reply = ephemeralReply(await bot.command("contributors 2026-03"));
    assertIncludes(reply.text, "The month 2026-03 is before the synced history: the first month available is 2026-10");
    assert.ok(!blocksText(reply.blocks).includes("Contributors —"), "no card");
  });

  for (const [text, problem] of [
    ["contributors 2026-13", "The month must look like YYYY-MM"],
    ["contributors 2026-00", "The month must look like YYYY-MM"],
    ["contributors 2026-12", "The month 2026-12 is after the current month (2026-11 in UTC)"],
    ["contributors 2031-01", "The month 2031-01 is after the current month"],
    ["contributors 2001-01", "The month 2001-01 is before the synced history: the first month available is 2026-10"],
    ["contributors 0000-01", "The month 0000-01 is before 1970: give a month from 1970-01 to 2026-11"],
    ["contributors 0099-12", "The month 0099-12 is before 1970"],
    ["contributors november", 'The month must look like YYYY-MM, e.g. 2026-10 (got "november").'],
    ["contributors 2026-10 extra", "takes no arguments"],
  ] as const) {
    it(`answers "${text}" with the usage, no card and no button`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      const shown = `${reply.text}\n${blocksText(reply.blocks)}`;
      assertIncludes(shown, "Usage: `/engagement contributors [YYYY-MM]`");
      assertIncludes(shown, problem);
      assert.equal(postButtonValue(reply), undefined);
      assert.ok(!shown.includes("Contributors —"), "no card");
    });
  }
});
