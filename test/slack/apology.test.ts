import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apologise } from "../../src/slack/apology.js";

describe("apologise", () => {
  it("logs the failure and tells the person, both with one reference", async () => {
    const logged: Array<[Record<string, unknown>, string]> = [];
    const logger = { error: (fields: Record<string, unknown>, msg: string) => void logged.push([fields, msg]) };
    const sent: Array<{ text?: string }> = [];
    await apologise(async (args) => sent.push(args), logger as never, new Error("boom"), {
      msg: "command failed",
      fields: { command: "status" },
    });
    const [[fields, msg]] = logged as [[Record<string, unknown>, string]];
    assert.equal(msg, "command failed");
    assert.equal(fields.command, "status");
    assert.match(String(fields.reference), /^E[0-9a-z]+$/);
    assert.equal(sent[0]?.text, `Sorry, something went wrong (reference \`${fields.reference}\`).`);
  });

  it("logs, and does not throw, when the apology cannot be delivered either", async () => {
    const logged: string[] = [];
    const logger = { error: (_fields: unknown, msg: string) => void logged.push(msg) };
    await apologise(() => Promise.reject(new Error("expired_url")), logger as never, new Error("boom"), {
      msg: "post to channel failed",
    });
    assert.deepEqual(logged, ["post to channel failed", "could not deliver the apology"]);
  });

  it("the database unreachable: says so, with no reference and no error line (the outage is logged once, elsewhere)", async () => {
    const errors: string[] = [];
    const logger = { error: (_fields: unknown, msg: string) => void errors.push(msg), debug: () => undefined };
    const sent: Array<{ text?: string }> = [];
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    await apologise(async (args) => sent.push(args), logger as never, refused, { msg: "command failed" });
    assert.deepEqual(errors, []);
    assert.equal(sent[0]?.text, "Sorry, I cannot reach my database right now.");
  });
});
