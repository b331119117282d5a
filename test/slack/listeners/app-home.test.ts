/**
 * The Home tab: app_home_opened (tab "home") publishes the dashboard for that user through views.publish on the
 * fake Slack; its Refresh button publishes again; opening the Messages tab publishes nothing.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { trendChart } from "../../../src/chart/trend-chart.js";
import type { ImageBlock, KnownBlock } from "../../../src/slack/blocks/block-kit.js";
import { HOME_REFRESH_ACTION } from "../../../src/slack/blocks/home-view.js";
import { SIGNING_SECRET, type TestBot } from "../../support/bot-harness.js";
import { blockActionBody, buttonClickPayload, postSigned } from "../../support/slack-requests.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, assertWithinLimits, blocksText, ephemeralReply } from "./reply-checks.js";

interface PublishedView {
  type: string;
  blocks: KnownBlock[];
}

const homeOpened = (user: string, tab: "home" | "messages") => ({
  type: "app_home_opened",
  user,
  channel: `D${user.slice(1)}`,
  tab,
  event_ts: "1700000000.000300",
});

describe("App Home", () => {
  let bot: TestBot;
  before(async () => {
    // DIGEST_CHANNEL as an ID: the harness has no name -> ID resolver, and a slash command carries the ID
    bot = await startKnownBot({ env: { DIGEST_CHANNEL: "C0ENGAGE01" } });
  });
  after(async () => {
    await bot.stop();
  });

  const publishesFor = (user: string) => bot.slack.callsOf("views.publish").filter((c) => c.params.user_id === user);
  /** the first `count` views.publish calls for `user`, once they came */
  const published = (user: string, count = 1) =>
    bot.slack.waitFor("views.publish", count, (c) => c.params.user_id === user);

  it("publishes the dashboard for the user who opened the Home tab", async () => {
    const ack = await bot.event(homeOpened("U0HOME0001", "home"));
    assert.equal(ack.status, 200);
    const [call] = await published("U0HOME0001");
    assert.ok(call, "views.publish for U0HOME0001");
    assert.ok(call.authenticated, "with the bot token");
    const view = call.params.view as PublishedView;
    assert.equal(view.type, "home");
    assert.ok(view.blocks.length <= 100, `${view.blocks.length} blocks`);
    assertWithinLimits(view, "home");
    const text = blocksText(view.blocks);
    assertIncludes(text, "User engagement — November 2026");
    assertIncludes(text, "*3* of *1,000* wider-community contributors this month");
    assertIncludes(text, "30% (3/10 issues closed)");
    assertIncludes(text, "|&lt;!channel&gt; &amp; &lt;b&gt;hi&lt;/b&gt;>");
    assert.ok(!text.includes("<!channel>"), "the injected title stays text");
    assertIncludes(text, "1. *Alice Regular* <http://127.0.0.1:9/alice|alice> — 5 merged MRs");
    assertIncludes(text, ":bell: Pace alerts are on.");
    const refresh = view.blocks
      .flatMap((block) => (block.type === "actions" ? block.elements : []))
      .find((element) => element.type === "button" && element.action_id === HOME_REFRESH_ACTION);
    assert.ok(refresh, "a Refresh button");
  });

  const openedHome = async (user: string) => {
    await bot.event(homeOpened(user, "home"));
    const view = (await published(user)).at(-1)?.params.view as PublishedView | undefined;
    assert.ok(view, `views.publish for ${user}`);
    return view;
  };
  const chartOf = (view: PublishedView) =>
    view.blocks.find((block): block is ImageBlock => block.type === "image" && "slack_file" in block);

  it("shows the trend chart as a slack_file image stating the numbers, uploaded once per store change", async () => {
    const first = await openedHome("U0CHART001");
    const image = chartOf(first);
    assert.ok(image && "slack_file" in image, "an image block with slack_file");
    const report = await bot.services.report();
    assert.ok(report);
    assert.equal(image.alt_text, trendChart(report).altText);
    assert.match(image.alt_text, /monthly target 1,000\.$/);
    const completed = bot.slack.callsOf("files.completeUploadExternal");
    const uploaded = ((completed.at(-1)?.params.files ?? []) as Array<{ id: string }>)[0]?.id;
    assert.equal((image.slack_file as { id?: string }).id, uploaded, "the file the bot uploaded");
    assert.equal(completed.at(-1)?.params.channel_id, undefined, "kept by the app, shared in no channel");

    const uploads = bot.slack.callsOf("files.getUploadURLExternal").length;
    const second = await openedHome("U0CHART002");
    assert.equal(bot.slack.callsOf("files.getUploadURLExternal").length, uploads, "another open: no new upload");
    assert.deepEqual(chartOf(second), image);

    await bot.services.alerts.setMuted("C0ENGAGE01", false, "U0CHART002"); // a write: the store changed
    await openedHome("U0CHART003");
    assert.equal(bot.slack.callsOf("files.getUploadURLExternal").length, uploads + 1, "uploaded again after a change");
  });

  it("publishes the Home tab without the chart when the upload fails, and logs why", async () => {
    await bot.services.alerts.setMuted("C0ENGAGE01", false, "U0CHART004");
    bot.slack.failNext("files.getUploadURLExternal", "missing_scope");
    const view = await openedHome("U0CHART004");
    assert.equal(chartOf(view), undefined);
    assertIncludes(blocksText(view.blocks), "wider-community contributors this month");
    assert.match(
      bot.log.text(),
      /the Home tab shows no trend chart: files\.getUploadURLExternal failed \(missing_scope\)/,
    );
  });

  it("publishes again when Refresh is clicked", async () => {
    const before = publishesFor("U0HOME0002").length;
    await bot.event(homeOpened("U0HOME0002", "home"));
    await published("U0HOME0002", before + 1);
    const payload = buttonClickPayload({
      actionId: HOME_REFRESH_ACTION,
      value: "",
      userId: "U0HOME0002",
      container: { type: "view", view_id: "V0HOME0001" },
    });
    const ack = await postSigned(`${bot.url}/slack/events`, blockActionBody(payload), { secret: SIGNING_SECRET });
    assert.equal(ack.status, 200);
    const calls = await published("U0HOME0002", before + 2);
    assert.equal(calls.length, before + 2);
    assertWithinLimits(calls.at(-1)?.params.view as PublishedView, "home");
  });

  it("handles a retried event (X-Slack-Retry-Num: 1, the same event_id) once", async () => {
    const publishes = async (user: string, count: number) => (await published(user, count)).length;
    const opened = homeOpened("U0RETRY001", "home");
    assert.equal((await bot.event(opened, { eventId: "Ev0RETRY0001" })).status, 200);
    assert.equal(await publishes("U0RETRY001", 1), 1);
    const retry = await bot.event(opened, { eventId: "Ev0RETRY0001", retryNum: 1 });
    assert.equal(retry.status, 200, "the retry is acknowledged");
    // the decision is logged before any listener could run: once it is, the retry cannot publish any more
    const [ignored] = await bot.log.waitFor(
      (e) => e.msg === "retried event ignored: already handled" && e.eventId === "Ev0RETRY0001",
    );
    assert.equal(ignored?.retryNum, 1, "the retry was recognised");
    assert.equal(publishesFor("U0RETRY001").length, 1, "published once");
    // another event (a new event_id) from the same person is handled
    await bot.event(opened, { eventId: "Ev0RETRY0002" });
    assert.equal(await publishes("U0RETRY001", 2), 2);
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    await bot.event(homeOpened("U0MSGTAB01", "messages"));
    // a Home open sent after it is handled after it: once that one is published, the Messages one is done
    await bot.event(homeOpened("U0HOME0003", "home"));
    await published("U0HOME0003");
    assert.equal(publishesFor("U0HOME0003").length, 1);
    assert.equal(publishesFor("U0MSGTAB01").length, 0);
  });

  it("shows muted alerts once the digest channel muted them", async () => {
    ephemeralReply(await bot.command("alerts off", { channel_id: "C0ENGAGE01" }));
    await bot.event(homeOpened("U0HOME0004", "home"));
    await published("U0HOME0004");
    const view = publishesFor("U0HOME0004")[0]?.params.view as PublishedView;
    assertIncludes(blocksText(view.blocks), ":no_bell: Pace alerts are muted.");
  });
});
