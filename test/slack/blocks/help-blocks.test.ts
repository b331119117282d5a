import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  alertsStateMessage,
  apologyMessage,
  firstSyncRunningMessage,
  helpMessage,
  unknownSubcommandMessage,
  usageErrorMessage,
} from "../../../src/slack/blocks/help-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import {
  PayloadTooLongError,
  POST_TO_CHANNEL_ACTION,
  postedByContext,
  withPostToChannelButton,
} from "../../../src/slack/blocks/post-to-channel.js";
import { allText } from "./report-fixtures.js";

describe("help and command replies", () => {
  it("lists every subcommand with a description", () => {
    const message = helpMessage();
    const text = allText(message.blocks);
    for (const usage of [
      "status [YYYY-MM]",
      "contributors [YYYY-MM]",
      "epics",
      "issues [days]",
      "digest",
      "alerts [on|off]",
      "help",
    ]) {
      assert.match(text, new RegExp(`\`/engagement ${usage.replace(/[[\]|]/g, "\\$&")}\` — \\w`));
    }
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("names an unknown subcommand escaped and truncated, followed by help", () => {
    const message = unknownSubcommandMessage(`<!channel>${"z".repeat(100)}`);
    const text = allText(message.blocks);
    assert.ok(text.includes("Unknown subcommand `&lt;!channel&gt;zzz"));
    assert.ok(!text.includes("<!channel>"));
    assert.ok(!text.includes("z".repeat(50)));
    assert.ok(text.includes("`/engagement status [YYYY-MM]`"));
  });

  it("explains usage errors with the usage line", () => {
    const text = allText(usageErrorMessage("`2026-13` is not a month.", "contributors [YYYY-MM]").blocks);
    assert.ok(text.includes("Usage: `/engagement contributors [YYYY-MM]`"));
  });

  it("apologises with an optional reference", () => {
    assert.ok(allText(apologyMessage("req-42").blocks).includes("(reference `req-42`)"));
    assert.ok(!allText(apologyMessage().blocks).includes("reference"));
  });

  it("describes alert state with the channel and the last alert", () => {
    const on = alertsStateMessage({
      muted: false,
      channel: "C0123ABC",
      lastAlert: { status: "behind", postedAt: "2026-11-15T11:45:00Z" },
    });
    assert.ok(allText(on.blocks).includes("Pace alerts are *on*: they go to <#C0123ABC>"));
    assert.ok(allText(on.blocks).includes("Last alert: :red_circle: behind, <!date^1794743100^"));
    const muted = alertsStateMessage({ muted: true, channel: "#wg_user-engagement" });
    assert.ok(allText(muted.blocks).includes("*muted* for #wg_user-engagement"));
    assert.equal(muted.text, "Pace alerts are muted");
  });

  it("says the first sync is still running", () => {
    assert.match(firstSyncRunningMessage().text, /first GitLab sync is still running/);
  });
});

describe("post to channel", () => {
  it("appends a Post to channel button carrying the payload", () => {
    const message = withPostToChannelButton(helpMessage(), "contributors 2026-10");
    const last = message.blocks[message.blocks.length - 1];
    assert.ok(last?.type === "actions");
    const button = last.elements[0];
    assert.ok(button?.type === "button");
    assert.equal(button.action_id, POST_TO_CHANNEL_ACTION);
    assert.equal(button.value, "contributors 2026-10");
    assert.equal(button.text.text, "Post to channel");
  });

  it("refuses a payload longer than Slack's button value limit", () => {
    assert.throws(() => withPostToChannelButton(helpMessage(), "x".repeat(2001)), PayloadTooLongError);
  });

  it("adds a Posted by line with a user mention", () => {
    const posted = postedByContext(helpMessage(), "U024BE7LH");
    assert.ok(allText(posted.blocks).endsWith("Posted by <@U024BE7LH>"));
    assert.ok(allText(postedByContext(helpMessage(), "<!here>").blocks).endsWith("Posted by &lt;!here&gt;"));
  });
});
