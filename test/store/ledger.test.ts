import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "ledger-test-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const T0 = Date.parse("2026-03-16T08:00:00Z");
const TTL = 60_000;

function open(): { ledger: Ledger; store: Store; path: string } {
  const path = join(root, `db-${++counter}`, "engagement.db");
  const store = Store.open(path);
  return { ledger: new Ledger(store), store, path };
}

test("digest: claim, busy while the claim holds, posted after marking, with channel, ts and permalink", () => {
  const { ledger, store } = open();
  assert.deepEqual(ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL }), { kind: "claimed" });
  assert.deepEqual(ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + 1000, ttlMs: TTL }), {
    kind: "busy",
    owner: "a",
    expiresAt: new Date(T0 + TTL).toISOString(),
  });
  assert.equal(ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0 + 1000, ttlMs: TTL }).kind, "busy");
  assert.equal(ledger.postedDigest("2026-W12"), null);
  assert.equal(store.lastDigestAt(), null);

  ledger.markDigestPosted("2026-W12", {
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
  assert.deepEqual(ledger.postedDigest("2026-W12"), posted);
  assert.deepEqual(ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + 10 * TTL, ttlMs: TTL }), {
    kind: "posted",
    record: posted,
  });
  assert.equal(store.lastDigestAt(), posted.postedAt, "the store's snapshot sees the digest");
  assert.equal(
    ledger.claimDigest("2026-W13", { owner: "b", nowMs: T0, ttlMs: TTL }).kind,
    "claimed",
    "weeks are separate",
  );
  store.close();
});

test("digest: an expired claim is taken over; a released claim frees the week; release is the owner's only", () => {
  const { ledger, store } = open();
  ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL });
  assert.equal(ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0 + TTL, ttlMs: TTL }).kind, "claimed");
  ledger.releaseDigestClaim("2026-W12", "a");
  assert.equal(
    ledger.claimDigest("2026-W12", { owner: "c", nowMs: T0 + TTL + 1, ttlMs: TTL }).kind,
    "busy",
    "a cannot release b's claim",
  );
  ledger.releaseDigestClaim("2026-W12", "b");
  assert.equal(ledger.claimDigest("2026-W12", { owner: "c", nowMs: T0 + TTL + 1, ttlMs: TTL }).kind, "claimed");
  assert.equal(ledger.postedDigest("2026-W12"), null);
  store.close();
});

test("digest: a repost claims a posted week, but never over a live claim", () => {
  const { ledger, store } = open();
  ledger.markDigestPosted("2026-W12", { channel: "C1", ts: "1.1", permalink: null, postedAtMs: T0 });
  assert.equal(ledger.claimDigest("2026-W12", { owner: "a", nowMs: T0, ttlMs: TTL, repost: true }).kind, "claimed");
  assert.equal(ledger.claimDigest("2026-W12", { owner: "b", nowMs: T0, ttlMs: TTL, repost: true }).kind, "busy");
  store.close();
});

test("two processes on one database file: exactly one claim wins", async () => {
  const { path, store } = open();
  store.close();
  const child = join(import.meta.dirname, "ledger-claim-child.ts");
  const startAt = String(Date.now() + 1500);
  const results = await Promise.all(
    ["p1", "p2", "p3", "p4"].map((owner) => run(process.execPath, ["--import", "tsx", child, path, owner, startAt])),
  );
  const claims = results.map((r) => JSON.parse(r.stdout) as { kind: string; owner?: string });
  assert.equal(claims.filter((c) => c.kind === "claimed").length, 1, JSON.stringify(claims));
  const winner = ["p1", "p2", "p3", "p4"][claims.findIndex((c) => c.kind === "claimed")];
  for (const loser of claims.filter((c) => c.kind !== "claimed"))
    assert.deepEqual(loser.kind === "busy" && loser.owner, winner);
});

