/** RecentIds, the memory behind "each event_id once": first time only, forgotten after its time, bounded. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { RecentIds } from "../../../../src/slack/listeners/events/once-per-event.js";

test("an id is new once; after keepMs it is new again", () => {
  const ids = new RecentIds(600_000, 100);
  assert.equal(ids.firstTime("Ev1", 0), true);
  assert.equal(ids.firstTime("Ev1", 1_000), false, "Slack's immediate retry");
  assert.equal(ids.firstTime("Ev1", 360_000), false, "its last retry, about 5 minutes after a first try");
  assert.equal(ids.firstTime("Ev2", 360_000), true, "another event");
  assert.equal(ids.firstTime("Ev1", 600_001), true, "long forgotten");
});

test("at most maxIds are kept, the oldest going first", () => {
  const ids = new RecentIds(600_000, 3);
  for (const [i, id] of ["Ev1", "Ev2", "Ev3", "Ev4"].entries()) assert.equal(ids.firstTime(id, i), true);
  assert.equal(ids.size, 3);
  assert.equal(ids.firstTime("Ev4", 10), false, "the newest is kept");
  assert.equal(ids.firstTime("Ev1", 10), true, "the oldest was dropped to make room");
  assert.equal(ids.size, 3);
});
