/**
 * Requests that are not Slack's (issue 7 item 4): without a signature, with a wrong one, signed with another
 * secret, with a tampered body or an old timestamp — each is refused before any listener runs: no "/engagement"
 * log line, no reply through response_url, no Web API call. A correctly signed control request does get through.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot-harness.js";
import {
  blockActionBody,
  buttonClickPayload,
  eventBody,
  postSigned,
  sign,
  slashCommandBody,
} from "../support/slack-requests.js";

describe("unsigned and badly signed requests never reach a listener", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  const listenerLines = () =>
    bot.log.entries().filter((e) => e.msg === "/engagement" || e.msg === "card posted to channel").length;

  const now = () => Math.floor(Date.now() / 1000);

  it("refuses every forged request with 401 and runs nothing", async () => {
    const events = `${bot.url}/slack/events`;
    const command = slashCommandBody({ text: "alerts off", response_url: bot.sink.url("commands/forged/1") });
    const click = blockActionBody(
      buttonClickPayload({
        actionId: "post_to_channel",
        value: "status",
        responseUrl: bot.sink.url("actions/forged/1"),
      }),
    );
    const homeOpened = eventBody({ type: "app_home_opened", user: "U0TESTER1", tab: "home" });
    const slackCallsBefore = bot.slack.calls.length;
    const linesBefore = listenerLines();

    const forged: Array<{ name: string; send: () => Promise<{ status: number }> }> = [
      {
        name: "no signature headers",
        send: () =>
          fetch(events, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: command,
          }),
      },
      {
        name: "garbage signature",
        send: () => postSigned(events, command, { secret: SIGNING_SECRET, signature: "v0=00" }),
      },
      { name: "signed with another secret", send: () => postSigned(events, command, { secret: "not-the-secret" }) },
      {
        name: "tampered body",
        send: () => {
          const ts = now();
          return postSigned(events, command.replace("alerts+off", "alerts+on"), {
            secret: SIGNING_SECRET,
            timestamp: ts,
            signature: sign(SIGNING_SECRET, ts, command),
          });
        },
      },
      {
        name: "timestamp 10 minutes old (replay)",
        send: () => postSigned(events, command, { secret: SIGNING_SECRET, timestamp: now() - 600 }),
      },
      {
        name: "button click signed with another secret",
        send: () => postSigned(events, click, { secret: "not-the-secret" }),
      },
      {
        name: "event without a valid signature",
        send: () =>
          postSigned(events, homeOpened, {
            secret: SIGNING_SECRET,
            signature: "v0=bad",
            contentType: "application/json",
          }),
      },
    ];

    for (const { name, send } of forged) {
      const res = await send();
      assert.equal(res.status, 401, name);
    }
    // give any stray asynchronous work a moment to show up
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(listenerLines(), linesBefore, "no listener ran");
    assert.equal(bot.sink.posts.length, 0, "nothing answered through response_url");
    assert.equal(bot.slack.calls.length, slackCallsBefore, "no Web API call (no views.publish, no post)");
    assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), false, "the forged `alerts off` changed nothing");
  });

  it("a correctly signed request does reach the listener (the check above can fail)", async () => {
    const before = listenerLines();
    const reply = await bot.command("help");
    assert.equal(reply.status, 200);
    assert.equal(listenerLines(), before + 1);
  });
});
