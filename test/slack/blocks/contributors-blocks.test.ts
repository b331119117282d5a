import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contributorsMessage, firstTimerLink } from "../../../src/slack/blocks/contributors-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, ESCAPED_NASTY, NASTY_TITLE, report } from "./report-fixtures.js";

describe("contributorsMessage", () => {
  it("shows the month, the count and the change against the previous month", () => {
    const message = contributorsMessage(report());
    const text = allText(message.blocks);
    assert.ok(text.includes("Contributors — November 2026"));
    assert.ok(text.includes("*412* contributors in November 2026 (vs 812 in October 2026: −400 (−49%))"));
    assert.match(message.text, /412 contributors in November 2026/);
  });

  it("shows a rise with a plus sign", () => {
    const base = report();
    const up = report({
      contributors: { ...base.contributors, count: 900, previousMonth: 800, previousMonthToDate: 800 },
    });
    assert.ok(allText(contributorsMessage(up).blocks).includes("+100 (+13%)"));
  });

  it("links first-timers to their profiles by username (never an @name), with escaped names", () => {
    const base = report();
    const nasty = report({
      contributors: {
        ...base.contributors,
        firstTimers: [{ username: "x", name: NASTY_TITLE, webUrl: "https://gitlab.com/x" }],
      },
    });
    const text = allText(contributorsMessage(nasty).blocks);
    assert.ok(text.includes(`${ESCAPED_NASTY} (<https://gitlab.com/x|x>)`), text);
    assert.ok(!text.includes("<!channel>"));
    assert.ok(allText(contributorsMessage(base).blocks).includes("New Person (<https://gitlab.com/newbie|newbie>)"));
    const solo = { username: "solo", webUrl: "https://gitlab.com/solo" };
    assert.equal(firstTimerLink({ ...solo, name: "" }), "<https://gitlab.com/solo|solo>", "no name: the link alone");
    assert.equal(firstTimerLink({ ...solo, name: "solo" }), "<https://gitlab.com/solo|solo>");
  });

  it("caps the first-timer list with …and N more", () => {
    const base = report();
    const many = report({
      contributors: {
        ...base.contributors,
        firstTime: 75,
        firstTimers: Array.from({ length: 75 }, (_, i) => ({
          username: `u${i}`,
          name: `Person ${i}`,
          webUrl: `https://gitlab.com/u${i}`,
        })),
      },
    });
    const message = contributorsMessage(many);
    const text = allText(message.blocks);
    assert.ok(text.includes("Person 59 (<https://gitlab.com/u59|u59>)"));
    assert.ok(!text.includes("Person 60 ("));
    assert.ok(text.includes("…and 15 more"));
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("ranks the top contributors, linked to their GitLab profiles, never as @names", () => {
    const text = allText(contributorsMessage(report()).blocks);
    assert.ok(text.includes("1. *Ada Lovelace* <https://gitlab.com/ada|ada> — 12 merged MRs"), text);
    assert.ok(text.includes("2. *Grace Hopper* <https://gitlab.com/grace|grace> — 1 merged MR"));
    assert.ok(!text.includes("@"));
  });

  it("says how to get every contributor of the month with their MRs (issue 14, item 7), keeping the top 10", () => {
    const text = allText(contributorsMessage(report()).blocks);
    assert.ok(
      text.includes("All 412 contributors with their merge requests: `engagement-bot contributors --month 2026-11`"),
      text,
    );
    assert.ok(text.includes("*Top contributors*"));
  });
});
