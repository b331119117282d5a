/**
 * When answering fails (here: the store is closed under the running app, as a broken disk would), the person gets
 * an ephemeral apology with a reference, and the operator finds the error in the log under that reference.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("a failing store", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
    // a first answer works; then the database goes away
    ephemeralReply(await bot.command("status"));
    await bot.runtime.store.close();
  });
  after(async () => {
    await bot.stop();
  });

  for (const text of ["status", "contributors 2026-10", "alerts off"]) {
    it(`"${text}" gets an apology with a reference that is logged`, async () => {
      const reply = ephemeralReply(await bot.command(text));
      const reference = /reference `(E[0-9a-z]+)`/.exec(reply.text)?.[1];
      assert.ok(reference, `a reference in ${JSON.stringify(reply.text)}`);
      assertIncludes(blocksText(reply.blocks), "Sorry, something went wrong on my side");
      assertIncludes(blocksText(reply.blocks), "Please try again in a minute");
      assert.equal(postButtonValue(reply), undefined);
      const entry = bot.log.entries().find((e) => e.reference === reference);
      assert.ok(entry, "logged under the reference");
      assert.equal(entry.level, 50, "as an error");
      assert.equal(entry.msg, "command failed");
      assert.match(JSON.stringify(entry.err), /database connection is not open/);
    });
  }

  it("still answers help, which needs no store", async () => {
    const reply = ephemeralReply(await bot.command("help"));
    assertIncludes(reply.text, "/engagement subcommands");
  });
});
