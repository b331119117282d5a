import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { webApi } from "@slack/bolt";
import { ChannelError, cachedChannelId, postToChannel, resolveChannelId } from "../../src/schedule/slack-channel.js";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../support/fake-slack.js";

const message = { text: "hello", blocks: [] };
const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.stop();
});

async function setUp(options?: FakeSlackOptions) {
  const fake = await startFakeSlack(options);
  fakes.push(fake);
  const client = new webApi.WebClient("xoxb-channel-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  return { fake, client };
}

test("a channel name is resolved to its ID once; an ID passes through without a lookup", async () => {
  const { fake, client } = await setUp();
  assert.equal(cachedChannelId(client, "#wg_user-engagement"), undefined);
  assert.equal(await resolveChannelId(client, "#wg_user-engagement"), "C0ENGAGE01");
  assert.equal(await resolveChannelId(client, "general"), "C0GENERAL1");
  assert.equal(await resolveChannelId(client, "C0OTHER001"), "C0OTHER001");
  assert.equal(cachedChannelId(client, "wg_user-engagement"), "C0ENGAGE01");
  assert.equal(fake.callsOf("conversations.list").length, 1);
  assert.equal(fake.callsOf("conversations.list")[0]?.params.types, "public_channel");
});

test("posts to the resolved ID, and thread replies carry thread_ts", async () => {
  const { fake, client } = await setUp();
  const top = await postToChannel(client, "#wg_user-engagement", message);
  assert.equal(top.channel, "C0ENGAGE01");
  await postToChannel(client, "#wg_user-engagement", message, { threadTs: top.ts });
  const [first, reply] = fake.callsOf("chat.postMessage");
  assert.equal(first?.params.channel, "C0ENGAGE01");
  assert.equal(first?.params.thread_ts, undefined);
  assert.equal(reply?.params.thread_ts, top.ts);
});

test("not_in_channel in a private channel: an actionable ChannelError, nothing posted", async () => {
  const { fake, client } = await setUp({
    channels: { secret: "G0SECRET01" },
    memberOf: [],
    privateChannels: ["G0SECRET01"],
  });
  await assert.rejects(
    postToChannel(client, "G0SECRET01", message),
    (error: unknown) =>
      error instanceof ChannelError &&
      error.code === "not_in_channel" &&
      error.message.includes("invite the bot with /invite @engagement-bot"),
  );
  assert.equal(fake.callsOf("conversations.join").length, 1);
  assert.equal(fake.members.has("G0SECRET01"), false);
});

test("other Slack failures are not dressed up as channel errors", async () => {
  const { fake, client } = await setUp();
  fake.failNext("chat.postMessage", "invalid_blocks");
  await assert.rejects(postToChannel(client, "C0ENGAGE01", message), (error: unknown) => {
    return !(error instanceof ChannelError) && error instanceof webApi.WebAPIPlatformError;
  });
});

test("a channel list the bot cannot read (missing_scope): posts by name, remembers the ID Slack answers with", async () => {
  const { fake, client } = await setUp();
  fake.failNext("conversations.list", "missing_scope");
  const posted = await postToChannel(client, "wg_user-engagement", message);
  assert.equal(posted.channel, "C0ENGAGE01");
  assert.equal(fake.callsOf("chat.postMessage")[0]?.params.channel, "#wg_user-engagement");
  assert.equal(cachedChannelId(client, "#wg_user-engagement"), "C0ENGAGE01");
});

test("posting by name into a channel the bot is not in: not_in_channel with the invite hint, no join by name", async () => {
  const { fake, client } = await setUp({ memberOf: [] });
  fake.failNext("conversations.list", "missing_scope");
  await assert.rejects(
    () => postToChannel(client, "#wg_user-engagement", message),
    (error: unknown) =>
      error instanceof ChannelError && /not_in_channel/.test(error.message) && /\/invite/.test(error.message),
  );
  assert.equal(fake.callsOf("conversations.join").length, 0);
});
