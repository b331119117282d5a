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
