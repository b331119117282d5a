/**
 * `status` and `digest` sync before they print. A failed sync — GitLab down, or a read-only database that
 * cannot save what was fetched — still leaves the stored data worth showing: say so on stderr and go on.
 */
import { failedSources } from "../gitlab/sync.js";
import { createProgressPrinter } from "../gitlab/sync-progress.js";
import type { Runtime } from "../service/runtime.js";
import { StoreError } from "../store/store.js";

export async function syncBeforeOutput(runtime: Runtime, verb: string): Promise<void> {
  let problems: string[];
  try {
    problems = failedSources(await runtime.runSync({ onProgress: createProgressPrinter(process.stderr) }));
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    problems = [error.message];
  }
  if (problems.length > 0) {
    process.stderr.write(`engagement-bot ${verb}: sync failed, showing the last good data (${problems.join("; ")})\n`);
  }
}
