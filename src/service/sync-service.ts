/**
 * One sync at a time per process: concurrent callers (the cron job, the digest and pace jobs, a never-synced slash
 * command, a CLI verb) share the sync in flight instead of starting another. Cross-process safety is the store's
 * (each source commits in its own transaction; upserts are idempotent). syncAll logs "sync finished" once per run.
 */

import { failedSources } from "../gitlab/sync.js";
import type { SyncProgress, SyncSummary } from "../model/sync-summary.js";
import type { SyncResult } from "../schedule/job-deps.js";

export class FirstSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FirstSyncError";
  }
}

export interface SyncRequest {
  /** also drop MRs whose community label was removed (`sync --reconcile`); default once a day */
  reconcile?: boolean;
  /** progress of each source (the CLI prints it) */
  onProgress?: (event: SyncProgress) => void;
}

export class SyncService {
  private inFlight: Promise<SyncSummary> | null = null;

  constructor(
    private readonly runSync: (request: SyncRequest) => Promise<SyncSummary>,
    private readonly hasSynced: () => Promise<boolean>,
  ) {}

  /** Runs a sync, or joins the one already running (whose request then stands for both). */
  sync(request: SyncRequest = {}): Promise<SyncSummary> {
    this.inFlight ??= this.runSync(request).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** A sync as the jobs see it: ok, or why it failed in one line. */
  async syncResult(): Promise<SyncResult> {
    const summary = await this.sync();
    return summary.ok ? { ok: true } : { ok: false, error: failedSources(summary).join("; ") };
  }

  get running(): boolean {
    return this.inFlight !== null;
  }

  /** Resolves once the store holds a successful sync, starting one when needed. */
  async waitForFirstSync(): Promise<void> {
    if (await this.hasSynced()) return;
    const summary = await this.sync();
    if (!(await this.hasSynced())) {
      const failed = failedSources(summary).join("; ") || "no source succeeded";
      throw new FirstSyncError(`the first GitLab sync failed (${failed})`);
    }
  }
}
