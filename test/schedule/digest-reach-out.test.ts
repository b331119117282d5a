/**
 * The weekly digest over the fake Slack with the known store and the funnel's extras (two drifting contributors):
 * the top message carries one funnel line, and the thread's last text reply lists the people to reach out to, as
 * GitLab profile links.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { postWeeklyDigest } from "../../src/schedule/digest-job.js";
import { Store } from "../../src/store/store.js";
import { startFakeSlack } from "../support/fake-slack.js";
import { KNOWN_NOW, seedFunnelExtras, seedKnownStore } from "../support/store-fixtures.js";
import { instance, testClock, topPosts } from "./job-harness.js";

const dir = mkdtempSync(join(tmpdir(), "digest-reach-out-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the digest leads with its numbers, carries a funnel line and ends its thread with the drifting list", async () => {
  const path = join(dir, "engagement.db");
  const seeded = await Store.open(path);
  await seedKnownStore(seeded, { now: KNOWN_NOW });
  await seedFunnelExtras(seeded);
  await seeded.close();
  const fake = await startFakeSlack();
  const bot = await instance({
    path,
    gitlabUrl: "https://gitlab.example.com",
    fake,
    clock: testClock(KNOWN_NOW),
    owner: "test-host:1",
    env: { TIMEZONE: "UTC" },
  });
  try {
    const outcome = await postWeeklyDigest(bot.deps);
    assert.ok(outcome.kind === "posted", JSON.stringify(outcome));
    const [top] = topPosts(fake);
    assert.match(
      JSON.stringify(top?.params.blocks),
      /\*Funnel\* Nov 2026: 2 opened · 2 first-time · 1 of them merged \(50%\) · 2 returning · 2 drifting/,
    );
    const replies = fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === outcome.ts);
    assert.equal(replies.length, 4, "first-timers, new issues, top contributors, then the people to reach out to");
    const last = replies.at(-1);
    assert.equal(last?.params.text, "2 drifting contributors: people to reach out to");
    const shown = JSON.stringify(last?.params.blocks);
    assert.match(
      shown,
      /<https:\/\/gitlab\.example\.com\/gina\|Gina Drifting> — last merged 2026-08-25 · 4 MRs merged/,
    );
    assert.ok(!shown.includes("@"), "profile links, no @mentions");
  } finally {
    await bot.close();
    await fake.stop();
  }
});
