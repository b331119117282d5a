/**
 * The "Post to channel" round trip: a signed block_actions payload for the button of an ephemeral card makes the
 * bot post the same card in the channel through response_url, credited to the person who pressed it, without link
 * previews, and then delete the ephemeral card; a second click on the same card (a double click) and the same
 * signed request sent again (a replay within Slack's 5-minute window) post nothing more. A button the bot does not
 * know (a stale card) is acked and explained to the presser.
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

  let presses = 0;
  /** Presses the card's button as `userId`; what reached the response_url: the post, then (if posted) the deletion. */
  async function pressed(value: string, userId: string): Promise<Array<Record<string, unknown>>> {
    presses += 1;
    const responseUrl = bot.sink.url(`actions/T0001/press-${presses}-${userId}/r`);
    const ack = await bot.click("post_to_channel", value, { responseUrl, userId });
    assert.equal(ack.status, 200);
    const [first] = await bot.sink.waitFor(responseUrl);
    const posts = first?.body.response_type === "in_channel" ? await bot.sink.waitFor(responseUrl, 2) : [first];
    return posts.map((post) => post?.body ?? {});
  }

  /** The post of a press of the card's button as `userId`. */
  async function press(value: string, userId: string): Promise<SlackReply> {
    const [post] = await pressed(value, userId);
    return post as unknown as SlackReply;
  }

  for (const command of ["status", "contributors 2026-10", "epics", "issues 30", "digest"]) {
    it(`posts the "${command}" card in the channel with "Posted by"`, async () => {
      const card = ephemeralReply(await bot.command(command));
      const value = postButtonValue(card);
      assert.equal(value, command);
      const [post, deletion] = await pressed(value ?? "", "U0PRESSER1");
      const posted = post as unknown as SlackReply;
      assert.equal(posted.response_type, "in_channel");
      assert.equal(posted.replace_original, false, "a new message in the channel");
      assert.equal(post?.unfurl_links, false, "no link previews");
      assert.equal(post?.unfurl_media, false, "no media previews");
      assert.deepEqual(deletion, { delete_original: true }, "then the ephemeral card, with its button, goes");
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
    const replies = await pressed("frobnicate", "U0PRESSER2");
    assert.equal(replies.length, 1, "the card stays");
    const reply = replies[0] as unknown as SlackReply;
    assert.equal(reply.response_type, "ephemeral");
    assertIncludes(reply.text, "Unknown subcommand");
    assertWithinLimits(reply, "message");
  });

  /** Waits until the log has `count` lines with `msg` for `user` (as they are written, no polling). */
  function logged(msg: string, user: string, count: number) {
    return bot.log.waitFor((e) => e.msg === msg && e.user === user, count);
  }
  const ALREADY_POSTED = "second click on a card already posted ignored";

  it("a double click on one card posts it once, even while the card is not deleted yet", async () => {
    const container = {
      type: "message",
      message_ts: "1700000099.000001",
      channel_id: "C0ENGAGE01",
      is_ephemeral: true,
    };
    // two clicks on the same card, each an interaction of its own (own trigger_id, action_ts and response_url), sent
    // at once: the second arrives before the first's deletion of the card could have reached Slack
    const urls = [1, 2].map((n) => bot.sink.url(`actions/T0001/double-${n}/r`));
    const clicks = urls.map((responseUrl) =>
      postSigned(
        `${bot.url}/slack/events`,
        blockActionBody(
          buttonClickPayload({
            actionId: "post_to_channel",
            value: "status",
            userId: "U0DOUBLE01",
            responseUrl,
            container,
          }),
        ),
        { secret: SIGNING_SECRET },
      ),
    );
    for (const ack of await Promise.all(clicks)) assert.equal(ack.status, 200, "both clicks are acknowledged");
    await logged(ALREADY_POSTED, "U0DOUBLE01", 1);
    await logged("card posted to channel", "U0DOUBLE01", 1);
    const posts = urls.flatMap((url) => bot.sink.postsTo(url)).map((post) => post.body);
    assert.equal(posts.filter((body) => body.response_type === "in_channel").length, 1, "posted once");
    // another card of the same person posts
    const again = await press("status", "U0DOUBLE01");
    assert.equal(again.response_type, "in_channel");
  });

  it("acks a button it does not know (a stale card) and tells the presser it is out of date", async () => {
    const responseUrl = bot.sink.url("actions/T0001/stale/r");
    const ack = await bot.click("refresh_pace_v1", "status", { responseUrl, userId: "U0STALE001" });
    assert.equal(ack.status, 200);
    const [reply] = await bot.sink.waitFor(responseUrl);
    const body = reply?.body as unknown as SlackReply & { replace_original?: boolean };
    assert.equal(body.response_type, "ephemeral");
    assert.equal(body.replace_original, false, "the card stays as it was");
    assertIncludes(body.text, "That button is out of date");
    assertIncludes(body.text, "/engagement help");
    assertWithinLimits(body, "message");
    assert.equal((await logged("stale button clicked", "U0STALE001", 1))[0]?.actionId, "refresh_pace_v1");
  });

  it("a known button gets its own answer only, not the stale one", async () => {
    const [post, deletion] = await pressed("epics", "U0STALE002");
    assert.equal(post?.response_type, "in_channel");
    assert.deepEqual(deletion, { delete_original: true });
    assert.equal(
      bot.log.entries().filter((e) => e.msg === "stale button clicked" && e.user === "U0STALE002").length,
      0,
    );
    assert.equal(bot.log.entries().filter((e) => e.msg === "unhandled error in a Slack listener").length, 0);
  });

  it("a replayed click (the same signed request again) posts nothing more and is logged", async () => {
    const responseUrl = bot.sink.url("actions/T0001/replayed/r");
    const body = blockActionBody(
      buttonClickPayload({ actionId: "post_to_channel", value: "status", userId: "U0PRESSER4", responseUrl }),
    );
    const send = () => postSigned(`${bot.url}/slack/events`, body, { secret: SIGNING_SECRET });
    assert.equal((await send()).status, 200);
    await bot.sink.waitFor(responseUrl, 2);
    for (const _ of [1, 2]) assert.equal((await send()).status, 200, "a replay is acknowledged all the same");
    await logged(ALREADY_POSTED, "U0PRESSER4", 2);
    // the decision comes before any answer: once both replays are logged, nothing else can arrive from them
    assert.equal(bot.sink.postsTo(responseUrl).length, 2, "the post and the deletion of the card, once");
    // another click by the same person is a new interaction and posts
    const again = await press("status", "U0PRESSER4");
    assert.equal(again.response_type, "in_channel");
  });

  it("logs who posted which card", async () => {
    await press("epics", "U0PRESSER3");
    // logged once respond() has resolved, which may be a moment after the sink has the post: wait for the line itself
    const [entry] = await logged("card posted to channel", "U0PRESSER3", 1);
    assert.ok(entry, "log line");
    assert.equal(entry.card, "epics");
    assert.equal(entry.channel, "C0ENGAGE01");
  });
});
