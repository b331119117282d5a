import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestText } from "../../src/text/digest-text.js";
import { HOUR_MS, issue, NOW_MS, report } from "../slack/blocks/report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

describe("digestText", () => {
  it("has the same content as plain text", () => {
    const text = digestText(report(), options);
    assert.ok(text.includes("412 of 1,000 wider-community contributors so far — at risk"));
    assert.ok(
      text.includes(
        "Technical content (brand awareness) — Active community members 1,500 of 2,000 (75%) in October 2026, +200 since September 2026 · epic: 30% (3/10 issues closed) ▓▓▓░░░░░░░",
      ),
    );
    assert.ok(
      text.includes(
        "Certifications (total): not recorded for October 2026 — @U0CERTS01, `/engagement record` · epic: unavailable: 403",
      ),
    );
    assert.ok(text.includes("First-time contributors: 2\n  New Person (@newbie)"));
    assert.ok(text.includes("New User engagement issues since 2026-11-08 09:00 UTC: 2"));
    assert.ok(text.includes("1. @ada — 12 merged MRs"));
    assert.ok(text.includes("Data as of 2026-11-15 11:45 UTC"));
    assert.ok(!text.includes("*"), "no mrkdwn");
  });

  it("strips terminal control characters from GitLab strings", () => {
    const text = digestText(report({ newIssues: [issue(1, { title: "evil \u001b[2Jtitle" })] }));
    assert.ok(!text.includes("\u001b"));
    assert.ok(text.includes("evil [2Jtitle"));
  });

  it("warns about stale data and repeated failures", () => {
    const failing = report({
      sync: { lastSuccessAt: "2026-11-15T11:45:00Z", lastError: "502", consecutiveFailures: 4 },
    });
    const text = digestText(failing, { nowMs: NOW_MS + 5 * HOUR_MS, staleAfterMs: HOUR_MS });
    assert.ok(text.includes("! Data is 5 hours old"));
    assert.ok(text.includes("! GitLab sync has failed 4 times since 2026-11-15 11:45 UTC: 502"));
  });
});
