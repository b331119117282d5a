/**
 * `status` and `demo` take `now` from the clock (src/cli/demo-command.ts), so a test that runs them as a process
 * cannot choose the month's state: on the 1st the status is "too early to tell", on the 20th it may be "behind".
 * Instead of accepting any word, it checks that the printed word is the one the printed figures imply
 * (src/metrics/pace.ts decides on unrounded figures, so each printed figure stands for its rounding interval).
 */
import { paceStatus } from "../../src/metrics/pace.js";
import type { PaceStatus } from "../../src/model/report.js";
import { STATUS_WORDS } from "../../src/wording/status.js";

export interface PrintedPace {
  count: number;
  target: number;
  /** the status words as printed, e.g. "too early to tell" */
  word: string;
  /** the statuses the printed figures allow (usually one; two when a figure sits on a threshold) */
  allowed: PaceStatus[];
}

/** Reads the headline of renderReportText's output (src/text/report-text.ts). Throws when it is missing. */
export function printedPace(text: string): PrintedPace {
  const words = Object.values(STATUS_WORDS).join("|");
  // "  18 / 1000  behind  2% ░░░░░░░░░░": the share, then its bar (src/wording/bars.ts)
  const headline = new RegExp(`\\n\\s*(\\d+) / (\\d+)\\s+(${words})\\s+[\\d,]+% [▓░]`).exec(text);
  // expected is printed whole (people are whole): it was within half a person of the printed value
  const figures = /expected by now ([\d,]+)\s+ratio (\d+\.\d{3})/.exec(text);
  const elapsed = /month elapsed (\d+\.\d) %/.exec(text);
  if (!headline || !figures || !elapsed) throw new Error(`no pace headline in:\n${text}`);
  const around = (value: number, half: number) => [Math.max(0, value - half), value + half];
  const allowed = new Set<PaceStatus>();
  for (const ratio of around(Number(figures[2]), 0.0005))
    for (const fraction of around(Number(elapsed[1]) / 100, 0.0005))
      for (const expected of around(Number(figures[1]?.replaceAll(",", "")), 0.5))
        allowed.add(paceStatus(ratio, fraction, expected));
  return {
    count: Number(headline[1]),
    target: Number(headline[2]),
    word: headline[3] ?? "",
    allowed: [...allowed],
  };
}

export const wordsOf = (statuses: readonly PaceStatus[]): string[] => statuses.map((s) => STATUS_WORDS[s]);
