import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { funnelJson, funnelText, renderFunnelOutput } from "../../src/text/funnel-text.js";
import { report } from "../slack/blocks/report-fixtures.js";

describe("funnel text", () => {
  const r = report();

  it("prints the 6 months oldest first, new vs returning, retention, open MR age and the drifting list", () => {
    const text = renderFunnelOutput(r, false);
    assert.match(text, /^ {2}Jun 2026: 640 opened · 210 first-time · 120 of them merged \(57%\)$/m);
    assert.ok(text.indexOf("Jun 2026") < text.indexOf("Nov 2026"));
    assert.match(text, /^Contributors 2026-11: 412 \(2 new · 410 returning\)$/m);
    assert.match(text, /^Retention: 41 of Aug 2026's 118 first-time contributors merged again \(35%\)$/m);
    assert.match(text, /^Open MRs: 1,240 open · median age 23\.4 days · 410 stalled \(no update in 14 days\)$/m);
    assert.match(text, /^ {2}kweber {2}https:\/\/gitlab\.com\/kweber {2}last merged 2026-08-20 · 14 MRs merged$/m);
  });

  it("with driftingList false (the demo): the same funnel, the drifting count without the list", () => {
    const full = renderFunnelOutput(r, false);
    const short = funnelText(r, { driftingList: false });
    assert.equal(funnelText(r), full);
    assert.match(short, /^Drifting \(people to reach out to\): \d+\n$/m);
    assert.doesNotMatch(short, /kweber/);
    assert.equal(short, full.slice(0, full.indexOf("Drifting")) + short.slice(short.indexOf("Drifting")));
  });

  it("--json carries exactly the funnel's keys of status --json", () => {
    const json = funnelJson(r);
    assert.deepEqual(json.drifting.top[0], {
      username: "kweber",
      lastMergedAt: "2026-08-20T10:00:00.000Z",
      mergedCount: 14,
    });
    assert.deepEqual(json.retention, { cohortMonth: "2026-08", cohort: 118, retained: 41, rate: 0.347 });
    assert.deepEqual(json.contributors, { count: 412, firstTime: 2, returning: 410 });
  });
});
