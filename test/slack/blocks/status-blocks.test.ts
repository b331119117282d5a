import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { statusMessage } from "../../../src/slack/blocks/status-blocks.js";
import { allText, ESCAPED_NASTY, epic, HOUR_MS, NASTY_TITLE, NOW_MS, report } from "./report-fixtures.js";

const fresh = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

describe("statusMessage", () => {
  it("shows the count against the target with bar, status, projection and needed pace", () => {
    const message = statusMessage(report(), fresh);
    const text = allText(message.blocks);
    assert.match(text, /\*412\* of \*1,000\* wider-community contributors this month/);
    assert.ok(text.includes(":large_yellow_circle: at risk · 41% ▓▓▓▓░░░░░░"), text);
    assert.ok(text.includes(":large_yellow_circle: at risk"));
    assert.ok(text.includes("857 by month end"));
    // people are whole: 39.2 needed a day is 40, 480.5 expected is 481
    assert.ok(text.includes("40 contributors a day"));
    assert.ok(text.includes("481 (you are at 86% of it)"));
    assert.equal(message.text, "412 of 1,000 contributors in November 2026: at risk");
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("draws the 12-month trend with first and last month labels, leaving out the running month", () => {
    const text = allText(statusMessage(report(), fresh).blocks);
    assert.match(text, /\*Trend\* Nov 2025–Oct 2026: 300 → 850 [▁▂▃▄▅▆▇█]{12}\n/);
  });

  it("shows epic progress, epics without issues and unavailable epics with the reason", () => {
    const text = allText(statusMessage(report(), fresh).blocks);
    assert.ok(text.includes("<https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>"));
    assert.ok(text.includes("30% (3/10 issues closed) ▓▓▓░░░░░░░"));
    assert.ok(text.includes("no issues yet"));
    assert.ok(text.includes("unavailable: 403 Forbidden: epics need a GITLAB_TOKEN"));
  });

  it("counts new labelled issues and dates the data with a Slack date", () => {
    const text = allText(statusMessage(report(), fresh).blocks);
    assert.ok(text.includes(":memo: *2* new User engagement issues since <!date^"));
    assert.ok(text.includes("Data as of <!date^1794743100^{date_short_pretty} at {time}|15 Nov 2026 11:45 UTC>"));
  });

  it("warns only when data is older than staleAfterMs", () => {
    assert.ok(!allText(statusMessage(report(), fresh).blocks).includes(":warning:"));
    const stale = statusMessage(report(), { nowMs: NOW_MS + 5 * HOUR_MS, staleAfterMs: 2 * HOUR_MS });
    assert.match(allText(stale.blocks), /:warning: Data is 5 hours old \(last successful GitLab sync <!date\^/);
  });

  it("warns when GitLab never synced", () => {
    const text = allText(statusMessage(report({ dataAsOf: null }), fresh).blocks);
    assert.ok(text.includes(":warning: GitLab data has never been synced"));
    assert.ok(text.includes("Data: not synced yet"));
  });

  it("warns after three consecutive sync failures, escaping the error", () => {
    const failing = (consecutiveFailures: number) =>
      report({
        sync: { lastSuccessAt: "2026-11-15T11:45:00Z", lastError: `boom ${NASTY_TITLE}`, consecutiveFailures },
      });
    assert.ok(!allText(statusMessage(failing(2), fresh).blocks).includes("has failed"));
    const text = allText(statusMessage(failing(3), fresh).blocks);
    assert.ok(
      text.includes(
        `:warning: GitLab sync has failed 3 times since <!date^1794743100^{date_short_pretty} at {time}|15 Nov 2026 11:45 UTC>: boom ${ESCAPED_NASTY}`,
      ),
    );
  });

  it("renders an unknown status as too early to tell, without a projection", () => {
    const base = report();
    const early = report({ contributors: { ...base.contributors, status: "unknown", elapsedFraction: 0.05 } });
    const message = statusMessage(early, fresh);
    const text = allText(message.blocks);
    assert.ok(text.includes(":white_circle: too early to tell"));
    assert.ok(text.includes("*Projected*\ntoo early to tell"));
    assert.ok(!text.includes("857 by month end"));
    assert.match(message.text, /too early to tell/);
  });

  it("escapes GitLab-sourced epic titles", () => {
    const text = allText(statusMessage(report({ epics: [epic({ title: NASTY_TITLE })] }), fresh).blocks);
    assert.ok(text.includes(ESCAPED_NASTY));
    assert.ok(!text.includes("<!channel>"));
  });
});
