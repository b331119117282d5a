/**
 * What a GitLab sync reports: progress while it runs and a summary at the end. Plain data, produced by the sync
 * (src/gitlab/sync.ts, src/gitlab/sync-source.ts) and worded for the terminal by src/text/sync-text.ts.
 */

export type SyncProgress =
  | { kind: "start"; source: string }
  | { kind: "page"; source: string; pages: number; fetched: number; stored: number }
  | { kind: "done"; source: string; summary: SourceSummary };

export interface SourceSummary {
  source: string;
  pages: number;
  requests: number;
  fetched: number;
  stored: number;
  removed: number;
  error?: string;
  /** not an error: e.g. epics unavailable without a token, a reconcile done */
  note?: string;
  /** not tried: an earlier source found GitLab unreachable or failing (error repeats that reason) */
  skipped?: boolean;
}

export interface SyncSummary {
  runId: number;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  sources: SourceSummary[];
  totals: { pages: number; requests: number; fetched: number; stored: number; removed: number };
}
