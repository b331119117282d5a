/**
 * Every kind of message the bot sends, rendered from fixed Reports, checked against the rules every reader needs
 * (issue 19, item 4): no raw ISO timestamp in any `text` fallback (all a notification or a screen reader shows);
 * in every line with a progress bar or a sparkline, the words and figures come first and the picture ends the line;
 * date-only values (epic due dates) as dates, never Slack date tokens; GitLab people as profile links, never
 * anything that reads as a Slack @mention.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KpiDefinition } from "../../../src/model/workstreams.js";
import { paceAlertMessage, paceRecoveryMessage } from "../../../src/slack/blocks/alert-blocks.js";
import type { SlackMessage } from "../../../src/slack/blocks/block-kit.js";
import { contributorsMessage } from "../../../src/slack/blocks/contributors-blocks.js";
import { digestMessages, digestReplies } from "../../../src/slack/blocks/digest-blocks.js";
import { digestPreviewMessage } from "../../../src/slack/blocks/digest-preview.js";
import { epicsMessage } from "../../../src/slack/blocks/epics-blocks.js";
import { funnelMessage } from "../../../src/slack/blocks/funnel-blocks.js";
import {
  alertsStateMessage,
  apologyMessage,
  firstSyncRunningMessage,
  helpMessage,
  staleButtonMessage,
  unknownSubcommandMessage,
  usageErrorMessage,
} from "../../../src/slack/blocks/help-blocks.js";
import { homeView } from "../../../src/slack/blocks/home-view.js";
import { issuesMessage } from "../../../src/slack/blocks/issues-blocks.js";
import { kpiHistoryMessage, kpiListMessage, recordedMessage } from "../../../src/slack/blocks/kpi-blocks.js";
import { postedByContext, withPostToChannelButton } from "../../../src/slack/blocks/post-to-channel.js";
import { statusMessage } from "../../../src/slack/blocks/status-blocks.js";
import {
  firstSyncFailedMessage,
  waitingHomeView,
  workingOnItMessage,
} from "../../../src/slack/blocks/waiting-blocks.js";
import { allText, bigReport, epic, report } from "./report-fixtures.js";

const NOW_MS = Date.parse("2026-11-15T12:00:00Z");
const STALE = { nowMs: Date.parse("2026-11-20T12:00:00Z"), staleAfterMs: 3_600_000 };
const FRESH = { nowMs: NOW_MS, staleAfterMs: 86_400_000 };

const KPI: KpiDefinition = {
  id: "blog-posts",
  title: "Blog posts",
  source: "recorded",
  period: "monthly",
  target: 4,
  owner: "U0OWNER001",
};
const VALUE = {
  kpiId: "blog-posts",
  month: "2026-10",
  value: 3,
  recordedBy: "U0OWNER001",
  recordedAt: "2026-11-02T10:15:00Z",
};

/** The Reports a message can be rendered from: typical, the worst case, the first days of a month, never synced. */
function reports() {
  const typical = report({ epics: [epic({ dueDate: "2026-06-30" }), ...report().epics.slice(1)] });
  const firstDays = report({
    month: "2026-12",
    contributors: {
      ...typical.contributors,
      monthJustEnded: { month: "2026-11", count: 812, percentOfTarget: 81.2, targetReached: false },
      sinceLastDigest: { since: "2026-11-30T09:00:00Z", lastDigest: true, added: 40 },
    },
  });
  const noDigestYet = report({
    contributors: {
      ...typical.contributors,
      sinceLastDigest: { since: "2026-11-08T12:00:00Z", lastDigest: false, added: 57 },
    },
  });
  const neverSynced = report({
    dataAsOf: null,
    sync: { lastSuccessAt: null, lastError: "boom", consecutiveFailures: 3 },
  });
  return { typical, big: bigReport(), firstDays, noDigestYet, neverSynced, noIssues: report({ newIssues: [] }) };
}

