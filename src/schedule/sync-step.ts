/**
 * The sync a job runs before it reads the store: a failure (resolved { ok: false } or thrown) is logged and
 * returned, never thrown, because the jobs go on with the last good data.
 */
import type { Logger } from "../log.js";
import type { JobDeps, SyncResult } from "./job-deps.js";

export async function runSync(deps: Pick<JobDeps, "sync">, log: Logger): Promise<SyncResult> {
  let result: SyncResult;
  try {
    result = await deps.sync();
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (!result.ok) log.warn({ syncError: result.error }, "GitLab sync failed: going on with the last good data");
  return result;
}
