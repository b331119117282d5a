import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { isValidSlackRequest } from "@slack/bolt";
import { SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot-harness.js";
import { postSigned, sign, slashCommandBody } from "../support/slack-requests.js";

interface Vector {
  id: string;
  signing_secret: string;
  timestamp: string;
  body: string;
  expected_signature?: string;
  presented_signature?: string;
  now_unix_seconds?: number;
  expect_valid: boolean;
}

const vectors = (
  JSON.parse(readFileSync(new URL("../data/slack/signing-vectors.json", import.meta.url), "utf8")) as {
    vectors: Vector[];
  }
).vectors;
const byId = (id: string): Vector => {
  const vector = vectors.find((v) => v.id === id);
  assert.ok(vector, id);
  return vector;
};

describe("request signing", () => {
  it("our signer reproduces Slack's documented signatures", () => {
    for (const id of ["slack-docs-worked-example", "engagement-status-derived"]) {
      const v = byId(id);
      assert.equal(sign(v.signing_secret, v.timestamp, v.body), v.expected_signature, id);
    }
  });

  it("Bolt's verifier accepts and rejects every vector as documented (clock injected)", () => {
    assert.ok(vectors.length >= 6);
    for (const v of vectors) {
      const valid = isValidSlackRequest({
        signingSecret: v.signing_secret,
        body: v.body,
        headers: {
          "x-slack-signature": v.presented_signature ?? v.expected_signature ?? "",
          "x-slack-request-timestamp": Number(v.timestamp),
        },
        nowMilliseconds: (v.now_unix_seconds ?? Number(v.timestamp)) * 1000,
      });
      assert.equal(valid, v.expect_valid, v.id);
    }
  });

  describe("the running app", () => {
    let bot: TestBot;
    before(async () => {
      bot = await startTestBot();
    });
    after(async () => {
      await bot.stop();
    });
    const endpoint = () => `${bot.url}/slack/events`;

    it("accepts a correctly signed request", async () => {
      const reply = await postSigned(endpoint(), slashCommandBody({ text: "help" }), { secret: SIGNING_SECRET });
      assert.equal(reply.status, 200);
    });

    it("rejects a tampered body with 401 and never runs a listener", async () => {
      const now = Math.floor(Date.now() / 1000);
      const signed = slashCommandBody({ text: "help" });
      const signature = sign(SIGNING_SECRET, now, signed);
      const reply = await postSigned(endpoint(), slashCommandBody({ text: "status" }), {
        secret: SIGNING_SECRET,
        timestamp: now,
        signature,
      });
      assert.equal(reply.status, 401);
    });

    it("rejects a request signed with the wrong secret", async () => {
      const reply = await postSigned(endpoint(), slashCommandBody({ text: "help" }), { secret: "not-the-secret" });
      assert.equal(reply.status, 401);
    });

    it("rejects a stale timestamp (older than 5 minutes)", async () => {
      const stale = Math.floor(Date.now() / 1000) - 301;
      const reply = await postSigned(endpoint(), slashCommandBody({ text: "help" }), {
        secret: SIGNING_SECRET,
        timestamp: stale,
      });
      assert.equal(reply.status, 401);
    });

    it("rejects an unknown signature version and a missing signature", async () => {
      const now = Math.floor(Date.now() / 1000);
      const body = slashCommandBody({ text: "help" });
      const v1 = sign(SIGNING_SECRET, now, body).replace(/^v0=/, "v1=");
      assert.equal(
        (await postSigned(endpoint(), body, { secret: SIGNING_SECRET, timestamp: now, signature: v1 })).status,
        401,
      );
      const res = await fetch(endpoint(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      assert.equal(res.status, 401);
    });
  });
});