test("alerts: keyed by (month, status, kind); claimed once, recorded, released on failure", () => {
  const { ledger, store } = open();
  const claim = (status: "at_risk" | "behind", kind: "alert" | "recovery", owner = "a", nowMs = T0) =>
    ledger.claimAlert("2026-03", status, kind, { owner, nowMs, ttlMs: TTL }).kind;
  assert.equal(claim("at_risk", "alert"), "claimed");
  assert.equal(claim("at_risk", "alert", "b"), "busy");
  assert.equal(claim("at_risk", "recovery", "b"), "claimed", "a recovery to at_risk is another key");
  ledger.markAlertPosted("2026-03", "at_risk", "alert", { channel: "C1", ts: "2.1", postedAtMs: T0 + 1 });
  assert.equal(claim("at_risk", "alert", "b", T0 + 10 * TTL), "posted");
  assert.equal(claim("behind", "alert"), "claimed");
  ledger.releaseAlertClaim("2026-03", "behind", "alert", "a");
  assert.equal(claim("behind", "alert", "b"), "claimed");
  assert.deepEqual(ledger.lastAlert(), {
    month: "2026-03",
    status: "at_risk",
    kind: "alert",
    channel: "C1",
    ts: "2.1",
    postedAt: new Date(T0 + 1).toISOString(),
  });
  ledger.markAlertPosted("2026-03", "at_risk", "recovery", { channel: "C1", ts: "2.2", postedAtMs: T0 + 5 });
  assert.equal(ledger.lastAlert()?.kind, "recovery");
  store.close();
});

test("pace state per month and the per-channel mute persist across reopening", () => {
  const { ledger, store, path } = open();
  assert.equal(ledger.paceState("2026-03"), null);
  ledger.setPaceState("2026-03", "at_risk", T0);
  ledger.setPaceState("2026-03", "behind", T0 + 1000);
  ledger.setPaceState("2026-04", "on_track", T0);
  assert.equal(ledger.isMuted("C1"), false);
  ledger.setMuted("C1", true, "U1", T0);
  store.close();

  const again = Store.open(path);
  const reopened = new Ledger(again);
  assert.deepEqual(reopened.paceState("2026-03"), { status: "behind", evaluatedAt: new Date(T0 + 1000).toISOString() });
  assert.equal(reopened.paceState("2026-04")?.status, "on_track");
  assert.equal(reopened.isMuted("C1"), true);
  assert.equal(reopened.isMuted("C2"), false);
  reopened.setMuted("C1", false, "U2", T0);
  assert.equal(reopened.isMuted("C1"), false);
  again.close();
});

test("schedulesSince: the first start is recorded and kept; a store with posted digests dates from the first one", () => {
  const fresh = open();
  assert.equal(fresh.ledger.schedulesSince(T0), T0, "a first start records now");
  assert.equal(fresh.ledger.schedulesSince(T0 + 86_400_000), T0, "later starts keep the first");
  fresh.store.close();

  const older = open();
  older.ledger.markDigestPosted("2026-W10", {
    channel: "C1",
    ts: "1.1",
    permalink: null,
    postedAtMs: T0 - 14 * 86_400_000,
  });
  older.ledger.markDigestPosted("2026-W11", {
    channel: "C1",
    ts: "1.2",
    permalink: null,
    postedAtMs: T0 - 7 * 86_400_000,
  });
  assert.equal(
    older.ledger.schedulesSince(T0),
    T0 - 14 * 86_400_000,
    "a store from before the record: its first digest",
  );
  older.store.close();
});

test("firstInteraction: true once per key within the window; a key seen longer ago is new again", () => {
  const dir = mkdtempSync(join(tmpdir(), "ledger-interactions-"));
  const store = Store.open(join(dir, "engagement.db"));
  try {
    const ledger = new Ledger(store);
    const WINDOW = 300_000;
    assert.equal(ledger.firstInteraction("U1:1.1:t1", 1_000, WINDOW), true);
    assert.equal(ledger.firstInteraction("U1:1.1:t1", 2_000, WINDOW), false, "a replay");
    assert.equal(ledger.firstInteraction("U1:1.2:t2", 2_000, WINDOW), true, "another click");
    assert.equal(ledger.firstInteraction("U1:1.1:t1", 1_000 + WINDOW + 1, WINDOW), true, "Slack refuses it by then");
    ledger.forgetInteraction("U1:1.2:t2");
    assert.equal(ledger.firstInteraction("U1:1.2:t2", 3_000, WINDOW), true, "forgotten: it may act again");
    assert.equal(ledger.firstInteraction("U1:1.2:t2", 3_000, WINDOW), false);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
