import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { singleLine, truncateText } from "../../src/wording/one-line.js";

describe("one-line text", () => {
  it("truncateText keeps short text and cuts long text with an ellipsis", () => {
    assert.equal(truncateText("short", 10), "short");
    assert.equal(truncateText("abcdefghij", 5), "abcd…");
    assert.equal(truncateText("abcdefghij", 5).length, 5);
  });

  it("truncateText never splits an emoji", () => {
    const cut = truncateText("😀😀😀", 4);
    assert.equal(cut, "😀…");
    assert.ok(cut.length <= 4);
  });

  it("singleLine collapses newlines and tabs", () => {
    assert.equal(singleLine("  a\n\tb  "), "a b");
  });
});
