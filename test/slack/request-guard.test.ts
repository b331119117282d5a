/**
 * Bad requests the bot must survive (issue 13 item 8/9): a signed request whose payload is null, not an object or
 * not what its type promises gets an error answer and a log line, never a crash; Socket Mode envelopes without a
 * payload the same; /slack/events bodies over the limit are refused (413) before they are read whole.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { MAX_EVENT_BODY_BYTES } from "../../src/slack/request-guard.js";
import { SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot-harness.js";
import { postSigned } from "../support/slack-requests.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The bot still answers a command: it did not crash or wedge. */
async function stillAnswers(bot: TestBot): Promise<void> {
  const reply = await bot.command("help");
  assert.equal(reply.status, 200);
  assert.match(reply.text, /\/engagement status/);
}

describe("signed requests with a payload Bolt cannot use", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot?.stop();
  });

  const cases: Array<{ name: string; body: string; contentType?: string }> = [
    { name: "payload=null", body: form({ payload: "null" }) },
    { name: "payload=7", body: form({ payload: "7" }) },
    { name: 'payload="text"', body: form({ payload: '"text"' }) },
    { name: "payload=[]", body: form({ payload: "[]" }) },
    { name: "a JSON body null (Events API)", body: "null", contentType: "application/json" },
    { name: "a JSON body []", body: "[]", contentType: "application/json" },
  ];
  for (const { name, body, contentType } of cases) {
    it(`${name}: 400 and a log line naming it, and the bot goes on`, async () => {
      const before = bot.log.entries().length;
      const reply = await postSigned(`${bot.url}/slack/events`, body, {
        secret: SIGNING_SECRET,
        ...(contentType ? { contentType } : {}),
      });
      assert.equal(reply.status, 400);
      const logged = bot.log.entries().slice(before);
      assert.ok(
        logged.some((e) => e.level === 40 && /signed request without a usable payload/.test(String(e.msg))),
        JSON.stringify(logged),
      );
      await stillAnswers(bot);
    });
  }

  it("the same bodies unsigned are refused with 401, as any forged request", async () => {
    const reply = await postSigned(`${bot.url}/slack/events`, form({ payload: "null" }), {
      secret: SIGNING_SECRET,
      signature: "v0=0000",
    });
    assert.equal(reply.status, 401);
  });

  const malformed: Array<[string, Record<string, unknown>]> = [
    ["block_actions without user or actions", { type: "block_actions" }],
    ["block_actions with actions: null", { type: "block_actions", user: { id: "U0TESTER1" }, actions: null }],
    ["view_submission without a view", { type: "view_submission", user: { id: "U0TESTER1" } }],
    ["an unknown type", { type: "no_such_type", user: null }],
  ];
  for (const [name, payload] of malformed) {
    it(`${name}: an answer, no crash, and the bot goes on`, async () => {
      const reply = await postSigned(`${bot.url}/slack/events`, form({ payload: JSON.stringify(payload) }), {
        secret: SIGNING_SECRET,
      });
      // Bolt answers these itself: 404 (no listener matches), 500 (a listener or Bolt choked; logged by app.error)
      assert.ok([400, 404, 500].includes(reply.status), `answered ${reply.status}`);
      await stillAnswers(bot);
    });
  }
});

describe("/slack/events bodies over the limit", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot?.stop();
  });

  /** Sends `sent` bytes of a body announced as `announced` (or chunked), then waits for the answer. */
  function partialPost(sent: number, announced?: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${bot.url}/slack/events`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
            "x-slack-signature": "v0=unsigned",
            ...(announced === undefined ? {} : { "content-length": String(announced) }),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", (error) => {
        // the server may close the connection right after its 413
        if ((error as NodeJS.ErrnoException).code !== "ECONNRESET" && (error as NodeJS.ErrnoException).code !== "EPIPE")
          reject(error);
      });
      // the rest of the announced body never comes: an answer proves it was not waited for
      req.write(Buffer.alloc(sent, "a"));
    });
  }

  it("a body announced larger than the limit is refused with 413 before it arrives", async () => {
    assert.equal(await partialPost(1024, 3_900_000), 413);
    await stillAnswers(bot);
  });

  it("a chunked body is refused with 413 once it passes the limit", async () => {
    assert.equal(await partialPost(MAX_EVENT_BODY_BYTES + 1024), 413);
    await stillAnswers(bot);
  });

  it("a signed body just under the limit is still read (and checked)", async () => {
    const padding = "x".repeat(MAX_EVENT_BODY_BYTES - 2_000);
    const reply = await bot.command(`help ${padding}`.slice(0, 3000));
    assert.equal(reply.status, 200);
    const big = await postSigned(`${bot.url}/slack/events`, form({ text: padding }), { secret: SIGNING_SECRET });
    assert.notEqual(big.status, 413);
  });
});

describe("Socket Mode envelopes without a payload", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ socketMode: true });
    await bot.socket?.waitForConnection();
  });
  after(async () => {
    await bot?.stop();
  });

  for (const type of ["events_api", "slash_commands", "interactive"] as const) {
    for (const payload of [null, undefined]) {
      it(`${type} with payload ${String(payload)}: acknowledged, logged, and the bot goes on`, async () => {
        const socket = bot.socket;
        assert.ok(socket);
        const before = bot.log.entries().length;
        const ack = await socket.sendEnvelope(type, payload);
        assert.ok(ack.envelope_id);
        assert.ok(
          bot.log
            .entries()
            .slice(before)
            .some((e) => e.level === 40 && /Socket Mode envelope without a usable payload/.test(String(e.msg))),
        );
        const help = await socket.sendEnvelope("slash_commands", {
          command: "/engagement",
          text: "help",
          user_id: "U0TESTER1",
          channel_id: "C0ENGAGE01",
          team_id: "T0001",
          response_url: bot.sink.url("commands/T0001/socket/r"),
        });
        assert.match(JSON.stringify(help.payload), /\/engagement status/);
      });
    }
  }
});
