import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DriftingContributor } from "../../../src/model/report.js";
import { funnelMessage, homeFunnelBlocks, reachOutMessage } from "../../../src/slack/blocks/funnel-blocks.js";
import { homeView } from "../../../src/slack/blocks/home-view.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { allText, HOUR_MS, NOW_MS, report } from "./report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };

const drifter = (i: number): DriftingContributor => ({
  username: `d${i}`,
  name: i === 0 ? "<!channel> | x" : `Drifter ${i}`,
  webUrl: `https://gitlab.com/d${i}`,
  lastMergedAt: "2026-08-01T10:00:00.000Z",
  mergedCount: 3 + i,
});

describe("funnel blocks", () => {
  it("the card: months oldest first, figures, drifting people linked to GitLab with escaped names", () => {
    const message = funnelMessage(report(), options);
    const text = allText(message.blocks);
    assert.equal(
      message.text,
      "Contributor funnel — Nov 2026: 380 opened · 140 first-time · 31 of them merged (22%) · 410 returning · 2 drifting",
    );
    assert.ok(text.indexOf("Jun 2026: 640 opened") < text.indexOf("Nov 2026: 380 opened"));
    assert.ok(text.includes("412 (2 new · 410 returning)"));
    assert.ok(text.includes("41 of Aug 2026's 118 first-time contributors merged again (35%)"));
    assert.ok(text.includes("1,240 open · median age 23.4 days · 410 stalled"));
    assert.ok(text.includes("• <https://gitlab.com/ada|Ada &lt;Ortiz&gt;> — last merged 2026-07-02 · 5 MRs merged"));
    assert.ok(!/@ada|@kweber/.test(text), "no @username");
    assert.deepEqual(checkLimits(message, { surface: "message" }), []);
  });

  it("shows the top 10 and says how many more drift; a name cannot break out of its link", () => {
    const base = report();
    const many = report({ drifting: { count: 37, top: Array.from({ length: 10 }, (_, i) => drifter(i)) } });
    const text = allText(funnelMessage(many, options).blocks);
    assert.ok(text.includes("*37 drifting contributors*"));
    assert.ok(text.includes("<https://gitlab.com/d0|&lt;!channel&gt; ¦ x>"));
    assert.ok(text.includes("Drifter 9>"));
    assert.ok(text.includes("…and 27 more"));
    assert.ok(!allText(funnelMessage(base, options).blocks).includes("more"));
    const reply = reachOutMessage(many);
    assert.ok(reply);
    assert.equal(reply.text, "37 drifting contributors: people to reach out to");
    assert.deepEqual(checkLimits(reply, { surface: "message" }), []);
  });

  it("no drifting contributors: the card says so, the digest has no reply for it", () => {
    const none = report({ drifting: { count: 0, top: [] } });
    assert.ok(allText(funnelMessage(none, options).blocks).includes("*No drifting contributors*"));
    assert.equal(reachOutMessage(none), null);
  });

  it("the Home tab carries the funnel's months and figures", () => {
    const view = homeView(report(), options);
    const text = allText(view.blocks);
    assert.ok(text.includes("*Contributor funnel*"));
    assert.ok(text.includes(allText(homeFunnelBlocks(report()))));
    assert.deepEqual(checkLimits(view, { surface: "home" }), []);
  });
});
