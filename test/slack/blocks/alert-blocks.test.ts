import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { paceAlertMessage, paceRecoveryMessage } from "../../../src/slack/blocks/alert-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, report } from "./report-fixtures.js";

function behind() {
  const base = report();
  return report({
    contributors: {
      ...base.contributors,
      count: 300,
      expectedByNow: 480.5,
      ratio: 0.624,
      projected: 624,
      status: "behind",
    },
  });
}

describe("paceAlertMessage", () => {
  it("says what fell behind, by how much, the projection, the needed pace and links the epics", () => {
    const message = paceAlertMessage(behind(), "on_track");
    const text = allText(message.blocks);
    assert.ok(
      text.includes(
        ":red_circle: Contributor pace has fallen *behind* for November 2026 (was :large_green_circle: on track).",
      ),
    );
    assert.ok(text.includes("count is *300* against *481* expected by now: *62%* of the expected pace, 181 short."));
    assert.ok(text.includes("*Projected:* 624 by month end (target 1,000)"));
    assert.ok(text.includes("*Needed:* 40 contributors a day"));
    assert.ok(text.includes("Epics: <https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>"));
    assert.equal(
      message.text,
      "Contributor pace is behind: 300 contributors vs 481 expected by now (62%), projected 624 by month end",
    );
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("handles a first alert with no previous status and the at-risk wording", () => {
    const text = allText(paceAlertMessage(report(), null).blocks);
    assert.ok(text.includes(":large_yellow_circle: Contributor pace is now *at risk* for November 2026."));
    assert.ok(!text.includes("(was"));
  });
});

describe("paceRecoveryMessage", () => {
  it("is a short note with the new status and the numbers", () => {
    const base = report();
    const recovered = report({
      contributors: { ...base.contributors, count: 500, ratio: 1.041, status: "on_track" },
    });
    const message = paceRecoveryMessage(recovered, "behind");
    assert.ok(
      allText(message.blocks).includes(
        ":large_green_circle: Contributor pace is back *on track* (was :red_circle: behind): 500 contributors vs 481 expected by now (104%).",
      ),
    );
    assert.ok(message.blocks.length <= 2);
    assert.match(paceRecoveryMessage(report(), "behind").text, /has improved to at risk/);
  });
});
