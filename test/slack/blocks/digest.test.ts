import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestMessages } from "../../../src/slack/blocks/digest-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, epic, HOUR_MS, NOW_MS, report } from "./report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

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

  it("one line per workstream: its KPIs against their targets, the change since last month, its epic's progress", () => {
    const text = allText(digestMessages(report(), options).top.blocks);
    assert.ok(
      text.includes(
        "• *Technical content (brand awareness)* — Active community members 1,500 of 2,000 (75%) in October 2026, " +
          "+200 since September 2026 · epic <https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>: ▓▓▓░░░░░░░ 30%",
      ),
    );
    assert.ok(
      text.includes(
        "• *DevOps Architect certification* — Partner certifications 45 in October 2026, +5 since September 2026 · ",
      ),
    );
    assert.match(
      text,
      /• \*1,000 contributors\/month\* — Wider-community contributors 412 of 1,000 \(41%\) in November 2026 so far, −400 since October 2026 · epic <[^>]+>: no issues yet\n {4}trend Nov 2025/,
    );
  });

  it("a KPI not recorded for last month says so and names its owner", () => {
    const text = allText(digestMessages(report(), options).top.blocks);
    assert.ok(
      text.includes("Certifications (total): not recorded for October 2026 — <@U0CERTS01>, `/engagement record`"),
      text,
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
