/**
 * GitLab-sourced text is untrusted: an issue titled `<!channel> & <b>hi</b>` and a contributor whose display name
 * holds `<!here>` and a user mention must show as text in every reply, the Home tab and a posted card, never as a
 * live mention that pings a channel.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KnownBlock } from "../../../src/slack/blocks/block-kit.js";
import type { TestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW } from "../../support/store-fixtures.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, type SlackReply, visibleText } from "./reply-checks.js";

const LIVE_MENTIONS = ["<!channel>", "<!here>", "<@U0ADMIN01>", "<b>"];

function assertNoLiveMention(shown: string, where: string): void {
  for (const mention of LIVE_MENTIONS) assert.ok(!shown.includes(mention), `${mention} is live in ${where}`);
}

describe("untrusted GitLab text in replies", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot({
      extra: async (runtime) => {
        await runtime.store.upsertMergeRequests([
          {
            id: 8_001,
            projectId: 1,
            projectPath: "gitlab-org/gitlab",
            iid: 8_001,
            groupPath: "gitlab-org",
            authorId: 666,
            authorUsername: "mallory",
            authorName: "<!here> <@U0ADMIN01> Mallory",
            mergedAtMs: KNOWN_NOW.getTime() - 3_600_000,
            labels: ["Community contribution"],
            webUrl: "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/8001",
            title: "<!channel>",
          },
        ]);
      },
    });
  });
  after(async () => {
    await bot.stop();
  });

  for (const command of ["status", "contributors", "epics", "issues", "issues 30", "digest"]) {
    it(`"${command}" shows no live mention`, async () => {
      const reply = ephemeralReply(await bot.command(command));
      assertNoLiveMention(visibleText(reply), command);
    });
  }

  it("shows the title and the name escaped where they appear", async () => {
    const issues = ephemeralReply(await bot.command("issues"));
    assertIncludes(blocksText(issues.blocks), "&lt;!channel&gt; &amp; &lt;b&gt;hi&lt;/b&gt;");
    const contributors = ephemeralReply(await bot.command("contributors"));
    assertIncludes(
      blocksText(contributors.blocks),
      "*&lt;!here&gt; &lt;@U0ADMIN01&gt; Mallory* <http://127.0.0.1:9/mallory|mallory> — 1 merged MR",
    );
    const digest = ephemeralReply(await bot.command("digest"));
    assertIncludes(blocksText(digest.blocks), "&lt;!channel&gt; &amp; &lt;b&gt;hi&lt;/b&gt;");
    assertIncludes(blocksText(digest.blocks), "&lt;!here&gt; &lt;@U0ADMIN01&gt; Mallory");
  });

  it("keeps them escaped in a card posted to the channel", async () => {
    const responseUrl = bot.sink.url("actions/T0001/injection/r");
    await bot.click("post_to_channel", "digest", { responseUrl });
    const [post] = await bot.sink.waitFor(responseUrl);
    const posted = post?.body as unknown as SlackReply;
    assert.equal(posted.response_type, "in_channel");
    assertIncludes(blocksText(posted.blocks), "&lt;!channel&gt;");
    assertNoLiveMention(visibleText(posted), "the posted digest");
  });

  it("keeps them escaped on the Home tab", async () => {
    await bot.event({ type: "app_home_opened", user: "U0HOMEINJ1", channel: "D0HOMEINJ1", tab: "home" });
    const [call] = await bot.slack.waitFor("views.publish");
    assert.ok(call, "views.publish");
    const blocks = (call.params.view as { blocks: KnownBlock[] }).blocks;
    assertIncludes(blocksText(blocks), "&lt;!channel&gt; &amp; &lt;b&gt;hi&lt;/b&gt;");
    assertNoLiveMention(blocksText(blocks), "the Home tab");
  });
});
