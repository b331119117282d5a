/**
 * `/engagement alerts [on|off]` (the mute of DIGEST_CHANNEL's alerts, kept in the store; set from that channel only) and `/engagement help`: replies about the
 * bot itself, so they carry no "Post to channel" button.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { USAGE } from "../../../src/slack/command-parser.js";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("/engagement alerts", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("shows alerts on by default for the channel it was asked in", async () => {
    const reply = ephemeralReply(await bot.command("alerts"));
    assert.equal(reply.text, "Pace alerts are on");
    assertIncludes(blocksText(reply.blocks), "Pace alerts are *on*: they go to <#C0ENGAGE01>");
    assertIncludes(blocksText(reply.blocks), "Mute with `/engagement alerts off`");
    assert.equal(postButtonValue(reply), undefined);
  });

  it("mutes with `alerts off`, remembers it, and unmutes with `alerts on`", async () => {
    const off = ephemeralReply(await bot.command("alerts off", { user_id: "U0DRI0001" }));
    assert.equal(off.text, "Pace alerts are muted");
    assertIncludes(blocksText(off.blocks), "Pace alerts are *muted* for <#C0ENGAGE01>");
    assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), true);
    assert.equal(await bot.services.alerts.isMuted("C0GENERAL1"), false, "only the channel it was asked in");

    const still = ephemeralReply(await bot.command("alerts"));
    assert.equal(still.text, "Pace alerts are muted");

    const on = ephemeralReply(await bot.command("ALERTS ON"));
    assert.equal(on.text, "Pace alerts are on");
    assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), false);
  });

  it("asked in another channel, says alerts go to DIGEST_CHANNEL and how to mute them there", async () => {
    const reply = ephemeralReply(await bot.command("alerts", { channel_id: "C0GENERAL1" }));
    assert.equal(reply.text, "Pace alerts are on");
    assertIncludes(blocksText(reply.blocks), "Pace alerts go to <#C0ENGAGE01>, not to this conversation");
    assertIncludes(blocksText(reply.blocks), "run `/engagement alerts off` in <#C0ENGAGE01>");
  });

  for (const channel of ["C0GENERAL1", "D0DIRECT01"]) {
    it(`\`alerts off\` typed in ${channel} changes nothing and says where to run it`, async () => {
      const reply = ephemeralReply(await bot.command("alerts off", { channel_id: channel }));
      assert.equal(reply.text, "Pace alerts are on");
      assertIncludes(
        blocksText(reply.blocks),
        "Nothing was changed: to turn them off, run `/engagement alerts off` in <#C0ENGAGE01>",
      );
      assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), false);
      assert.equal(await bot.services.alerts.isMuted(channel), false);
    });
  }

  it("answers a wrong toggle with the usage and changes nothing", async () => {
    const reply = ephemeralReply(await bot.command("alerts maybe"));
    assertIncludes(reply.text, `Usage: /engagement ${USAGE.alerts}`);
    assert.equal(await bot.services.alerts.isMuted("C0ENGAGE01"), false);
  });
});

describe("/engagement help", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  for (const text of ["help", ""]) {
    it(`lists every subcommand for "${text}"`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      assert.equal(
        reply.text,
        "/engagement subcommands: status, contributors, funnel, epics, issues, digest, alerts, record, kpi, help",
      );
      const shown = blocksText(reply.blocks);
      for (const usage of [
        "status [YYYY-MM]",
        "contributors [YYYY-MM]",
        "epics",
        "issues [days]",
        "digest",
        "alerts [on|off]",
        "record [KPI VALUE [YYYY-MM]]",
        "kpi [KPI]",
        "help",
      ]) {
        assertIncludes(shown, `\`/engagement ${usage}\` — `);
      }
      assert.equal(postButtonValue(reply), undefined);
    });
  }
});
