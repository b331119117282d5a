import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { issuesMessage } from "../../../src/slack/blocks/issues-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, ESCAPED_NASTY, issue, NASTY_TITLE, report } from "./report-fixtures.js";

describe("issuesMessage", () => {
  it("lists new issues newest first, linked, with ref and author", () => {
    const message = issuesMessage(report());
    const text = allText(message.blocks);
    const first = text.indexOf("Issue number 5");
    const second = text.indexOf("Issue number 1");
    assert.ok(first >= 0 && second > first, "newest (day 6) before oldest (day 2)");
    assert.ok(
      text.includes(
        "• <https://gitlab.com/gitlab-com/community/-/issues/101|Issue number 1> `gitlab-com/community#101` · by author1 · <!date^",
      ),
    );
    assert.ok(text.includes("`gitlab-com&amp;9` · epic · by author5"));
    assert.equal(message.text, "2 new User engagement issues since 8 Nov 2026", "a date for people, not ISO");
  });

  it("escapes titles and authors", () => {
    const nasty = report({ newIssues: [issue(1, { title: NASTY_TITLE, author: "<@U123>" })] });
    const text = allText(issuesMessage(nasty).blocks);
    assert.ok(text.includes(`|${ESCAPED_NASTY}>`));
    assert.ok(text.includes("by &lt;@U123&gt;"));
    assert.ok(!text.includes("<!channel>"));
  });

  it("caps at 20 with …and N more", () => {
    const many = report({ newIssues: Array.from({ length: 60 }, (_, i) => issue(i)) });
    const message = issuesMessage(many);
    const listed = message.blocks.filter((block) => /^issues\.\d+\./.test(block.block_id ?? ""));
    assert.equal(listed.length, 20);
    assert.ok(allText(message.blocks).includes("…and 40 more"));
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("says so when there are no new issues", () => {
    const message = issuesMessage(report({ newIssues: [] }), { title: "Since Monday" });
    const text = allText(message.blocks);
    assert.ok(text.includes("Since Monday"));
    assert.ok(text.includes("No new User engagement issues since <!date^1794128400^{date_short_pretty}|"));
  });
});
