/**
 * Commands answered fast during a sync (issue 13 item 10): every page a sync commits changes the store, and no
 * slash command may then wait for the whole store to be read again. The real bot over HTTP, the real GitLab client
 * against the sandbox, slowed so the backfill commits page after page while commands arrive. No timed assertions:
 * the test counts the store reads for a Report (Store.reportAggregates) made while the sync runs: at most one
 * background refresh per REFRESH_GAP_MS, never one per answer.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { startTestBot, type TestBot } from "../support/bot-harness.js";

describe("status during a running backfill", () => {
  let sandbox: Sandbox;
  let bot: TestBot;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 31, now: new Date(), months: 3 }) });
    bot = await startTestBot({
      gitlabUrl: sandbox.url,
      env: { HISTORY_MONTHS: "3" },
      runtime: { gitlab: { requestTimeoutMs: 10_000, maxTotalMs: 60_000, retryBaseMs: 10 } },
      // an earlier successful sync, but nothing stored: the next sync is a backfill of every page
      seed: async (runtime) => {
        const run = await runtime.store.startSyncRun(new Date(Date.now() - 3_600_000));
        await runtime.store.finishSyncRun(run, { fetched: 0, error: null }, new Date(Date.now() - 3_600_000));
      },
    });
  });
  after(async () => {
    await bot?.stop();
    await sandbox?.close();
  });

  it("answers every command from the last snapshot while pages commit, then from the synced store", async () => {
    const { store } = bot.runtime;
    const first = await bot.command("status");
    assert.equal(first.status, 200);
    // every read of the store for a Report from here on
    let reads = 0;
    const read = store.reportAggregates.bind(store);
    store.reportAggregates = (query) => {
      reads += 1;
      return read(query);
    };
    const started = Date.now();

    sandbox.setLatency(40);
    const sync = bot.runtime.runSync();
    let done = false;
    void sync.finally(() => {
      done = true;
    });
    let answeredAfterACommit = 0;
    let marker = await store.changeMarker();
    while (!done) {
      if ((await store.changeMarker()) !== marker) {
        marker = await store.changeMarker();
        const reply = await bot.command("status");
        assert.equal(reply.status, 200);
        assert.match(reply.text, /contributors/);
        answeredAfterACommit += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const summary = await sync;
    sandbox.setLatency(0);
    assert.ok(summary.ok, JSON.stringify(summary));
    assert.ok(answeredAfterACommit >= 2, `only ${answeredAfterACommit} commands came after a page commit`);
    // one background refresh per 15 s while pages commit, and the one the sync's end awaits
    const refreshes = 1 + Math.floor((Date.now() - started) / 15_000) + 1;
    assert.ok(reads <= refreshes, `${reads} reads for ${answeredAfterACommit} answers: answers waited for the store`);
    const readsAtEnd = reads;

    // once the sync is over, answers show what it stored
    const merged = await store.mergeRequestCount();
    assert.ok(merged > 0);
    const after = await bot.services.report();
    assert.equal(after?.dataAsOf, await store.lastSuccessfulSyncAt());
    assert.equal(reads, readsAtEnd, "the sync's end rebuilt the Report already");
  });
});
