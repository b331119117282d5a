/**
 * `/engagement alerts [on|off]` (per-channel mute, kept in the store) and `/engagement help`: replies about the
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
    assert.equal(bot.services.alerts.isMuted("C0ENGAGE01"), true);
    assert.equal(bot.services.alerts.isMuted("C0GENERAL1"), false, "only the channel it was asked in");

    const still = ephemeralReply(await bot.command("alerts"));
    assert.equal(still.text, "Pace alerts are muted");

    const on = ephemeralReply(await bot.command("ALERTS ON"));
    assert.equal(on.text, "Pace alerts are on");
    assert.equal(bot.services.alerts.isMuted("C0ENGAGE01"), false);
  });

  it("answers a wrong toggle with the usage and changes nothing", async () => {
    const reply = ephemeralReply(await bot.command("alerts maybe"));
    assertIncludes(reply.text, `Usage: /engagement ${USAGE.alerts}`);
    assert.equal(bot.services.alerts.isMuted("C0ENGAGE01"), false);
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
      assert.equal(reply.text, "/engagement subcommands: status, contributors, epics, issues, digest, alerts, help");
      const shown = blocksText(reply.blocks);
      for (const usage of [
        "status",
        "contributors [YYYY-MM]",
        "epics",
        "issues [days]",
        "digest",
        "alerts [on|off]",
        "help",
      ]) {
        assertIncludes(shown, `\`/engagement ${usage}\` — `);
      }
      assert.equal(postButtonValue(reply), undefined);
    });
  }
});
