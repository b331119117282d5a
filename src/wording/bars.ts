/**
 * The two pictures of a number, the same on every surface: a progress bar for a share of a whole and a sparkline
 * for a series. Both round down, so a bar is full and a spark is the top block only when the value really is.
 * A picture always ends its line: the words and figures come first, so a screen reader (and a notification cut
 * short) gets the number before the blocks.
 */
import { formatNumber } from "./numbers.js";

/** "42%", rounded. */
export function percentFigure(percent: number): string {
  return `${formatNumber(Math.round(percent))}%`;
}

/** "▓▓▓▓░░░░░░": the bar alone; it fills in whole cells (tenths by default) and is full only at 100 %. */
export function barCells(percent: number, width = 10): string {
  const clamped = Math.min(100, Math.max(0, percent));
  const filled = Math.min(width, Math.floor((clamped / 100) * width));
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)}`;
}

/** "42% ▓▓▓▓░░░░░░": the figure, then the bar. */
export function progressBar(percent: number, width = 10): string {
  return `${percentFigure(percent)} ${barCells(percent, width)}`;
}

const SPARKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** One block per value, scaled from 0 to the largest value (all lowest when every value is 0). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      const level = max === 0 ? 0 : Math.floor((Math.max(0, value) / max) * (SPARKS.length - 1));
      return SPARKS[level] ?? SPARKS[0];
    })
    .join("");
}
