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
  /** records GitLab listed that could not be used (e.g. `author: null`): skipped, the rest of their page stored */
  malformed?: MalformedRecords;
  /**
   * MRs GitLab lists as merged but without `merged_at` (old ones): no month to count them in, so not counted (as in
   * GitLab's own KPI), and said so rather than dropped silently; the first few named by URL
   */
  mergedWithoutMergedAt?: { count: number; examples: string[] };
  /** not an error, but a person should look: e.g. a reconcile that did not drop, or dropped more than its share */
  warning?: string;
}

export interface MalformedRecords {
  count: number;
  /** the first few, by GitLab id, with what was wrong ("author is null") */
  examples: Array<{ id: string; problem: string }>;
}

export interface SyncSummary {
  runId: number;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  sources: SourceSummary[];
  totals: { pages: number; requests: number; fetched: number; stored: number; removed: number };
}
