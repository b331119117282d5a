/**
 * The sync a job runs before it reads the store: a failure (resolved { ok: false } or thrown) is logged and
 * returned, never thrown, because the jobs go on with the last good data.
 */
import type { Logger } from "../log.js";
import { StoreError } from "../store/store.js";
import type { JobDeps, SyncResult } from "./job-deps.js";

export async function runSync(deps: Pick<JobDeps, "sync">, log: Logger): Promise<SyncResult> {
  let result: SyncResult;
  try {
    result = await deps.sync();
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    // not GitLab's fault: a full disk, a read-only or vanished database file is named as such (src/store/store.ts)
    if (error instanceof StoreError) {
      log.error(
        { storeError: error.kind, syncError: result.error },
        "the sync could not be saved: going on with the last good data",
      );
      return result;
    }
  }
  if (!result.ok) log.warn({ syncError: result.error }, "GitLab sync failed: going on with the last good data");
  return result;
}
