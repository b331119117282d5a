/**
 * The "Post to channel" round trip: a signed block_actions payload for the button of an ephemeral card makes the
 * bot post the same card in the channel through response_url, credited to the person who pressed it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import {
  assertIncludes,
  assertWithinLimits,
  cardBlocks,
  ephemeralReply,
  postButtonValue,
  type SlackReply,
} from "./reply-checks.js";

describe("Post to channel", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  /** Presses the card's button as `userId` and returns what reached the response_url. */
  async function press(value: string, userId: string): Promise<SlackReply> {
    const responseUrl = bot.sink.url(`actions/T0001/press-${encodeURIComponent(value)}-${userId}/r`);
    const ack = await bot.click("post_to_channel", value, { responseUrl, userId });
    assert.equal(ack.status, 200);
    const [post] = await bot.sink.waitFor(responseUrl);
    return post?.body as unknown as SlackReply;
  }

  for (const command of ["status", "contributors 2026-10", "epics", "issues 30", "digest"]) {
    it(`posts the "${command}" card in the channel with "Posted by"`, async () => {
      const card = ephemeralReply(await bot.command(command));
      const value = postButtonValue(card);
      assert.equal(value, command);
      const posted = await press(value ?? "", "U0PRESSER1");
      assert.equal(posted.response_type, "in_channel");
      assert.equal(posted.replace_original, false, "the ephemeral card stays for the presser");
      assert.equal(posted.text, card.text);
      assertWithinLimits(posted, "message");
      // the same card, minus its button, plus the credit line
      const last = posted.blocks.at(-1);
      assert.deepEqual(last, { type: "context", elements: [{ type: "mrkdwn", text: "Posted by <@U0PRESSER1>" }] });
      assert.deepEqual(posted.blocks.slice(0, -1), cardBlocks(card));
      assert.equal(postButtonValue(posted), undefined, "no button in the channel");
    });
  }

  it("answers a button whose card text no longer parses only to the presser", async () => {
    const reply = await press("frobnicate", "U0PRESSER2");
    assert.equal(reply.response_type, "ephemeral");
    assertIncludes(reply.text, "Unknown subcommand");
    assertWithinLimits(reply, "message");
  });

  it("logs who posted which card", async () => {
    await press("epics", "U0PRESSER3");
    const entry = bot.log.entries().find((e) => e.msg === "card posted to channel" && e.user === "U0PRESSER3");
    assert.ok(entry, "log line");
    assert.equal(entry.card, "epics");
    assert.equal(entry.channel, "C0ENGAGE01");
  });
});
