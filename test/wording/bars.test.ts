import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { barCells, percentFigure, progressBar, sparkline } from "../../src/wording/bars.js";

describe("bars", () => {
  it("draws a ten-cell progress bar that is full only at 100 %, after its figure", () => {
    assert.equal(progressBar(42), "42% ▓▓▓▓░░░░░░");
    assert.equal(progressBar(0), "0% ░░░░░░░░░░");
    assert.equal(progressBar(99.6), "100% ▓▓▓▓▓▓▓▓▓░");
    assert.equal(progressBar(100), "100% ▓▓▓▓▓▓▓▓▓▓");
    assert.equal(progressBar(130), "130% ▓▓▓▓▓▓▓▓▓▓");
    assert.equal(barCells(42), "▓▓▓▓░░░░░░");
    assert.equal(barCells(-5, 4), "░░░░");
    assert.equal(percentFigure(1234.4), "1,234%");
  });

  it("draws a sparkline scaled from zero to the maximum, rounding down", () => {
    assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), "▁▂▃▄▅▆▇█");
    assert.equal(sparkline([0, 0, 0]), "▁▁▁");
    assert.equal(sparkline([10, 10]), "██");
    assert.equal(sparkline([0, 7, 14]), "▁▄█");
    assert.equal(sparkline([0, 0]), "▁▁");
  });
});
