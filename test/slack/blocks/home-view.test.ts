import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOME_REFRESH_ACTION, homeView } from "../../../src/slack/blocks/home-view.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, HOUR_MS, NOW_MS, report } from "./report-fixtures.js";

describe("homeView", () => {
  it("is a home view with the dashboard and a Refresh button", () => {
    const view = homeView(report(), { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS, alertsMuted: true });
    assert.equal(view.type, "home");
    assert.equal(HOME_REFRESH_ACTION, "home_refresh");
    const refresh = view.blocks.find((block) => block.type === "actions");
    assert.ok(refresh?.type === "actions");
    assert.equal(refresh.elements[0]?.action_id, "home_refresh");
    const text = allText(view.blocks);
    for (const expected of [
      "*412* of *1,000*",
      "Technical content",
      "*New User engagement issues*",
      "Issue number 5",
      "1. *Ada Lovelace* <https://gitlab.com/ada|ada>",
      ":no_bell: Pace alerts are muted.",
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.deepEqual(checkLimits(view, { surface: "home" }), []);
  });
});
