/**
 * One sync at a time per process: concurrent callers (the cron job, a never-synced slash command,
 * the digest) share the sync in flight instead of starting another. Cross-process safety is the
 * store's (each source commits in its own transaction; upserts are idempotent).
 */

import { failedSources, type SyncSummary } from "../gitlab/sync.js";
import type { Logger } from "../log.js";

export class FirstSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FirstSyncError";
  }
}

export class SyncService {
  private inFlight: Promise<SyncSummary> | null = null;

  constructor(
    private readonly runSync: () => Promise<SyncSummary>,
    private readonly hasSynced: () => boolean,
    private readonly logger: Logger,
  ) {}

  /** Runs a sync, or joins the one already running. */
  sync(): Promise<SyncSummary> {
    if (!this.inFlight) {
      const started = Date.now();
      this.inFlight = this.runSync()
        .then((summary) => {
          this.logger.info(
            {
              ok: summary.ok,
              fetched: summary.totals.fetched,
              requests: summary.totals.requests,
              ms: Date.now() - started,
            },
            summary.ok ? "sync finished" : "sync finished with errors",
          );
          return summary;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  get running(): boolean {
    return this.inFlight !== null;
  }

  /** Resolves once the store holds a successful sync, starting one when needed. */
  async waitForFirstSync(): Promise<void> {
    if (this.hasSynced()) return;
    const summary = await this.sync();
    if (!this.hasSynced()) {
      const failed = failedSources(summary).join("; ") || "no source succeeded";
      throw new FirstSyncError(`the first GitLab sync failed (${failed})`);
    }
  }
}
