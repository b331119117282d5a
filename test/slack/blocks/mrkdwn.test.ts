import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeMrkdwn, inlineCode, mrkdwnLink, safeText, truncateMrkdwn } from "../../../src/slack/blocks/mrkdwn.js";
import { ESCAPED_NASTY, NASTY_TITLE } from "./report-fixtures.js";

describe("escapeMrkdwn", () => {
  it("escapes &, < and > so a title cannot ping the channel", () => {
    assert.equal(escapeMrkdwn(NASTY_TITLE), ESCAPED_NASTY);
  });

  it("escapes & first, so existing entities are shown literally", () => {
    assert.equal(escapeMrkdwn("&lt;"), "&amp;lt;");
  });
});

describe("mrkdwnLink", () => {
  it("builds <url|label> with the label escaped", () => {
    assert.equal(mrkdwnLink("https://gitlab.com/a", "a < b & c"), "<https://gitlab.com/a|a &lt; b &amp; c>");
  });

  it("neutralises | and > in labels", () => {
    const link = mrkdwnLink("https://gitlab.com/a", "x|y>z");
    assert.equal(link, "<https://gitlab.com/a|x¦y&gt;z>");
    assert.equal(link.split("|").length, 2);
  });

  it("renders a non-http url as plain text, never as a mention", () => {
    assert.equal(mrkdwnLink("!channel", "hi"), "hi");
    assert.equal(mrkdwnLink("", "<@U123>"), "&lt;@U123&gt;");
  });

  it("percent-encodes characters that would end the url early", () => {
    assert.equal(mrkdwnLink("https://x.test/a|b>c", "l"), "<https://x.test/a%7Cb%3Ec|l>");
  });
});

describe("truncation", () => {
  it("safeText collapses newlines, caps length and escapes", () => {
    assert.equal(safeText("a\n\n<b>", 150), "a &lt;b&gt;");
    assert.equal(safeText("y".repeat(500), 20).length, 20);
  });

  it("truncateMrkdwn does not split a link or an entity", () => {
    const text = `${"a".repeat(10)}<https://gitlab.com/x|label>`;
    assert.equal(truncateMrkdwn(text, 20), `${"a".repeat(10)}…`);
    assert.equal(truncateMrkdwn("abcd&amp;efgh", 7), "abcd…");
    assert.equal(truncateMrkdwn("short", 10), "short");
  });

  it("inlineCode escapes, caps and removes backticks", () => {
    assert.equal(inlineCode("a`b<c>"), "`a'b&lt;c&gt;`");
    assert.equal(inlineCode("z".repeat(100), 40).length, 42);
  });
});
