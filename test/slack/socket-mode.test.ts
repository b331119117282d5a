import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { APP_TOKEN, BOT_TOKEN, startTestBot, type TestBot } from "../support/bot-harness.js";
import type { FakeConnection, FakeSocketMode } from "../support/fake-socket-mode.js";
import { slashCommandBody } from "../support/slack-requests.js";

interface EphemeralReply {
  response_type: string;
  text: string;
  blocks: unknown[];
}

/** A slash command payload as Socket Mode carries it: the HTTP form fields, as a JSON object. */
const commandPayload = (text: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(slashCommandBody({ text })));

describe("Bolt app in Socket Mode over a real WebSocket", () => {
  let bot: TestBot;
  let socket: FakeSocketMode;
  let connection: FakeConnection;
  before(async () => {
    bot = await startTestBot({ socketMode: true });
    assert.ok(bot.socket, "the harness started a fake Socket Mode server");
    socket = bot.socket;
    connection = await socket.waitForConnection();
  });
  after(async () => {
    await bot.stop();
  });

  it("reports socket mode and a real HTTP port", () => {
    assert.equal(bot.app.mode, "socket");
    assert.ok(bot.app.port > 0, `bound port ${bot.app.port}`);
  });

  it("opened the connection with the app-level token, at the URL apps.connections.open returned", () => {
    const opens = bot.slack.callsOf("apps.connections.open");
    assert.equal(opens.length, 1);
    assert.equal(opens[0]?.tokenKind, "xapp");
    assert.equal(connection.path, "/link/?ticket=fake");
    assert.equal(socket.connections.length, 1);
    // the bot token still goes to the Web API for everything else
    assert.ok(bot.slack.callsOf("auth.test").every((c) => c.tokenKind === "xoxb"));
  });

  it("acks /engagement help with the ephemeral help card as the response payload", async () => {
    const ack = await socket.sendEnvelope("slash_commands", commandPayload("help"));
    assert.ok(ack.payload, "the ack carries a payload");
    const reply = ack.payload as unknown as EphemeralReply;
    assert.equal(reply.response_type, "ephemeral");
    const blocks = JSON.stringify(reply.blocks);
    for (const sub of ["status", "contributors [YYYY-MM]", "epics", "issues [days]", "digest", "alerts [on|off]"]) {
      assert.ok(blocks.includes(`/engagement ${sub}`), `help lists ${sub}`);
    }
    assert.ok(reply.text.length > 0, "text fallback");
  });

  it("acks an unknown subcommand with the short note plus the help", async () => {
    const ack = await socket.sendEnvelope("slash_commands", commandPayload("frobnicate now"));
    const reply = ack.payload as unknown as EphemeralReply;
    assert.equal(reply.response_type, "ephemeral");
    assert.match(reply.text, /Unknown subcommand `frobnicate`/);
    assert.ok(JSON.stringify(reply.blocks).includes("/engagement status"), "the help follows");
  });

  it("serves GET /healthz with ok and the version in Socket Mode too", async () => {
    const res = await fetch(`http://127.0.0.1:${bot.app.port}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: boolean; version: string };
    assert.equal(body.ok, true);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  it("answers the client's pings, so the connection stays up between envelopes", async () => {
    const ack = await socket.sendEnvelope("slash_commands", commandPayload("help"));
    assert.ok(ack.payload);
    assert.equal(connection.ended, false);
    assert.equal(connection.clientCloseCode, undefined);
  });

  it("never writes the bot or app token to the log", () => {
    const text = bot.log.text();
    assert.ok(bot.log.lines.length > 0, "something was logged");
    assert.ok(!text.includes(BOT_TOKEN));
    assert.ok(!text.includes(APP_TOKEN));
  });
});

describe("stopping a Socket Mode bot", () => {
  it("closes the WebSocket with a normal closure and frees the HTTP port", async () => {
    const bot = await startTestBot({ socketMode: true });
    const socket = bot.socket as FakeSocketMode;
    const connection = await socket.waitForConnection();
    const port = bot.app.port;
    await bot.app.stop();
    // stop() resolves once the closing handshake is done, not merely started
    assert.equal(connection.clientCloseCode, 1000);
    await socket.waitForEnd(connection);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), "the health server is closed");
    assert.equal(socket.connections.length, 1, "no reconnect after a deliberate stop");
    await bot.stop();
  });
});
