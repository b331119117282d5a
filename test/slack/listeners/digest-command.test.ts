/**
 * `/engagement digest`: a preview of the weekly digest from the known store — headline (3 of 1,000, behind), the
 * three workstreams with their KPIs and epics (one KPI recorded for two months, the others missing), 1 first-timer and 4 new issues, then the thread parts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("/engagement digest", () => {
  let bot: TestBot;
  before(async () => {
    // two months of one recorded KPI; the certification KPIs stay unrecorded
    bot = await startKnownBot({
      extra: async (runtime) => {
        for (const [month, value] of [
          ["2026-09", 1000],
          ["2026-10", 1200],
        ] as const) {
          await runtime.store.recordKpiValue({
            kpiId: "active-community-members",
            month,
            value,
            recordedBy: "U0ALICE01",
            recordedAt: `${month}-28T09:00:00.000Z`,
          });
        }
      },
    });
  });
  after(async () => {
    await bot.stop();
  });

  it("previews the digest with the known numbers, and posts nothing", async () => {
    const reply = ephemeralReply(await bot.command("digest"));
    assert.equal(
      reply.text,
      "Digest preview: Weekly digest — week 47, 16–22 Nov 2026: +0 contributors in November 2026 in the last 7 days; 3 of 1,000 contributors in November 2026 (behind), 1 first-time, 4 new issues",
    );
    const text = blocksText(reply.blocks);
    assertIncludes(text, "Preview of the next weekly digest");
    assertIncludes(text, "*3 of 1,000* wider-community contributors in November 2026 so far — :red_circle: behind");
    assertIncludes(text, "projected 6 by month end");
    assertIncludes(
      text,
      "• *Technical content (brand awareness)* — Active community members 1,200 in October 2026, +200 since September 2026 · epic <https://gitlab.com/groups/gitlab-com/-/epics/1795|",
    );
    assertIncludes(text, "30% (3/10 issues closed)");
    assertIncludes(
      text,
      "• *DevOps Architect certification* — Partner certifications: not recorded for October 2026, `/engagement record` · ",
    );
    assertIncludes(text, ":no_entry_sign: unavailable: 403 Forbidden");
    assertIncludes(
      text,
      "• *1,000 contributors/month* — Wider-community contributors 3 of 1,000 (0%) in November 2026 so far, −1 since October 2026",
    );
    assertIncludes(text, "\n    trend Nov 2025–Oct 2026: 0 → 4 ▁▁▁▁▁▁▁▁▁▁▁█");
    assertIncludes(text, ":tada: *1* first-time contributor · :memo: *4* new User engagement issues");
    // the thread parts: welcome, issues, top contributors
    assertIncludes(text, "*Welcome to our 1 first-time contributor* in November 2026!");
    assertIncludes(text, "*4* new issues since");
    assertIncludes(text, "1. *Alice Regular* <http://127.0.0.1:9/alice|alice> — 5 merged MRs");
    assert.equal(bot.slack.callsOf("chat.postMessage").length, 0, "a preview is not posted");
  });

  it("carries the Post to channel button", async () => {
    const reply = ephemeralReply(await bot.command("digest"));
    assert.equal(postButtonValue(reply), "digest");
  });
});
