/** "Stale" data is older than two sync periods: the gap between SYNC_CRON's next runs, times two. */
import { createTask } from "node-cron";

const FALLBACK_PERIOD_MS = 15 * 60_000;

export function syncPeriodMs(syncCron: string, timezone: string): number {
  const task = createTask(syncCron, () => undefined, { timezone });
  try {
    const [first, second] = task.getNextRuns(2);
    return first && second ? second.getTime() - first.getTime() : FALLBACK_PERIOD_MS;
  } finally {
    void task.destroy();
  }
}

export function staleAfterMs(syncCron: string, timezone: string): number {
  return 2 * syncPeriodMs(syncCron, timezone);
}
