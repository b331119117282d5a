/**
 * The "Post to channel" round trip: a signed block_actions payload for the button of an ephemeral card makes the
 * bot post the same card in the channel through response_url, credited to the person who pressed it; the same
 * signed request sent again (a replay within Slack's 5-minute window) posts nothing more.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SIGNING_SECRET, type TestBot } from "../../support/bot-harness.js";
import { blockActionBody, buttonClickPayload, postSigned } from "../../support/slack-requests.js";
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

  it("a replayed click (the same signed request again) posts nothing more and is logged", async () => {
    const responseUrl = bot.sink.url("actions/T0001/replayed/r");
    const body = blockActionBody(
      buttonClickPayload({ actionId: "post_to_channel", value: "status", userId: "U0PRESSER4", responseUrl }),
    );
    const send = () => postSigned(`${bot.url}/slack/events`, body, { secret: SIGNING_SECRET });
    assert.equal((await send()).status, 200);
    await bot.sink.waitFor(responseUrl, 1);
    for (const _ of [1, 2]) assert.equal((await send()).status, 200, "a replay is acknowledged all the same");
    const ignored = async () => {
      for (let i = 0; i < 500; i++) {
        const seen = bot.log.entries().filter((e) => e.msg === "replayed click ignored" && e.user === "U0PRESSER4");
        if (seen.length === 2) return seen;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("the replays were not recognised");
    };
    await ignored();
    // the decision comes before any answer: once both replays are logged, nothing else can arrive from them
    assert.equal(bot.sink.postsTo(responseUrl).length, 1);
    // another click by the same person is a new interaction and posts
    const again = await press("status", "U0PRESSER4");
    assert.equal(again.response_type, "in_channel");
  });

  it("logs who posted which card", async () => {
    await press("epics", "U0PRESSER3");
    // logged once respond() has resolved, which may be a moment after the sink has the post
    const logged = () => bot.log.entries().find((e) => e.msg === "card posted to channel" && e.user === "U0PRESSER3");
    for (let i = 0; i < 500 && !logged(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const entry = logged();
    assert.ok(entry, "log line");
    assert.equal(entry.card, "epics");
    assert.equal(entry.channel, "C0ENGAGE01");
  });
});
