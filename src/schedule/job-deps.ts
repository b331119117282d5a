/**
 * What the scheduled jobs (and the CLI's `digest --post` / `check-pace`) use, passed in so tests can give a
 * fake clock, a fake Slack and a scripted sync. The composition root (src/service/runtime.ts) builds it.
 */
import type { webApi } from "@slack/bolt";
import type { BotContext } from "../context.js";
import type { Report } from "../model/report.js";
import type { Ledger } from "../store/ledger.js";

export interface SyncResult {
  ok: boolean;
  error?: string;
}

/** The Reports a job reads (src/service/report-service.ts). */
export interface JobReports {
  /** the current month's Report; null when the store has never synced */
  report(): Promise<Report | null>;
  /** forget cached Reports: the store just changed */
  invalidate(): void;
}

export interface JobDeps extends BotContext {
  reports: JobReports;
  ledger: Ledger;
  slack: webApi.WebClient;
  /**
   * one incremental GitLab sync; resolves { ok: false } (or rejects) when GitLab fails. Concurrent callers share
   * the sync in flight (src/service/sync-service.ts).
   */
  sync: () => Promise<SyncResult>;
  /** instance id, e.g. hostname:pid:random — who holds a ledger claim */
  owner: string;
  /** the jobs post without syncing first (the caller just synced) */
  skipSync?: boolean;
  /** how long a ledger claim holds if its owner dies before posting; default 5 minutes */
  claimTtlMs?: number;
}

export const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;
