/**
 * Socket Mode end to end: the real bot (startSlackApp with SLACK_APP_TOKEN) asks the fake Slack for a socket
 * URL with apps.connections.open, connects to a fake Socket Mode WebSocket server, and answers envelopes there
 * with acks, as the HTTP mode answers POSTs in app.test.ts.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { after, before, describe, it } from "node:test";
import { SlackStartError } from "../../src/slack/web-client.js";
import { APP_TOKEN, BOT_TOKEN, startTestBot, type TestBot } from "../support/bot-harness.js";
import { startFakeSlack } from "../support/fake-slack.js";
import {
  decodeClientFrame,
  encodeFrame,
  type FakeConnection,
  type FakeSocketMode,
  Opcode,
  ProtocolError,
} from "../support/fake-socket-mode.js";
import { slashCommandBody } from "../support/slack-requests.js";
import { withTakenPort } from "../support/taken-port.js";

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

  /** An events_api payload as Slack sends it when `user` opens the Home tab. */
  const homeOpenedEnvelope = (user: string, eventId: string) => ({
    type: "event_callback",
    team_id: "T0001",
    api_app_id: "A0ENGAGE01",
    event: { type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home" },
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: "T0001", user_id: "U0BOT0001", is_bot: true }],
  });

  it("delivers an events_api envelope: app_home_opened publishes the Home tab with the bot token", async () => {
    const ack = await socket.sendEnvelope("events_api", homeOpenedEnvelope("U0SOCKET01", "Ev0SOCKET01"));
    assert.deepEqual(ack.payload ?? {}, {}, "an event is acked with an empty payload");
    const calls = await bot.slack.waitFor("views.publish");
    const call = calls.find((c) => c.params.user_id === "U0SOCKET01");
    assert.ok(call, "views.publish for the user who opened the tab");
    assert.equal(call.tokenKind, "xoxb");
  });

  it("handles an event redelivered with retry_attempt (the same event_id) once", async () => {
    const envelope = homeOpenedEnvelope("U0SOCKET02", "Ev0SOCKET02");
    const publishes = () => bot.slack.callsOf("views.publish").filter((c) => c.params.user_id === "U0SOCKET02");
    await socket.sendEnvelope("events_api", envelope);
    for (let i = 0; i < 500 && publishes().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(publishes().length, 1);
    const ack = await socket.sendEnvelope("events_api", envelope, { retryAttempt: 1 });
    assert.deepEqual(ack.payload ?? {}, {}, "the redelivery is acked");
    const ignored = () =>
      bot.log.entries().find((e) => e.msg === "retried event ignored: already handled" && e.eventId === "Ev0SOCKET02");
    for (let i = 0; i < 500 && !ignored(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(ignored()?.retryNum, 1, "recognised as Slack's first retry");
    assert.equal(publishes().length, 1, "published once");
  });

  it("gets a pong for the client's keep-alive ping (without one the client drops the socket after ~7 s)", async () => {
    // the Socket Mode client pings every clientPingTimeout/3 (~1.7 s) and watches undici's pong channel
    const pongs: string[] = [];
    const onPong = (message: unknown) => {
      const payload = (message as { payload?: unknown }).payload;
      if (Buffer.isBuffer(payload)) pongs.push(payload.toString("utf8"));
    };
    subscribe("undici:websocket:pong", onPong);
    try {
      const deadline = Date.now() + 5000;
      while (pongs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      unsubscribe("undici:websocket:pong", onPong);
    }
    assert.ok(connection.pings >= 1, "the client pinged");
    assert.match(pongs[0] ?? "", /^Ping from client/, "the pong echoes the ping's payload");
    const ack = await socket.sendEnvelope("slash_commands", commandPayload("help"));
    assert.ok(ack.payload, "still answering afterwards");
    assert.equal(connection.ended, false);
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

describe("Socket Mode start-up failures", () => {
  it("reports a refused app token as SlackStartError naming SLACK_APP_TOKEN, and leaves nothing running", async () => {
    const slack = await startFakeSlack();
    slack.failNext("apps.connections.open", "invalid_auth");
    try {
      await assert.rejects(startTestBot({ socketMode: true, slack }), (error: unknown) => {
        assert.ok(error instanceof SlackStartError);
        assert.match(error.message, /invalid_auth/);
        assert.match(error.message, /SLACK_APP_TOKEN/);
        assert.ok(!error.message.includes(APP_TOKEN), "the token itself is not in the message");
        return true;
      });
      assert.equal(slack.callsOf("apps.connections.open").length, 1, "an unrecoverable error is not retried");
    } finally {
      await slack.stop();
    }
  });

  it("reports a taken PORT as SlackStartError instead of crashing the process", async () => {
    await withTakenPort(async (port) => {
      await assert.rejects(startTestBot({ socketMode: true, port }), (error: unknown) => {
        assert.ok(error instanceof SlackStartError);
        assert.match(error.message, new RegExp(`port ${port}`));
        assert.match(error.message, /set PORT to a free port/);
        return true;
      });
    });
  });
});

/** A masked client frame, as a browser or undici sends it (RFC 6455 §5.3). */
const maskedFrame = (opcode: number, payload: Buffer, fin = true): Buffer => {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]);
  else if (payload.length < 65536) {
    header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = (fin ? 0x80 : 0) | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, mask, masked]);
};

describe("fake Socket Mode framing", () => {
  for (const length of [5, 300, 70_000]) {
    it(`decodes a masked ${length}-byte text frame and reports its size`, () => {
      const payload = Buffer.from(`${"a".repeat(length - 1)}z`);
      const frame = maskedFrame(Opcode.text, payload);
      const decoded = decodeClientFrame(Buffer.concat([frame, Buffer.from([0x81])]));
      assert.ok(decoded);
      assert.equal(decoded.size, frame.length, "the trailing byte of the next frame is left");
      assert.equal(decoded.frame.opcode, Opcode.text);
      assert.equal(decoded.frame.fin, true);
      assert.ok(decoded.frame.payload.equals(payload));
    });
  }

  it("waits for more bytes when a frame is cut anywhere", () => {
    const frame = maskedFrame(Opcode.text, Buffer.from("x".repeat(300)));
    for (const cut of [1, 3, 7, frame.length - 1]) {
      assert.equal(decodeClientFrame(frame.subarray(0, cut)), undefined, `cut at ${cut}`);
    }
  });

  it("rejects an unmasked client frame", () => {
    assert.throws(() => decodeClientFrame(encodeFrame(Opcode.text, Buffer.from("hi"))), ProtocolError);
  });

  it("encodes server frames unmasked with 7-, 16- and 64-bit lengths", () => {
    assert.deepEqual([...encodeFrame(Opcode.text, Buffer.from("hi"))], [0x81, 2, 0x68, 0x69]);
    const medium = encodeFrame(Opcode.text, Buffer.alloc(300));
    assert.deepEqual([medium[0], medium[1], medium.readUInt16BE(2), medium.length], [0x81, 126, 300, 304]);
    const large = encodeFrame(Opcode.close, Buffer.alloc(70_000));
    assert.deepEqual([large[0], large[1], large.readBigUInt64BE(2), large.length], [0x88, 127, 70_000n, 70_010]);
  });
});
