/**
 * `/engagement issues [days]` against the known store: 4 labelled items in the last 7 days (the default window with
 * no digest yet; one an epic, one titled `<!channel> & <b>hi</b>`), a 5th 17 days old. Then 60 more issues: the
 * card lists 20 and says how many it left out, within Slack's limits.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW, seedManyIssues } from "../../support/store-fixtures.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

/** Sections holding one issue each ("• <url|title> `ref` · …"). */
const issueLines = (text: string): string[] => text.split("\n").filter((line) => line.startsWith("• "));

describe("/engagement issues", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("lists the last 7 days' labelled issues, newest first", async () => {
    const reply = ephemeralReply(await bot.command("issues"));
    assert.equal(reply.text, "4 new User engagement issues since 9 Nov 2026");
    const text = blocksText(reply.blocks);
    assertIncludes(text, "New User engagement issues");
    assertIncludes(
      text,
      "*4* new issues since <!date^1794216600^{date_short_pretty}|9 Nov 2026 09:30 UTC>, newest first:",
    );
    const lines = issueLines(text);
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? "", /`gitlab-com\/www-gitlab-com#101` · by mallory/);
    assert.match(
      lines[1] ?? "",
      /^• <https:\/\/gitlab.com\/gitlab-com\/marketing\/-\/issues\/7\|Plan the hackathon livestream> `gitlab-com\/marketing#7` · by alice · /,
    );
    assert.match(lines[2] ?? "", /Contributor onboarding> `gitlab-com&amp;55` · epic · by bob/);
    assert.match(lines[3] ?? "", /Update the contributor guide/);
    assert.ok(!text.includes("An older idea"), "17 days old is outside the default window");
    assert.equal(postButtonValue(reply), "issues");
  });

  it("widens or narrows the window with a day count, named in the header and the button", async () => {
    const wide = ephemeralReply(await bot.command("issues 30"));
    assertIncludes(wide.text, "5 new User engagement issues");
    assertIncludes(blocksText(wide.blocks), "New User engagement issues, last 30 days");
    assertIncludes(blocksText(wide.blocks), "An older idea");
    assert.equal(postButtonValue(wide), "issues 30");

    const narrow = ephemeralReply(await bot.command("issues 3"));
    assertIncludes(narrow.text, "2 new User engagement issues");
    assert.equal(issueLines(blocksText(narrow.blocks)).length, 2);
    assert.equal(postButtonValue(narrow), "issues 3");
  });

  it("renders the <!channel> title escaped, never as a live mention", async () => {
    const reply = ephemeralReply(await bot.command("issues"));
    const text = blocksText(reply.blocks);
    assertIncludes(text, "|&lt;!channel&gt; &amp; &lt;b&gt;hi&lt;/b&gt;>");
    assert.ok(!text.includes("<!channel>"));
    assert.ok(!reply.text.includes("<!channel>"));
  });

  for (const text of ["issues 0", "issues 366", "issues -1", "issues ten", "issues 1 2"]) {
    it(`answers "${text}" with the usage`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      assertIncludes(`${reply.text}\n${blocksText(reply.blocks)}`, "/engagement issues [days, 1–365]");
      assert.equal(postButtonValue(reply), undefined);
    });
  }

  it("caps 64 new issues at 20 lines and says how many more, within limits", async () => {
    await seedManyIssues(bot.runtime.store, { now: KNOWN_NOW, count: 60 });
    const reply = ephemeralReply(await bot.command("issues"));
    assert.equal(reply.text, "64 new User engagement issues since 9 Nov 2026");
    const text = blocksText(reply.blocks);
    assertIncludes(text, "*64* new issues since");
    const lines = issueLines(text);
    assert.equal(lines.length, 20);
    // the 60 bulk issues are minutes old, so they come first, newest (number 1) first
    assertIncludes(lines[0] ?? "", "Issue number 1>");
    assertIncludes(lines[19] ?? "", "Issue number 20>");
    assertIncludes(text, "…and 44 more");
    assert.ok(reply.blocks.length <= 50);
    assert.equal(postButtonValue(reply), "issues");
  });
});
