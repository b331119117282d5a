import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestMessages } from "../../../src/slack/blocks/digest-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, epic, HOUR_MS, NOW_MS, report } from "./report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

describe("digestMessages", () => {
  it("names its week in the header, in the report's time zone", () => {
    const { top } = digestMessages(report(), options);
    assert.deepEqual(top.blocks[0], {
      type: "header",
      text: { type: "plain_text", text: "Weekly digest — week 46, 9–15 Nov 2026", emoji: true },
    });
    // Monday 30 Nov 2026 01:00 UTC is still Sunday 29 Nov in Los Angeles: week 48 there, week 49 in UTC
    const monday = Date.parse("2026-11-30T01:00:00Z");
    const header = (timezone: string) =>
      allText(digestMessages(report({ timezone }), { ...options, nowMs: monday }).top.blocks[0]);
    assert.match(header("UTC"), /Weekly digest — week 49, 30 Nov–6 Dec 2026/);
    assert.match(header("America/Los_Angeles"), /Weekly digest — week 48, 23–29 Nov 2026/);
  });

  it("leads with the contributors added since the last digest, then the month's standing", () => {
    const { top } = digestMessages(report(), options);
    const text = allText(top.blocks);
    assert.ok(
      text.includes(
        ":chart_with_upwards_trend: *+57 contributors* in November 2026 since the last digest (<!date^1794128400^{date_short_pretty}|8 Nov 2026 09:00 UTC>)",
      ),
      text,
    );
    assert.ok(text.indexOf("*+57 contributors*") < text.indexOf("*412 of 1,000*"), "the change comes first");
    assert.ok(
      top.text.startsWith(
        "Weekly digest — week 46, 9–15 Nov 2026: +57 contributors in November 2026 since the last digest (8 Nov 2026); 412 of 1,000",
      ),
      top.text,
    );
    const base = report();
    const first = report({
      contributors: {
        ...base.contributors,
        sinceLastDigest: { since: "2026-11-08T12:00:00Z", lastDigest: false, added: 1 },
      },
    });
    assert.ok(
      allText(digestMessages(first, options).top.blocks).includes(
        "*+1 contributor* in November 2026 in the last 7 days",
      ),
    );
    assert.ok(!allText(top.blocks).includes("ended at"), "mid-month: no month-end result");
  });

  it("in the first days of a month, leads with the final result of the month that just ended", () => {
    const base = report();
    const december = report({
      month: "2026-12",
      contributors: {
        ...base.contributors,
        monthJustEnded: { month: "2026-11", count: 1030, percentOfTarget: 103, targetReached: true },
      },
    });
    const { top } = digestMessages(december, { ...options, nowMs: Date.parse("2026-12-07T09:00:00Z") });
    const text = allText(top.blocks);
    assert.ok(
      text.includes(
        ":checkered_flag: *November 2026 ended at 1,030 of 1,000* wider-community contributors (103%, the target reached)\n:chart_with_upwards_trend: *+57 contributors* in December 2026",
      ),
      text,
    );
    assert.match(
      top.text,
      /^Weekly digest — week 50, 7–13 Dec 2026: November 2026 ended at 1,030 of 1,000 wider-community contributors \(103%, the target reached\); \+57/,
    );
  });

  it("leads with contributors vs target and status", () => {
    const { top } = digestMessages(report(), options);
    const text = allText(top.blocks);
    assert.ok(
      text.includes(
        ":busts_in_silhouette: *412 of 1,000* wider-community contributors in November 2026 so far — :large_yellow_circle: at risk",
      ),
    );
    assert.ok(top.text.includes("; 412 of 1,000 contributors in November 2026 (at risk)"), top.text);
    assert.ok(text.includes("projected 857 by month end · 41% ▓▓▓▓░░░░░░"), "the figures, then the bar");
    const headline = text.indexOf("*412 of 1,000*");
    const workstreams = text.indexOf("*Workstreams*");
    assert.ok(headline >= 0 && headline < workstreams, "the number that matters comes first");
  });

  it("one line per workstream: its KPIs against their targets, the change since last month, its epic's progress", () => {
    const text = allText(digestMessages(report(), options).top.blocks);
    assert.ok(
      text.includes(
        "• *Technical content (brand awareness)* — Active community members 1,500 of 2,000 (75%) in October 2026, " +
          "+200 since September 2026 · epic <https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>: 30% (3/10 issues closed) ▓▓▓░░░░░░░",
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
    assert.ok(
      welcome?.includes(
        "New Person (<https://gitlab.com/newbie|newbie>), Second Person (<https://gitlab.com/second|second>)",
      ),
    );
    assert.ok(issues?.includes("Issue number 5"));
    assert.ok(top?.includes("1. *Ada Lovelace* <https://gitlab.com/ada|ada> — 12 merged MRs"));
    for (const message of thread) assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("carries the stale-data warning", () => {
    const stale = digestMessages(report(), { nowMs: NOW_MS + 30 * HOUR_MS, staleAfterMs: 2 * HOUR_MS });
    assert.ok(allText(stale.top.blocks).includes(":warning: Data is 1 day old"));
  });
});
