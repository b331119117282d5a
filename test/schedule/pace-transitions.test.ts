import assert from "node:assert/strict";
import { test } from "node:test";
import type { PaceStatus } from "../../src/model/report.js";
import { paceTransition } from "../../src/schedule/pace-transitions.js";

test("worse is an alert, better a recovery, the same nothing", () => {
  const cases: Array<[PaceStatus | null, PaceStatus, string]> = [
    ["on_track", "at_risk", "alert"],
    ["at_risk", "behind", "alert"],
    ["on_track", "behind", "alert"],
    ["behind", "at_risk", "recovery"],
    ["at_risk", "on_track", "recovery"],
    ["behind", "on_track", "recovery"],
    ["on_track", "on_track", "none"],
    ["at_risk", "at_risk", "none"],
    ["behind", "behind", "none"],
  ];
  for (const [previous, current, expected] of cases) {
    assert.equal(paceTransition(previous, current), expected, `${previous} -> ${current}`);
  }
});

test("the first judged evaluation of a month alerts only when it starts at risk or behind", () => {
  for (const previous of [null, "unknown"] as const) {
    assert.equal(paceTransition(previous, "on_track"), "none");
    assert.equal(paceTransition(previous, "at_risk"), "alert");
    assert.equal(paceTransition(previous, "behind"), "alert");
  }
});

test("unknown never alerts nor recovers", () => {
  for (const previous of [null, "on_track", "at_risk", "behind", "unknown"] as const) {
    assert.equal(paceTransition(previous, "unknown"), "none");
  }
});
