/**
 * What the scheduled jobs (and the CLI's `digest --post` / `check-pace`) need, passed in so tests can give a
 * fake clock, a fake Slack and a scripted sync.
 */
import type { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { ReportService } from "../service/report-service.js";
import type { Ledger } from "../store/ledger.js";
import type { Store } from "../store/store.js";

export interface SyncResult {
  ok: boolean;
  error?: string;
}

export interface JobDeps {
  store: Store;
  reports: ReportService;
  ledger: Ledger;
  slack: webApi.WebClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** one incremental GitLab sync; resolves { ok: false } (or rejects) when GitLab fails */
  sync: () => Promise<SyncResult>;
  /** instance id, e.g. hostname:pid:random — who holds a ledger claim */
  owner: string;
  /** data older than this gets a warning (2 sync periods) */
  staleAfterMs: number;
  /** the jobs post without syncing first (the caller just synced) */
  skipSync?: boolean;
  /** how long a ledger claim holds if its owner dies before posting; default 5 minutes */
  claimTtlMs?: number;
}

export const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;
