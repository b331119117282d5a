/**
 * `/engagement epics` against the known store's three configured epics: &1795 with 3 of 10 issues closed, &1796 with
 * no issues yet, and the professional-services epic GitLab refused (403).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestBot } from "../../support/bot-harness.js";
import { startKnownBot } from "./known-bot.js";
import { assertIncludes, blocksText, ephemeralReply, postButtonValue } from "./reply-checks.js";

describe("/engagement epics", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot();
  });
  after(async () => {
    await bot.stop();
  });

  it("lists every configured epic with closed/total, in configuration order", async () => {
    const reply = ephemeralReply(await bot.command("epics"));
    // only epics with progress data get a percentage in the fallback
    assert.equal(reply.text, "Epic progress: gitlab-com&amp;1795 30%");
    const text = blocksText(reply.blocks);
    assertIncludes(
      text,
      "*<https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content for brand awareness>* · `gitlab-com&amp;1795` · open · due 31 Dec 2026\n30% (3/10 issues closed) ▓▓▓░░░░░░░",
    );
    assertIncludes(
      text,
      "*<https://gitlab.com/groups/gitlab-com/-/epics/1796|1,000 contributors a month>* · `gitlab-com&amp;1796` · open\nno issues yet",
    );
    // no title from GitLab: shown by its ref, with the reason
    assertIncludes(
      text,
      "|gitlab-com/customer-success/professional-services-group&amp;1277>*\n:no_entry_sign: unavailable: 403 Forbidden",
    );
    const order = ["&amp;1795", "&amp;1796", "&amp;1277"].map((ref) => text.indexOf(ref));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
  });

  it("carries the Post to channel button", async () => {
    const reply = ephemeralReply(await bot.command("epics"));
    assert.equal(postButtonValue(reply), "epics");
  });

  it("refuses arguments with the usage", async () => {
    const reply = ephemeralReply(await bot.command("epics all"));
    assertIncludes(reply.text, "`epics` takes no arguments");
    assert.equal(postButtonValue(reply), undefined);
  });
});
