/** `engagement-bot sync [--reconcile]`: one incremental sync with progress and a summary (exit 1 if a source failed). */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { formatSyncSummary } from "../text/sync-text.js";
import { EXIT } from "./exit-codes.js";
import { createProgressPrinter } from "./progress-printer.js";
import { runVerb } from "./run-verb.js";

export interface SyncRequest {
  reconcile: boolean;
}

export function runSync(config: Config, logger: Logger, request: SyncRequest, options: RuntimeOptions = {}) {
  return runVerb("sync", async (open) => {
    const runtime = await open(config, logger, options);
    const summary = await runtime.runSync({
      reconcile: request.reconcile,
      onProgress: createProgressPrinter(process.stdout),
    });
    process.stdout.write(`${formatSyncSummary(summary)}\n`);
    return summary.ok ? EXIT.ok : EXIT.failure;
  });
}
