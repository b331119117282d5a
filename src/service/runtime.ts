/**
 * Wires the adapters once for every verb: store, GitLab client, sync and reports.
 * GitLab -> sync -> store -> report; nothing here talks to Slack.
 */
import { hostname } from "node:os";
import type { Config } from "../config.js";
import { createGitLabClient, type GitLabClient, type GitLabClientOptions } from "../gitlab/client.js";
import { type SyncProgress, syncAll } from "../gitlab/sync.js";
import type { Logger } from "../log.js";
import { Store } from "../store/store.js";
import { ReportService } from "./report-service.js";
import { staleAfterMs } from "./stale-after.js";
import { SyncService } from "./sync-service.js";

export interface RuntimeOptions {
  now?: () => Date;
  /** GitLab client tuning (tests shorten retries) */
  gitlab?: Partial<Omit<GitLabClientOptions, "url" | "token" | "logger">>;
  onProgress?: (event: SyncProgress) => void;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  now: () => Date;
  store: Store;
  gitlab: GitLabClient;
  reports: ReportService;
  syncs: SyncService;
  /** this process, for ledger claims */
  owner: string;
  staleAfterMs: number;
  /** one sync; reconcile: true also drops MRs whose label was removed */
  runSync(options?: { reconcile?: boolean; onProgress?: (event: SyncProgress) => void }): ReturnType<typeof syncAll>;
  close(): void;
}

export function openRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  const store = Store.open(config.databasePath);
  const gitlab = createGitLabClient({ url: config.gitlabUrl, token: config.gitlabToken, logger, ...options.gitlab });
  const reports = new ReportService(store, config, now);
  const runSync: Runtime["runSync"] = (sync = {}) =>
    syncAll({
      store,
      client: gitlab,
      config,
      logger,
      now,
      reconcile: sync.reconcile ? true : "auto",
      onProgress: sync.onProgress ?? options.onProgress,
    });
  const syncs = new SyncService(
    async () => {
      const summary = await runSync();
      // read the new snapshot now, so the next slash command does not pay for it while Slack waits
      reports.snapshot();
      return summary;
    },
    () => store.lastSuccessfulSyncAt() !== null,
    logger,
  );
  return {
    config,
    logger,
    now,
    store,
    gitlab,
    reports,
    syncs,
    owner: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    staleAfterMs: staleAfterMs(config.syncCron, config.timezone),
    runSync,
    close: () => store.close(),
  };
}
