/** How healthy the GitLab sync is, from the recent runs (newest first). */
import type { SyncRun } from "../model/records.js";
import type { SyncHealth } from "../model/report.js";

/**
 * lastSuccessAt: the newest successful run; failures newer than it are the consecutive failures, the newest one's
 * error is lastError. A run still going (not finished, no error) is neither.
 */
export function syncHealth(runs: readonly SyncRun[]): SyncHealth {
  let consecutiveFailures = 0;
  let lastError: string | null = null;
  for (const run of runs) {
    if (run.error !== null) {
      if (consecutiveFailures === 0) lastError = run.error;
      consecutiveFailures++;
      continue;
    }
    if (run.finishedAt === null) continue;
    return { lastSuccessAt: run.finishedAt, lastError, consecutiveFailures };
  }
  return { lastSuccessAt: null, lastError, consecutiveFailures };
}

/** Repeated failures are worth a warning only from the third in a row (one or two are retried quietly). */
export const FAILURES_BEFORE_WARNING = 3;

/** True when the cards and the digest must say that the GitLab sync keeps failing. */
export function syncKeepsFailing(health: SyncHealth): boolean {
  return health.consecutiveFailures >= FAILURES_BEFORE_WARNING;
}

/** How old the data is when it is older than `staleAfterMs` (a warning is due), else null; never synced is not "old". */
export function staleDataAgeMs(dataAsOf: string | null, nowMs: number, staleAfterMs: number): number | null {
  if (dataAsOf === null) return null;
  const age = nowMs - Date.parse(dataAsOf);
  return age > staleAfterMs ? age : null;
}
