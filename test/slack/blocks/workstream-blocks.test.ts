/** The workstream lines on the status card and the Home tab (the digest's are in digest.test.ts), and on a terminal. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { homeView } from "../../../src/slack/blocks/home-view.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { statusMessage } from "../../../src/slack/blocks/status-blocks.js";
import { workstreamLine } from "../../../src/slack/blocks/workstream-blocks.js";
import { renderReportText } from "../../../src/text/report-text.js";
import { allText, HOUR_MS, kpi, NASTY_TITLE, NOW_MS, report, workstreams } from "./report-fixtures.js";

const fresh = { nowMs: NOW_MS, staleAfterMs: 2 * HOUR_MS };
const MISSING = "Certifications (total): not recorded for October 2026 — <@U0CERTS01>, `/engagement record`";

describe("workstream lines", () => {
  it("the status card and the Home tab carry one line per workstream, the missing KPI with its owner", () => {
    for (const blocks of [statusMessage(report(), fresh).blocks, homeView(report(), fresh).blocks]) {
      const text = allText(blocks);
      assert.ok(text.includes("*Workstreams*"));
      assert.ok(
        text.includes("• *Technical content (brand awareness)* — Active community members 1,500 of 2,000 (75%)"),
      );
      assert.ok(text.includes(MISSING));
      assert.ok(text.includes("• *1,000 contributors/month* — Wider-community contributors 412 of 1,000 (41%)"));
    }
    assert.deepEqual(checkLimits(statusMessage(report(), fresh), { surface: "message" }), []);
  });

  it("the terminal says the same in plain text", () => {
    const text = renderReportText(report());
    assert.ok(
      text.includes(
        "Workstreams\n  Technical content (brand awareness) — Active community members 1,500 of 2,000 (75%) in October 2026, +200 since September 2026 · epic: 30% (3/10 issues closed) ▓▓▓░░░░░░░",
      ),
    );
    assert.ok(
      text.includes("Certifications (total): not recorded for October 2026 — @U0CERTS01, `/engagement record`"),
    );
  });

  it("escapes text from the file and says when the epic is not tracked", () => {
    const [first] = workstreams([]);
    assert.ok(first);
    const line = workstreamLine({ ...first, title: NASTY_TITLE, kpis: [kpi({ title: NASTY_TITLE, change: 0 })] });
    assert.ok(!line.includes("<!channel>"));
    assert.match(line, /&lt;!channel&gt; &amp; &lt;b&gt; 45 in October 2026, ±0 since September 2026/);
    assert.match(line, /epic gitlab-com&amp;1795 is not tracked \(add it to EPICS\)$/);
  });
});
