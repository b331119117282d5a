import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestMessages } from "../../../src/slack/blocks/digest-blocks.js";
import { digestText } from "../../../src/slack/blocks/digest-text.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { matchWorkstreams } from "../../../src/slack/blocks/workstreams.js";
import { allText, epic, HOUR_MS, issue, NOW_MS, report } from "./report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

describe("matchWorkstreams", () => {
  it("matches epics by ref suffix in workstream order, then lists the rest", () => {
    const epics = [
      epic({ ref: "gitlab-com&42", title: "Extra" }),
      epic({ ref: "gitlab-com&1796" }),
      epic({ ref: "gitlab-com&11795", title: "Not 1795" }),
      epic({ ref: "gitlab-com/customer-success/professional-services-group&1277" }),
      epic({ ref: "gitlab-com&1795" }),
    ];
    const matched = matchWorkstreams(epics).map(({ workstream, epic }) => [workstream?.name ?? null, epic.ref]);
    assert.deepEqual(matched, [
      ["Technical content (brand awareness)", "gitlab-com&1795"],
      ["DevOps Architect certification", "gitlab-com/customer-success/professional-services-group&1277"],
      ["1,000 contributors/month", "gitlab-com&1796"],
      [null, "gitlab-com&42"],
      [null, "gitlab-com&11795"],
    ]);
  });
});

describe("digestMessages", () => {
  it("leads with contributors vs target and status", () => {
    const { top } = digestMessages(report(), options);
    const text = allText(top.blocks);
    assert.ok(
      text.includes(
        ":busts_in_silhouette: *412 of 1,000* wider-community contributors in November 2026 so far — :large_yellow_circle: at risk",
      ),
    );
    assert.ok(top.text.startsWith("Weekly digest: 412 of 1,000 contributors in November 2026 (at risk)"));
    const headline = text.indexOf("*412 of 1,000*");
    const workstreams = text.indexOf("*Workstreams*");
    assert.ok(headline >= 0 && headline < workstreams, "the number that matters comes first");
  });

  it("lists the three workstreams with their epic's progress; contributor numbers sit with &1796", () => {
    const text = allText(digestMessages(report(), options).top.blocks);
    assert.ok(
      text.includes(
        "• *Technical content (brand awareness)* — <https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>: ▓▓▓░░░░░░░ 30%",
      ),
    );
    assert.ok(
      text.includes(
        "• *DevOps Architect certification* — gitlab-com/customer-success/professional-services-group&amp;1277: :no_entry_sign: unavailable",
      ),
    );
    assert.match(
      text,
      /• \*1,000 contributors\/month\* — <[^>]+>: no issues yet\n {4}412 contributors this month · trend Nov 2025/,
    );
  });

  it("still lists a configured epic outside the three workstreams", () => {
    const extra = report({ epics: [...report().epics, epic({ ref: "gitlab-org&5", title: "Hackathon" })] });
    assert.ok(
      allText(digestMessages(extra, options).top.blocks).includes(
        "• *Other epic* — <https://gitlab.com/groups/gitlab-com/-/epics/1795|Hackathon>",
      ),
    );
  });

  it("puts first-timers, new issues and top contributors in the thread", () => {
    const { thread } = digestMessages(report(), options);
    assert.equal(thread.length, 3);
    const [welcome, issues, top] = thread.map((message) => allText(message.blocks));
    assert.ok(welcome?.includes("Welcome to our 2 first-time contributors"));
    assert.ok(welcome?.includes("<https://gitlab.com/newbie|New Person>, <https://gitlab.com/second|Second Person>"));
    assert.ok(issues?.includes("Issue number 5"));
    assert.ok(top?.includes("1. *Ada Lovelace* @ada — 12 merged MRs"));
    for (const message of thread) assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("carries the stale-data warning", () => {
    const stale = digestMessages(report(), { nowMs: NOW_MS + 30 * HOUR_MS, staleAfterMs: 2 * HOUR_MS });
    assert.ok(allText(stale.top.blocks).includes(":warning: Data is 1 day old"));
  });
});

describe("digestText", () => {
  it("has the same content as plain text", () => {
    const text = digestText(report(), options);
    assert.ok(text.includes("412 of 1,000 wider-community contributors so far — at risk"));
    assert.ok(
      text.includes(
        "Technical content (brand awareness) — Technical content <https://gitlab.com/groups/gitlab-com/-/epics/1795>: ▓▓▓░░░░░░░ 30%",
      ),
    );
    assert.ok(
      text.includes(
        "DevOps Architect certification — gitlab-com/customer-success/professional-services-group&1277: unavailable: 403",
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
