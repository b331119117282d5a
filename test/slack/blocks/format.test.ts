import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { slackDate, statusLabel } from "../../../src/slack/blocks/format.js";

describe("format", () => {
  it("renders Slack dates with a fallback written for people (UTC), not an ISO timestamp", () => {
    assert.equal(
      slackDate("2026-11-15T11:45:00Z"),
      "<!date^1794743100^{date_short_pretty} at {time}|15 Nov 2026 11:45 UTC>",
    );
    assert.equal(slackDate("not a date <x>"), "not a date &lt;x&gt;");
  });

  it("words every status", () => {
    assert.equal(statusLabel("on_track"), ":large_green_circle: on track");
    assert.equal(statusLabel("at_risk"), ":large_yellow_circle: at risk");
    assert.equal(statusLabel("behind"), ":red_circle: behind");
    assert.equal(statusLabel("unknown"), ":white_circle: too early to tell");
  });
});
