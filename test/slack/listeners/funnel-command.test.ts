/**
 * `/engagement funnel [YYYY-MM]` over HTTP against the known store plus the funnel's hand-countable extras
 * (seedFunnelExtras): November 2026's funnel, retention of the August cohort, the open MRs, the drifting list as
 * GitLab profile links, and the card posted to the channel.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KnownBlock } from "../../../src/slack/blocks/block-kit.js";
import type { TestBot } from "../../support/bot-harness.js";
import { seedFunnelExtras } from "../../support/store-fixtures.js";
import { startKnownBot } from "./known-bot.js";
import {
  assertIncludes,
  assertWithinLimits,
  blocksText,
  cardBlocks,
  ephemeralReply,
  postButtonValue,
  type SlackReply,
  visibleText,
} from "./reply-checks.js";

describe("/engagement funnel", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot({ extra: (runtime) => seedFunnelExtras(runtime.store) });
  });
  after(async () => {
    await bot.stop();
  });

  it("shows the six months of the funnel oldest first, the figures, and the drifting people as profile links", async () => {
    const reply = ephemeralReply(await bot.command("funnel"));
    assert.equal(
      reply.text,
      "Contributor funnel — Nov 2026: 2 opened · 2 first-time · 1 of them merged (50%) · 2 returning · 2 drifting",
    );
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Contributor funnel — November 2026");
    assertIncludes(
      text,
      [
        "• Jun 2026: 2 opened · 2 first-time · 2 of them merged (100%)",
        "• Jul 2026: 2 opened · 0 first-time · 0 of them merged",
        "• Aug 2026: 4 opened · 2 first-time · 2 of them merged (100%)",
        "• Sep 2026: 1 opened · 0 first-time · 0 of them merged",
        "• Oct 2026: 1 opened · 1 first-time · 0 of them merged (0%)",
        "• Nov 2026: 2 opened · 2 first-time · 1 of them merged (50%)",
      ].join("\n"),
    );
    assertIncludes(text, "*Contributors in November 2026*\n3 (1 new · 2 returning)");
    assertIncludes(text, "*Retention*\n1 of Aug 2026's 2 first-time contributors merged again (50%)");
    assertIncludes(text, "*Open community MRs*\n2 open · median age 26 days · 1 stalled (no update in 14 days)");
    assertIncludes(text, "*2 drifting contributors* — people to reach out to");
    // the most recent last merge first; names link to GitLab, never an @mention
    assertIncludes(
      text,
      "• <http://127.0.0.1:9/gina|Gina Drifting> — last merged 2026-08-25 · 4 MRs merged\n" +
        "• <http://127.0.0.1:9/frank|Frank Drifting> — last merged 2026-08-10 · 3 MRs merged",
    );
    assert.ok(!visibleText(reply).includes("@"), "no @ anywhere: nothing looks like a mention");
    assert.equal(postButtonValue(reply), "funnel");
  });

  it("shows a past month asked for as YYYY-MM, its numbers as of the end of that month", async () => {
    const reply = ephemeralReply(await bot.command("funnel 2026-10"));
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Contributor funnel — October 2026");
    assertIncludes(text, "• May 2026: 0 opened");
    assertIncludes(text, "• Oct 2026: 1 opened · 1 first-time · 0 of them merged (0%)");
    // at the end of October only ivy's MR was open (30 days 14.5 hours), updated 11.6 days before: not stalled yet
    assertIncludes(text, "1 open · median age 30.6 days · 0 stalled");
    assert.equal(postButtonValue(reply), "funnel 2026-10");
  });

  for (const [text, problem] of [
    ["funnel 2026-13", "The month must look like YYYY-MM"],
    ["funnel 2026-12", "The month 2026-12 is after the current month (2026-11 in UTC)"],
    ["funnel 2026-01", "The month 2026-01 is before the synced history: the first month available is 2026-06"],
    ["funnel november", 'The month must look like YYYY-MM, e.g. 2026-10 (got "november").'],
    ["funnel 2026-10 extra", "takes no arguments"],
  ] as const) {
    it(`answers "${text}" with the usage, no card and no button`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      const shown = visibleText(reply);
      assertIncludes(shown, "Usage: `/engagement funnel [YYYY-MM]`");
      assertIncludes(shown, problem);
      assert.equal(postButtonValue(reply), undefined);
      assert.ok(!shown.includes("Contributor funnel —"), "no card");
    });
  }

  it("posts the card to the channel with its button", async () => {
    const card = ephemeralReply(await bot.command("funnel"));
    const responseUrl = bot.sink.url("actions/T0001/funnel-post/r");
    const ack = await bot.click("post_to_channel", "funnel", { responseUrl, userId: "U0FUNNEL01" });
    assert.equal(ack.status, 200);
    const [post] = await bot.sink.waitFor(responseUrl);
    const posted = post?.body as unknown as SlackReply;
    assert.equal(posted.response_type, "in_channel");
    assertWithinLimits(posted, "message");
    assert.deepEqual(posted.blocks.slice(0, -1), cardBlocks(card));
  });

  it("splits this month's contributors into new and returning on the contributors card", async () => {
    const reply = ephemeralReply(await bot.command("contributors"));
    assertIncludes(blocksText(reply.blocks), "*3* contributors in November 2026");
    assertIncludes(blocksText(reply.blocks), "1 new · 2 returning");
  });

  it("the digest preview carries the funnel line and ends with the people to reach out to", async () => {
    const text = blocksText(ephemeralReply(await bot.command("digest")).blocks);
    assertIncludes(
      text,
      "*Funnel* Nov 2026: 2 opened · 2 first-time · 1 of them merged (50%) · 2 returning · 2 drifting",
    );
    const reachOut = text.lastIndexOf("*2 drifting contributors* — people to reach out to");
    assert.ok(reachOut > text.indexOf("*Top contributors*"), "after the top contributors");
    assertIncludes(text.slice(reachOut), "<http://127.0.0.1:9/gina|Gina Drifting>");
  });

  it("the Home tab shows the funnel", async () => {
    const user = "U0FUNNELHM";
    await bot.event({
      type: "app_home_opened",
      user,
      channel: "D0FUNNELHM",
      tab: "home",
      event_ts: "1700000000.000900",
    });
    const published = await bot.slack.waitFor("views.publish", 1, (c) => c.params.user_id === user);
    const view = published.at(-1)?.params.view as { blocks: KnownBlock[] } | undefined;
    assert.ok(view, "views.publish");
    assertWithinLimits(view, "home");
    const text = blocksText(view.blocks);
    assertIncludes(text, "*Contributor funnel*");
    assertIncludes(text, "• Nov 2026: 2 opened · 2 first-time · 1 of them merged (50%)");
    assertIncludes(text, "*Retention*\n1 of Aug 2026's 2 first-time contributors merged again (50%)");
  });
});
