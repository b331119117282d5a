/** The check the CLI tests use on a report's headline can fail: a word the figures do not imply is caught. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printedPace, wordsOf } from "./status-figures.js";

const report = (word: string, ratio: string, elapsed: string, expected = "70") =>
  `Contributors 2026-12 (UTC)\n\n  18 / 1000  ${word}  2% ░░░░░░░░░░\n  expected by now ${expected}  ratio ${ratio}  projected 259\n  month elapsed ${elapsed} % (empirical curve)\n`;

describe("printedPace", () => {
  it("reads the headline and the statuses its figures allow", () => {
    assert.deepEqual(printedPace(report("too early to tell", "0.259", "4.1")), {
      count: 18,
      target: 1000,
      word: "too early to tell",
      allowed: ["unknown"],
    });
    assert.deepEqual(printedPace(report("behind", "0.259", "40.0")).allowed, ["behind"]);
    assert.deepEqual(printedPace(report("on track", "1.200", "40.0")).allowed, ["on_track"]);
    assert.deepEqual(printedPace(report("on track", "1.200", "5.0", "0")).allowed, ["unknown"]);
  });

  it("allows both neighbours where a printed figure sits on a threshold", () => {
    assert.deepEqual(printedPace(report("at risk", "0.850", "50.0")).allowed.sort(), ["at_risk", "behind"]);
    assert.deepEqual(printedPace(report("behind", "0.500", "10.0")).allowed.sort(), ["behind", "unknown"]);
  });

  it("a word the figures do not imply is not allowed; no headline is an error", () => {
    const pace = printedPace(report("behind", "0.259", "4.1"));
    assert.ok(!wordsOf(pace.allowed).includes(pace.word));
    assert.throws(() => printedPace("nothing here"), /no pace headline/);
  });
});
