import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULTS } from "../../src/config.js";
import { nextRunsFrom, runsBetween } from "../../src/schedule/cron-times.js";

const ZONE = "Europe/Amsterdam";
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

test("the digest cron stays at 09:00 local across the spring DST change (2026-03-29)", () => {
  const runs = nextRunsFrom(DEFAULTS.DIGEST_CRON, ZONE, new Date("2026-03-20T00:00:00Z"), 3);
  // 09:00 CET = 08:00 UTC, then 09:00 CEST = 07:00 UTC
  assert.deepEqual(iso(runs), ["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"]);
});

test("the digest cron across the autumn DST change (2026-10-25)", () => {
  const runs = nextRunsFrom(DEFAULTS.DIGEST_CRON, ZONE, new Date("2026-10-19T07:00:00Z"), 2);
  // from exactly Monday 09:00 CEST: the next Mondays are at 09:00 CET = 08:00 UTC
  assert.deepEqual(iso(runs), ["2026-10-26T08:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
});

test("the pace cron runs daily at 10:00 local on both sides of each change", () => {
  assert.deepEqual(iso(nextRunsFrom(DEFAULTS.PACE_CRON, ZONE, new Date("2026-03-28T00:00:00Z"), 3)), [
    "2026-03-28T09:00:00.000Z",
    "2026-03-29T08:00:00.000Z",
    "2026-03-30T08:00:00.000Z",
  ]);
  assert.deepEqual(iso(nextRunsFrom(DEFAULTS.PACE_CRON, ZONE, new Date("2026-10-24T00:00:00Z"), 3)), [
    "2026-10-24T08:00:00.000Z",
    "2026-10-25T09:00:00.000Z",
    "2026-10-26T09:00:00.000Z",
  ]);
});

test("the sync cron across the skipped hour and the repeated hour", () => {
  // 01:45 CET is followed by 03:00 CEST: 15 real minutes, no 02:xx runs.
  assert.deepEqual(iso(nextRunsFrom(DEFAULTS.SYNC_CRON, ZONE, new Date("2026-03-29T00:40:00Z"), 3)), [
    "2026-03-29T00:45:00.000Z",
    "2026-03-29T01:00:00.000Z",
    "2026-03-29T01:15:00.000Z",
  ]);
  // 02:00-02:59 happens twice (CEST then CET): every 15 real minutes throughout, 8 runs in those two hours.
  const repeated = runsBetween(
    DEFAULTS.SYNC_CRON,
    ZONE,
    Date.parse("2026-10-24T23:59:00Z"),
    Date.parse("2026-10-25T01:59:00Z"),
  );
  assert.equal(repeated.length, 8);
  assert.ok(repeated.every((d, i) => i === 0 || d.getTime() - (repeated[i - 1]?.getTime() ?? 0) === 15 * 60_000));
});

test("runs are strictly after `from`; an expression that never fires gives none", () => {
  const from = new Date("2026-03-23T08:00:00Z"); // exactly a Monday 09:00 CET
  assert.equal(nextRunsFrom(DEFAULTS.DIGEST_CRON, ZONE, from, 1)[0]?.toISOString(), "2026-03-30T07:00:00.000Z");
  // Feb 29 is more than the search window (400 days) away from 2026
  assert.deepEqual(nextRunsFrom("0 0 29 2 *", ZONE, from, 1), []);
  assert.deepEqual(nextRunsFrom(DEFAULTS.DIGEST_CRON, ZONE, from, 0), []);
});
