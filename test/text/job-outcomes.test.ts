import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDigestOutcome, describePaceOutcome } from "../../src/text/job-outcomes.js";

describe("job outcomes", () => {
  it("says what the pace check did", () => {
    assert.equal(
      describePaceOutcome({ kind: "alerted", month: "2026-11", status: "behind", previous: "at_risk", ts: "1.2" }),
      "2026-11: status at_risk -> behind; alert posted",
    );
    assert.equal(
      describePaceOutcome({ kind: "unknown", month: "2026-11" }),
      "2026-11: too early in the month to judge the pace; nothing posted",
    );
  });

  it("says what the digest did", () => {
    assert.equal(
      describeDigestOutcome({ kind: "failed", period: "2026-W47", error: "not_in_channel" }),
      "The digest for 2026-W47 was not posted: not_in_channel",
    );
  });
});
