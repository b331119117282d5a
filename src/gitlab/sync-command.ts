/**
 * `engagement-bot sync [--reconcile]`: opens the store, syncs once with terminal progress, prints the summary.
 * Returns the exit code (0 all sources synced, 1 a source failed) so main.ts only wires it.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { Store } from "../store/store.js";
import { createGitLabClient } from "./client.js";
import { formatSyncSummary, type SyncSummary, syncAll } from "./sync.js";
import { createProgressPrinter } from "./sync-progress.js";

export interface SyncCommandOptions {
  config: Config;
  logger: Logger;
  reconcile?: boolean;
  /** where progress and the summary go; default stdout */
  output?: NodeJS.WriteStream;
}

export async function runSyncCommand(options: SyncCommandOptions): Promise<{ exitCode: number; summary: SyncSummary }> {
  const output = options.output ?? process.stdout;
  const store = Store.open(options.config.databasePath);
  try {
    const client = createGitLabClient({
      url: options.config.gitlabUrl,
      token: options.config.gitlabToken,
      logger: options.logger,
    });
    const summary = await syncAll({
      store,
      client,
      config: options.config,
      logger: options.logger,
      reconcile: options.reconcile ? true : "auto",
      onProgress: createProgressPrinter(output),
    });
    output.write(`${formatSyncSummary(summary)}\n`);
    return { exitCode: summary.ok ? 0 : 1, summary };
  } finally {
    store.close();
  }
}
