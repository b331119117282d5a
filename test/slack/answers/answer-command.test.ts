/** The answers called directly, with fake deps: no Bolt, no store (the listener tests drive them over HTTP). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Report } from "../../../src/model/report.js";
import type { AnswerDeps } from "../../../src/slack/answers/answer.js";
import { answerCommand } from "../../../src/slack/answers/answer-command.js";
import { channelPost } from "../../../src/slack/answers/channel-post.js";
import { parseEngagementCommand } from "../../../src/slack/command-parser.js";
import type { ReportRequest } from "../../../src/slack/services.js";
import { allText, NOW_MS, report } from "../blocks/report-fixtures.js";

function fakeDeps(overrides: Partial<AnswerDeps> = {}) {
  const requests: ReportRequest[] = [];
  const muted = new Map<string, boolean>();
  const deps: AnswerDeps = {
    config: { engagementLabel: "User engagement", timezone: "UTC", workstreams: [] },
    logger: { error: () => undefined },
    now: () => new Date(NOW_MS),
    staleAfterMs: 3_600_000,
    report: async (request = {}) => {
      requests.push(request);
      return report();
    },
    waitForFirstSync: () => Promise.resolve(),
    alerts: {
      alertChannelId: () => "C0ENGAGE01",
      isMuted: async (channel) => muted.get(channel) ?? false,
      setMuted: async (channel, value) => void muted.set(channel, value),
      lastAlert: async () => null,
    },
    kpis: { values: async () => [], record: async () => ({ kind: "recorded", values: [] }) },
    ...overrides,
  };
  return { deps, requests, muted };
}

const answer = (text: string, deps: AnswerDeps, channelId = "C0ENGAGE01") =>
  answerCommand(parseEngagementCommand(text), { deps, channelId, userId: "U0DRI0001" });

describe("answerCommand", () => {
  it("asks the Report for what the subcommand names, and makes the card postable by that text", async () => {
    const { deps, requests } = fakeDeps();
    assert.equal((await answer("status", deps)).postable, "status");
    assert.equal((await answer("issues 30", deps)).postable, "issues 30");
    assert.equal((await answer("contributors 2026-10", deps)).postable, "contributors 2026-10");
    assert.deepEqual(requests, [{}, { newIssuesDays: 30 }, { month: "2026-10" }]);
  });

  it("answers help, unknown words and usage errors without the Report, and with no button", async () => {
    const { deps, requests } = fakeDeps();
    for (const text of ["help", "frobnicate", "issues 0", "contributors 2099-01"]) {
      assert.equal((await answer(text, deps)).postable, null, text);
    }
    assert.match(
      allText((await answer("contributors 2099-01", deps)).message.blocks),
      /The month 2099-01 is after the current month/,
    );
    // a month after this one is asked of the Report's month check only, for the first month available (the fake's
    // Report has no history, so the answer names none); nothing is rendered
    assert.deepEqual(requests, [{ month: "2099-01" }, { month: "2099-01" }]);
  });

  it("changes the alert mute only in the alert channel", async () => {
    const { deps, muted } = fakeDeps();
    await answer("alerts off", deps, "C0GENERAL1");
    assert.equal(muted.size, 0);
    assert.equal((await answer("alerts off", deps)).message.text, "Pace alerts are muted");
    assert.equal(muted.get("C0ENGAGE01"), true);
  });

  it("never synced: says the first sync is running, then follows up with the card", async () => {
    let synced = false;
    const { deps } = fakeDeps({
      report: async () => (synced ? report() : null),
      waitForFirstSync: async () => {
        synced = true;
      },
    });
    const first = await answer("epics", deps);
    assert.equal(first.postable, null);
    assert.match(first.message.text, /first GitLab sync is still running/);
    const later = await first.followUp;
    assert.equal(later?.postable, "epics");
  });

  it("renders a card once per Report, whoever asks", async () => {
    const shared: Report = report();
    const { deps } = fakeDeps({ report: async () => shared });
    assert.equal((await answer("digest", deps)).message, (await answer("digest", deps, "C0GENERAL1")).message);
  });
});

describe("channelPost", () => {
  it("posts the card in the channel, credited to the presser", async () => {
    const { deps } = fakeDeps();
    const reply = await channelPost("status", { deps, channelId: "C0ENGAGE01", userId: "U0DRI0001" });
    assert.equal(reply.response_type, "in_channel");
    assert.ok(allText((reply as { blocks?: unknown }).blocks).endsWith("Posted by <@U0DRI0001>"));
  });

  it("tells only the presser when the card cannot be drawn", async () => {
    const { deps } = fakeDeps({ report: async () => null, waitForFirstSync: () => new Promise(() => undefined) });
    assert.equal(
      (await channelPost("status", { deps, channelId: "C0ENGAGE01", userId: "U0DRI0001" })).response_type,
      "ephemeral",
    );
  });
});
