/** The words of a pace status, on every surface (Slack adds its emoji in slack/blocks/format.ts). */
import type { PaceStatus } from "../model/report.js";

export const STATUS_WORDS: Readonly<Record<PaceStatus, string>> = {
  on_track: "on track",
  at_risk: "at risk",
  behind: "behind",
  unknown: "too early to tell",
};

export function statusWords(status: PaceStatus): string {
  return STATUS_WORDS[status];
}
