import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SlackStartError } from "../../src/slack/web-client.js";
import { startTestBot, type TestBot } from "../support/bot-harness.js";
import { withTakenPort } from "../support/taken-port.js";

interface EphemeralReply {
  response_type: string;
  text: string;
  blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text?: string | { text: string } }> }>;
}

const blockText = (reply: EphemeralReply): string => JSON.stringify(reply.blocks);

describe("Bolt app over real HTTP", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("answers /engagement help in the ack with an ephemeral card listing every subcommand", async () => {
    const reply = await bot.command("help");
    assert.equal(reply.status, 200);
    const body = reply.body as EphemeralReply;
    assert.equal(body.response_type, "ephemeral");
    for (const sub of [
      "status",
      "contributors [YYYY-MM]",
      "epics",
      "issues [days]",
      "digest",
      "alerts [on|off]",
      "help",
    ]) {
      assert.ok(blockText(body).includes(`/engagement ${sub}`), `help lists ${sub}`);
    }
    assert.ok(body.text.length > 0, "text fallback");
  });

  it("answers an unknown subcommand with a short note plus the help", async () => {
    const reply = await bot.command("frobnicate now");
    assert.equal(reply.status, 200);
    const body = reply.body as EphemeralReply;
    assert.equal(body.response_type, "ephemeral");
    assert.match(body.text, /Unknown subcommand `frobnicate`/);
    assert.ok(blockText(body).includes("/engagement status"), "the help follows");
  });

  it("serves GET /healthz with ok and the version", async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: boolean; version: string };
    assert.equal(body.ok, true);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  it("checked the bot token with auth.test at start-up", () => {
    assert.ok(bot.slack.callsOf("auth.test").length >= 1);
    assert.ok(bot.slack.callsOf("auth.test").every((c) => c.authenticated));
  });

  it("never writes the bot token or signing secret to the log", () => {
    const text = bot.log.text();
    assert.ok(bot.log.lines.length > 0, "something was logged");
    assert.ok(!text.includes("xoxb-test-0000-bot-token"));
    assert.ok(!text.includes("test-signing-secret"));
  });
});

describe("Bolt app start-up in HTTP mode", () => {
  it("reports a taken PORT as SlackStartError naming PORT instead of crashing the process", async () => {
    await withTakenPort(async (port) => {
      await assert.rejects(startTestBot({ port }), (error: unknown) => {
        assert.ok(error instanceof SlackStartError, `got ${String(error)}`);
        assert.match(error.message, new RegExp(`port ${port}`));
        assert.match(error.message, /set PORT to a free port/);
        return true;
      });
    });
  });
});
