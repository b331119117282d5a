/**
 * When a pace evaluation deserves a message: only when the month's status gets worse (an alert) or better
 * (a recovery note). Pure: the job reads the previous status from the ledger and passes it in.
 */
import type { PaceStatus } from "../model/report.js";

export type PaceTransition = "alert" | "recovery" | "none";

/** on_track < at_risk < behind; unknown (too early in the month to judge) has no severity. */
const SEVERITY: Record<PaceStatus, number | null> = { on_track: 0, at_risk: 1, behind: 2, unknown: null };

/**
 * `previous` is the month's last known status (null, or unknown, on its first judged evaluation), so a month
 * that starts at_risk or behind alerts once. An unknown current status never alerts.
 */
export function paceTransition(previous: PaceStatus | null, current: PaceStatus): PaceTransition {
  const now = SEVERITY[current];
  if (now === null) return "none";
  const before = previous === null ? null : SEVERITY[previous];
  if (before === null) return current === "on_track" ? "none" : "alert";
  if (now > before) return "alert";
  if (now < before) return "recovery";
  return "none";
}
