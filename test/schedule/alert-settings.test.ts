import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { storeAlertSettings } from "../../src/schedule/alert-settings.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";

test("mute is stored per channel ID: the name and the ID are the same channel", async () => {
  const store = await Store.open(":memory:");
  const ledger = new Ledger(store);
  const ids: Record<string, string> = { "#wg_user-engagement": "C0ENGAGE01" };
  const settings = storeAlertSettings(ledger, {
    resolveChannelId: (channel) => ids[channel],
    now: () => new Date("2026-03-18T12:00:00Z"),
  });
  await settings.setMuted("#wg_user-engagement", true, "U0DRI0001");
  assert.equal(await settings.isMuted("C0ENGAGE01"), true);
  assert.equal(await ledger.isMuted("C0ENGAGE01"), true);
  assert.equal(await settings.isMuted("C0GENERAL1"), false);
  await settings.setMuted("C0ENGAGE01", false, "U0DRI0001");
  assert.equal(await settings.isMuted("#wg_user-engagement"), false);
  const row = (
    await sql`SELECT updated_by, updated_at FROM channel_settings WHERE channel = ${"C0ENGAGE01"}`.execute(
      store.connection,
    )
  ).rows[0];
  assert.deepEqual(row, { updated_by: "U0DRI0001", updated_at: "2026-03-18T12:00:00.000Z" });
  await store.close();
});

test("alertChannelId: DIGEST_CHANNEL's ID once its name is known, an ID as given, undefined before", async () => {
  const store = await Store.open(":memory:");
  const ledger = new Ledger(store);
  const ids: Record<string, string> = {};
  const byName = storeAlertSettings(ledger, {
    channel: "#wg_user-engagement",
    resolveChannelId: (channel) => ids[channel],
  });
  assert.equal(byName.alertChannelId(), undefined, "not resolved yet");
  ids["#wg_user-engagement"] = "C0ENGAGE01";
  assert.equal(byName.alertChannelId(), "C0ENGAGE01");
  assert.equal(storeAlertSettings(ledger, { channel: "C0ENGAGE02" }).alertChannelId(), "C0ENGAGE02");
  assert.equal(storeAlertSettings(ledger).alertChannelId(), undefined);
  await store.close();
});

test("lastAlert shows the latest posted alert or recovery, null before any", async () => {
  const store = await Store.open(":memory:");
  const ledger = new Ledger(store);
  const settings = storeAlertSettings(ledger);
  assert.equal(await settings.lastAlert(), null);
  await ledger.markAlertPosted("2026-03", "behind", "alert", {
    channel: "C1",
    ts: "1.1",
    postedAtMs: Date.parse("2026-03-10T10:00:00Z"),
  });
  assert.deepEqual(await settings.lastAlert(), {
    month: "2026-03",
    status: "behind",
    kind: "alert",
    postedAt: "2026-03-10T10:00:00.000Z",
  });
  await store.close();
});
