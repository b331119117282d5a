import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actions, button, context, header, type KnownBlock, section } from "../../../src/slack/blocks/block-kit.js";
import { issuesMessage } from "../../../src/slack/blocks/issues-blocks.js";
import { checkLimits, enforceLimits } from "../../../src/slack/blocks/limits.js";
import { listSections } from "../../../src/slack/blocks/list-blocks.js";
import { issue, report } from "./report-fixtures.js";

const text = "fallback";

function lastContentText(blocks: KnownBlock[]): string {
  const content = blocks.filter((block) => block.type !== "actions");
  const last = content[content.length - 1];
  assert.ok(last !== undefined && last.type === "context");
  const element = last.elements[0];
  assert.ok(element !== undefined && "text" in element && typeof element.text === "string");
  return element.text;
}

describe("checkLimits", () => {
  it("accepts a small valid message", () => {
    assert.deepEqual(checkLimits({ text, blocks: [header("Hi"), section("body")] }, { surface: "message" }), []);
  });

  it("counts blocks against the surface's maximum", () => {
    const blocks = Array.from({ length: 60 }, (_, i) => section(`line ${i}`));
    assert.equal(checkLimits({ text, blocks }, { surface: "message" }).length, 1);
    assert.deepEqual(checkLimits({ blocks }, { surface: "home" }), []);
    const many = Array.from({ length: 101 }, (_, i) => section(`line ${i}`));
    assert.match(checkLimits({ blocks: many }, { surface: "home" })[0] ?? "", /101 blocks \(max 100 on home\)/);
  });

  it("flags every text limit", () => {
    const problems = checkLimits(
      {
        text: "t".repeat(3001),
        blocks: [
          header("h".repeat(151)),
          section("s".repeat(3001)),
          {
            type: "section",
            fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f".repeat(2001) })),
          },
          { type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "c" })) },
          actions(button("b".repeat(76), "x", "v".repeat(2001))),
        ],
      },
      { surface: "message" },
    );
    const all = problems.join("\n");
    for (const expected of [
      "text fallback is 3001 chars",
      "header text is 151 chars",
      "section text is 3001 chars",
      "11 fields",
      "field 0 is 2001 chars",
      "11 context elements",
      "button text is 76 chars",
      "button value is 2001 chars",
    ]) {
      assert.ok(all.includes(expected), `missing "${expected}" in:\n${all}`);
    }
  });

  it("requires a text fallback on messages", () => {
    assert.deepEqual(checkLimits({ text: " ", blocks: [section("x")] }, { surface: "message" }), [
      "text fallback is missing",
    ]);
  });
});

describe("enforceLimits", () => {
  it("returns a valid message unchanged", () => {
    const message = { text, blocks: [header("Hi"), section("body")] };
    assert.deepEqual(enforceLimits(message, "message"), message);
  });

  it("truncates a 60-issue list to at most 50 blocks ending with …and N more (N issues)", () => {
    const many = report({ newIssues: Array.from({ length: 60 }, (_, i) => issue(i)) });
    const full = issuesMessage(many, { cap: 60 });
    assert.ok(full.blocks.length <= 50);
    assert.deepEqual(checkLimits(full, { surface: "message" }), []);
    // header + count line + 47 issues kept, then the note: 13 issues were dropped
    assert.equal(lastContentText(full.blocks), "…and 13 more");
    const shownIssues = full.blocks.filter((block) => block.block_id?.startsWith("issues.")).length;
    assert.equal(shownIssues + 13, 60);
  });

  it("counts dropped list items, not dropped blocks", () => {
    const items = Array.from({ length: 600 }, (_, i) => `item ${i}`);
    const blocks = listSections("people", items, { cap: 600, perBlock: 10 });
    assert.equal(blocks.length, 60);
    const fitted = enforceLimits({ text, blocks }, "message");
    assert.equal(fitted.blocks.length, 50);
    assert.equal(lastContentText(fitted.blocks), `…and ${600 - 49 * 10} more`);
  });

  it("keeps action buttons when dropping blocks", () => {
    const blocks: KnownBlock[] = [
      ...Array.from({ length: 70 }, (_, i) => section(`line ${i}`)),
      actions(button("Post to channel", "post_to_channel", "status")),
    ];
    const fitted = enforceLimits({ text, blocks }, "message");
    assert.equal(fitted.blocks.length, 50);
    assert.equal(fitted.blocks[49]?.type, "actions");
    assert.equal(lastContentText(fitted.blocks), "…and 22 more");
  });

  it("cuts over-long texts so the result passes checkLimits", () => {
    const message = {
      text: "t".repeat(5000),
      blocks: [
        header("h".repeat(400)),
        section(`${"s".repeat(2990)} <https://gitlab.com/a|a link that would be split>`),
        context("c".repeat(4000)),
        actions(button("b".repeat(100), "x")),
      ],
    };
    assert.notDeepEqual(checkLimits(message, { surface: "message" }), []);
    const fitted = enforceLimits(message, "message");
    assert.deepEqual(checkLimits(fitted, { surface: "message" }), []);
    const body = fitted.blocks[1];
    assert.ok(body?.type === "section" && body.text !== undefined);
    assert.ok(body.text.text.endsWith("…"));
    assert.ok(!body.text.text.includes("<https"), "a half link must not survive");
  });
});
