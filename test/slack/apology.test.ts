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
});
