/**
 * The two pictures of a number, the same on every surface: a progress bar for a share of a whole and a sparkline
 * for a series. Both round down, so a bar is full and a spark is the top block only when the value really is.
 */
import { formatNumber } from "./numbers.js";

/** "▓▓▓▓░░░░░░ 42%": the bar fills in whole cells (tenths by default) and is full only at 100 %. */
export function progressBar(percent: number, width = 10): string {
  const clamped = Math.min(100, Math.max(0, percent));
  const filled = Math.min(width, Math.floor((clamped / 100) * width));
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${formatNumber(Math.round(percent))}%`;
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