/** Every message, by a name that says which. */
function everyMessage(): Array<[string, SlackMessage]> {
  const messages: Array<[string, SlackMessage]> = [];
  for (const [which, r] of Object.entries(reports())) {
    for (const options of [FRESH, STALE]) {
      const when = options === FRESH ? "fresh" : "stale";
      messages.push([`status (${which}, ${when})`, statusMessage(r, options)]);
      messages.push([`funnel (${which}, ${when})`, funnelMessage(r, options)]);
      const digest = digestMessages(r, options);
      messages.push([`digest (${which}, ${when})`, digest.top]);
      digestReplies(digest).forEach((reply, i) => {
        messages.push([`digest reply ${i + 1} (${which}, ${when})`, reply]);
      });
      messages.push([`digest preview (${which}, ${when})`, digestPreviewMessage(r, options)]);
      const home = homeView(r, { ...options, chart: { fileId: "F0CHART01", altText: "Contributors per month" } });
      messages.push([`home (${which}, ${when})`, { text: "", blocks: home.blocks }]);
    }
    messages.push([`contributors (${which})`, contributorsMessage(r)]);
    messages.push([`epics (${which})`, epicsMessage(r)]);
    messages.push([`issues (${which})`, issuesMessage(r)]);
    messages.push([`alert (${which})`, paceAlertMessage(r, "at_risk")]);
    messages.push([`recovery (${which})`, paceRecoveryMessage(r, "behind")]);
    messages.push([`posted card (${which})`, postedByContext(statusMessage(r, FRESH), "U0PRESSER1")]);
    messages.push([`card with button (${which})`, withPostToChannelButton(statusMessage(r, FRESH), "status")]);
  }
  messages.push(
    ["help", helpMessage()],
    ["unknown", unknownSubcommandMessage("frobnicate")],
    ["unknown, with a suggestion", unknownSubcommandMessage("stauts", "status")],
    ["usage", usageErrorMessage("The month must look like YYYY-MM.", "contributors [YYYY-MM]")],
    ["stale button", staleButtonMessage()],
    ["apology", apologyMessage("Emabc123")],
    [
      "alerts",
      alertsStateMessage({
        muted: false,
        channel: "C0ENGAGE01",
        lastAlert: { status: "behind", postedAt: "2026-11-10T10:00:00Z" },
      }),
    ],
    ["alerts muted", alertsStateMessage({ muted: true, channel: "#wg", askedElsewhere: { toggle: "on" } })],
    ["first sync", firstSyncRunningMessage()],
    ["working on it", workingOnItMessage()],
    ["first sync failed", firstSyncFailedMessage("GitLab answered 500 at 2026-11-15T12:00:00Z")],
    ["waiting home", { text: "", blocks: waitingHomeView().blocks }],
    [
      "kpi list",
      kpiListMessage([
        {
          ...KPI,
          workstreamId: "content",
          value: 3,
          month: "2026-10",
          recordedBy: "U0OWNER001",
          recordedAt: VALUE.recordedAt,
        },
      ]),
    ],
    [
      "kpi history",
      kpiHistoryMessage(KPI, [
        { ...VALUE, superseded: false },
        { ...VALUE, value: 2, superseded: true },
      ]),
    ],
    ["recorded", recordedMessage([{ kpi: KPI, recorded: { value: VALUE, superseded: { ...VALUE, value: 2 } } }])],
  );
  return messages;
}

const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T/;
const PICTURE = /[▓░▁▂▃▄▅▆▇█]/u;

describe("every message, for every reader", () => {
  const messages = everyMessage();

  it("renders a good number of message kinds", () => {
    assert.ok(messages.length > 150, `${messages.length} messages`);
  });

  it("has no raw ISO timestamp in any text fallback", () => {
    const offenders = messages.filter(([, message]) => ISO_TIMESTAMP.test(message.text));
    assert.deepEqual(
      offenders.map(([name, message]) => `${name}: ${message.text}`),
      [],
    );
  });

  it("puts words and figures before every bar or sparkline, and the picture last on its line", () => {
    let lines = 0;
    const offenders: string[] = [];
    for (const [name, message] of messages) {
      for (const line of `${message.text}\n${allText(message.blocks)}`.split("\n")) {
        const at = line.search(PICTURE);
        if (at < 0) continue;
        lines += 1;
        const before = line.slice(0, at);
        const after = line.slice(at);
        if (!/\d/.test(before) || !/^[▓░▁▂▃▄▅▆▇█]+\s*$/u.test(after)) offenders.push(`${name}: ${line}`);
      }
    }
    assert.ok(lines > 100, `${lines} lines with a picture`);
    assert.deepEqual(offenders, []);
  });

  it("prints an epic's due date as a date, never as a Slack date token", () => {
    for (const [name, message] of messages.filter(([name]) => /typical/.test(name))) {
      const text = allText(message.blocks);
      if (!text.includes("due ")) continue;
      assert.match(text, /due 30 Jun 2026/, name);
      assert.doesNotMatch(text, /due <!date/, name);
    }
  });

  it("links top contributors and first-timers to their GitLab profiles, never as @names", () => {
    const people = messages.filter(([name]) => /^(contributors|digest reply|home) .*typical/.test(name));
    assert.ok(people.length >= 4);
    const text = people.map(([, message]) => allText(message.blocks)).join("\n");
    assert.match(text, /<https:\/\/gitlab\.com\/ada\|ada>/);
    assert.match(text, /<https:\/\/gitlab\.com\/newbie\|newbie>/);
    for (const [name, message] of messages) {
      assert.doesNotMatch(
        `${message.text}\n${allText(message.blocks)}`,
        /(^|[\s(])@(ada|grace|newbie|second|top\d)\b/,
        name,
      );
    }
  });
});
