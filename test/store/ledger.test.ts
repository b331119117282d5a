import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { Ledger } from "../../src/store/ledger.js";
import type { Store } from "../../src/store/store.js";
import { openStoreAt, STORE_BACKENDS } from "../support/store-backends.js";

const run = promisify(execFile);
const T0 = Date.parse("2026-03-16T08:00:00Z");
const TTL = 60_000;

for (const backend of STORE_BACKENDS) {
  describe(backend.name, () => {
    async function open(): Promise<{ ledger: Ledger; store: Store; path: string }> {
      const path = await backend.fresh();
      const store = await openStoreAt(path);
      return { ledger: new Ledger(store), store, path };
    }

    test("digest: claim, busy while the claim holds, posted after marking, with channel, ts and permalink", async () => {
      const { ledger, store } = await open();
      assert.deepEqual(await ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL }), {
        kind: "claimed",
      });
      assert.deepEqual(await ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + 1000, ttlMs: TTL }), {
        kind: "busy",
        owner: "a",
        expiresAt: new Date(T0 + TTL).toISOString(),
      });
      assert.equal((await ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0 + 1000, ttlMs: TTL })).kind, "busy");
      assert.equal(await ledger.postedDigest("2026-W12"), null);
      assert.equal(await store.lastDigestAt(), null);

      await ledger.markDigestPosted("2026-W12", {
        channel: "C1",
        ts: "1.000001",
        permalink: "https://x/p1",
        postedAtMs: T0 + 2000,
      });
      const posted = {
        period: "2026-W12",
        channel: "C1",
        ts: "1.000001",
        permalink: "https://x/p1",
        postedAt: new Date(T0 + 2000).toISOString(),
      };
      assert.deepEqual(await ledger.postedDigest("2026-W12"), posted);
      assert.deepEqual(await ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + 10 * TTL, ttlMs: TTL }), {
        kind: "posted",
        record: posted,
      });
      assert.equal(await store.lastDigestAt(), posted.postedAt, "the store's snapshot sees the digest");
      assert.equal(
        (await ledger.claimDigest("2026-W13", { owner: "b", nowMs: T0, ttlMs: TTL })).kind,
        "claimed",
        "weeks are separate",
      );
      await store.close();
    });

    test("digest: an expired claim is taken over; a released claim frees the week; release is the owner's only", async () => {
      const { ledger, store } = await open();
      await ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL });
      assert.equal((await ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + TTL, ttlMs: TTL })).kind, "claimed");
      await ledger.releaseDigestClaim("2026-W12", "a");
      assert.equal(
        (await ledger.claimDigest("2026-W12", { owner: "c", nowMs: T0 + TTL + 1, ttlMs: TTL })).kind,
        "busy",
        "a cannot release b's claim",
      );
      await ledger.releaseDigestClaim("2026-W12", "b");
      assert.equal(
        (await ledger.claimDigest("2026-W12", { owner: "c", nowMs: T0 + TTL + 1, ttlMs: TTL })).kind,
        "claimed",
      );
      assert.equal(await ledger.postedDigest("2026-W12"), null);
      await store.close();
    });

    test("digest: a repost claims a posted week, but never over a live claim", async () => {
      const { ledger, store } = await open();
      await ledger.markDigestPosted("2026-W12", { channel: "C1", ts: "1.1", permalink: null, postedAtMs: T0 });
      assert.equal(
        (await ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL, repost: true })).kind,
        "claimed",
      );
      assert.equal(
        (await ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0, ttlMs: TTL, repost: true })).kind,
        "busy",
      );
      await store.close();
    });

    test("two processes on one database: exactly one claim wins", async () => {
      const { path, store } = await open();
      await store.close();
      const child = join(import.meta.dirname, "ledger-claim-child.ts");
      const startAt = String(Date.now() + 1500);
      const results = await Promise.all(
        ["p1", "p2", "p3", "p4"].map((owner) =>
          run(process.execPath, ["--import", "tsx", child, path, owner, startAt]),
        ),
      );
      const claims = results.map((r) => JSON.parse(r.stdout) as { kind: string; owner?: string });
      assert.equal(claims.filter((c) => c.kind === "claimed").length, 1, JSON.stringify(claims));
      const winner = ["p1", "p2", "p3", "p4"][claims.findIndex((c) => c.kind === "claimed")];
      for (const loser of claims.filter((c) => c.kind !== "claimed"))
        assert.deepEqual(loser.kind === "busy" && loser.owner, winner);
    });

    test("alerts: keyed by (month, status, kind); claimed once, recorded, released on failure", async () => {
      const { ledger, store } = await open();
      const claim = async (status: "at_risk" | "behind", kind: "alert" | "recovery", owner = "a", nowMs = T0) =>
        (await ledger.claimAlert("2026-03", status, kind, { owner, nowMs, ttlMs: TTL })).kind;
      assert.equal(await claim("at_risk", "alert"), "claimed");
      assert.equal(await claim("at_risk", "alert", "b"), "busy");
      assert.equal(await claim("at_risk", "recovery", "b"), "claimed", "a recovery to at_risk is another key");
      await ledger.markAlertPosted("2026-03", "at_risk", "alert", { channel: "C1", ts: "2.1", postedAtMs: T0 + 1 });
      assert.equal(await claim("at_risk", "alert", "b", T0 + 10 * TTL), "posted");
      assert.equal(await claim("behind", "alert"), "claimed");
      await ledger.releaseAlertClaim("2026-03", "behind", "alert", "a");
      assert.equal(await claim("behind", "alert", "b"), "claimed");
      assert.deepEqual(await ledger.lastAlert(), {
        month: "2026-03",
        status: "at_risk",
        kind: "alert",
        channel: "C1",
        ts: "2.1",
        postedAt: new Date(T0 + 1).toISOString(),
      });
      await ledger.markAlertPosted("2026-03", "at_risk", "recovery", { channel: "C1", ts: "2.2", postedAtMs: T0 + 5 });
      assert.equal((await ledger.lastAlert())?.kind, "recovery");
      await store.close();
    });

    test("pace state per month and the per-channel mute persist across reopening", async () => {
      const { ledger, store, path } = await open();
      assert.equal(await ledger.paceState("2026-03"), null);
      await ledger.setPaceState("2026-03", "at_risk", T0);
      await ledger.setPaceState("2026-03", "behind", T0 + 1000);
      await ledger.setPaceState("2026-04", "on_track", T0);
      assert.equal(await ledger.isMuted("C1"), false);
      await ledger.setMuted("C1", true, "U1", T0);
      await store.close();

      const again = await openStoreAt(path);
      const reopened = new Ledger(again);
      assert.deepEqual(await reopened.paceState("2026-03"), {
        status: "behind",
        evaluatedAt: new Date(T0 + 1000).toISOString(),
      });
      assert.equal((await reopened.paceState("2026-04"))?.status, "on_track");
      assert.equal(await reopened.isMuted("C1"), true);
      assert.equal(await reopened.isMuted("C2"), false);
      await reopened.setMuted("C1", false, "U2", T0);
      assert.equal(await reopened.isMuted("C1"), false);
      await again.close();
    });

    test("schedulesSince: the first start is recorded and kept; a store with posted digests dates from the first one", async () => {
      const fresh = await open();
      assert.equal(await fresh.ledger.schedulesSince(T0), T0, "a first start records now");
      assert.equal(await fresh.ledger.schedulesSince(T0 + 86_400_000), T0, "later starts keep the first");
      await fresh.store.close();

      const older = await open();
      await older.ledger.markDigestPosted("2026-W10", {
        channel: "C1",
        ts: "1.1",
        permalink: null,
        postedAtMs: T0 - 14 * 86_400_000,
      });
      await older.ledger.markDigestPosted("2026-W11", {
        channel: "C1",
        ts: "1.2",
        permalink: null,
        postedAtMs: T0 - 7 * 86_400_000,
      });
      assert.equal(
        await older.ledger.schedulesSince(T0),
        T0 - 14 * 86_400_000,
        "a store from before the record: its first digest",
      );
      await older.store.close();
    });

    test("firstInteraction: true once per key within the window; a key seen longer ago is new again", async () => {
      const { store } = await open();
      try {
        const ledger = new Ledger(store);
        const WINDOW = 300_000;
        assert.equal(await ledger.firstInteraction("U1:1.1:t1", 1_000, WINDOW), true);
        assert.equal(await ledger.firstInteraction("U1:1.1:t1", 2_000, WINDOW), false, "a replay");
        assert.equal(await ledger.firstInteraction("U1:1.2:t2", 2_000, WINDOW), true, "another click");
        assert.equal(
          await ledger.firstInteraction("U1:1.1:t1", 1_000 + WINDOW + 1, WINDOW),
          true,
          "Slack refuses it by then",
        );
        await ledger.forgetInteraction("U1:1.2:t2");
        assert.equal(await ledger.firstInteraction("U1:1.2:t2", 3_000, WINDOW), true, "forgotten: it may act again");
        assert.equal(await ledger.firstInteraction("U1:1.2:t2", 3_000, WINDOW), false);
      } finally {
        await store.close();
      }
    });
  });
}
