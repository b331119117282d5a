import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { paceAlertMessage, paceRecoveryMessage } from "../../../src/slack/blocks/alert-blocks.js";
import type { SlackMessage } from "../../../src/slack/blocks/block-kit.js";
import { contributorsMessage } from "../../../src/slack/blocks/contributors-blocks.js";
import { digestMessages } from "../../../src/slack/blocks/digest-blocks.js";
import { epicsMessage } from "../../../src/slack/blocks/epics-blocks.js";
import {
  alertsStateMessage,
  apologyMessage,
  firstSyncRunningMessage,
  helpMessage,
  unknownSubcommandMessage,
  usageErrorMessage,
} from "../../../src/slack/blocks/help-blocks.js";
import { homeView } from "../../../src/slack/blocks/home-view.js";
import { issuesMessage } from "../../../src/slack/blocks/issues-blocks.js";
import { checkLimits } from "../../../src/slack/blocks/limits.js";
import { postedByContext, withPostToChannelButton } from "../../../src/slack/blocks/post-to-channel.js";
import { statusMessage } from "../../../src/slack/blocks/status-blocks.js";
import { digestText } from "../../../src/text/digest-text.js";
import { allText, bigReport, HOUR_MS, NOW_MS } from "./report-fixtures.js";

const options = { nowMs: NOW_MS, staleAfterMs: HOUR_MS };

describe("big fixtures through every renderer", () => {
  const big = bigReport();
  const long = "x".repeat(3000);
  const digest = digestMessages(big, options);
  const messages: Record<string, SlackMessage> = {
    status: statusMessage(big, options),
    statusWithButton: withPostToChannelButton(statusMessage(big, options), "status"),
    statusPosted: postedByContext(statusMessage(big, options), "U123ABC"),
    contributors: contributorsMessage(big),
    epics: epicsMessage(big),
    issues: issuesMessage(big),
    issuesUncapped: issuesMessage(big, { cap: 1000, title: long }),
    digestTop: digest.top,
    ...Object.fromEntries(digest.thread.map((message, i) => [`digestThread${i}`, message])),
    alert: paceAlertMessage(big, "on_track"),
    recovery: paceRecoveryMessage(big, "behind"),
    help: helpMessage(),
    unknown: unknownSubcommandMessage(long),
    usage: usageErrorMessage(long, long),
    apology: apologyMessage(long),
    alerts: alertsStateMessage({
      muted: false,
      channel: long,
      lastAlert: { status: "at_risk", postedAt: big.generatedAt },
    }),
    firstSync: firstSyncRunningMessage(),
  };

  for (const [name, message] of Object.entries(messages)) {
    it(`${name} passes checkLimits`, () => {
      assert.deepEqual(checkLimits(message, { surface: "message" }), []);
      assert.ok(!allText(message).includes("<!channel>"), "no unescaped mention");
    });
  }

  it("the Home tab passes checkLimits for home", () => {
    const view = homeView(big, { ...options, alertsMuted: false });
    assert.deepEqual(checkLimits(view, { surface: "home" }), []);
    assert.ok(!allText(view).includes("<!channel>"));
  });

  it("the terminal digest stays bounded", () => {
    const text = digestText(big, options);
    assert.ok(text.includes("…and 170 more"), "200 first-timers, 30 shown");
    assert.ok(text.length < 20_000);
  });
});
