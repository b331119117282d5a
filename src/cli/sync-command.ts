/** `engagement-bot sync [--reconcile]`: one incremental sync with progress and a summary (exit 1 if a source failed). */
import type { Config } from "../config.js";
import { runSyncCommand } from "../gitlab/sync-command.js";
import type { Logger } from "../log.js";
import { reportFailure } from "./fail.js";

export async function runSync(config: Config, logger: Logger, options: { reconcile: boolean }): Promise<number> {
  try {
    const { exitCode } = await runSyncCommand({ config, logger, reconcile: options.reconcile });
    return exitCode;
  } catch (error) {
    return reportFailure(error, "sync");
  }
}
