/**
 * What every source of one sync works with (src/gitlab/sources/*): the shared SyncContext, a SourceRun that counts
 * pages and reports progress, and the one page loop over GitLab's `updated_after` lists that they all use.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { SourceSummary, SyncProgress } from "../model/sync-summary.js";
import type { Store } from "../store/store.js";
import type { GitLabClient, Query } from "./client.js";

/** Re-read this much before a cursor: items updated at the same instant as the last stored one are not missed. */
export const CURSOR_OVERLAP_MS = 10 * 60_000;

/** An author as GitLab's lists give it. */
export interface GlAuthor {
  id: number;
  username: string;
  name: string;
}

/** One sync, as every source sees it. */
export interface SyncContext {
  store: Store;
  /** the client drawing on this sync's retry budget */
  client: GitLabClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** when this sync started */
  started: Date;
  /** the first backfill's lower bound (HISTORY_MONTHS before the start) */
  backfillFrom: number;
  /** true: reconcile removed labels now; "auto": once a day; false: never */
  reconcile: boolean | "auto";
}

export const emptySourceSummary = (source: string): SourceSummary => ({
  source,
  pages: 0,
  requests: 0,
  fetched: 0,
  stored: 0,
  removed: 0,
});

/** One source's figures while it runs: pages, items fetched and stored, and the requests it sent. */
export class SourceRun {
  readonly summary: SourceSummary;
  private readonly requestsAtStart: number;

  constructor(
    source: string,
    private readonly client: GitLabClient,
    private readonly onProgress: ((event: SyncProgress) => void) | undefined,
  ) {
    this.summary = emptySourceSummary(source);
    this.requestsAtStart = client.requestCount();
    onProgress?.({ kind: "start", source });
  }

  page(fetched: number, stored: number): void {
    this.summary.pages += 1;
    this.summary.fetched += fetched;
    this.summary.stored += stored;
    this.summary.requests = this.client.requestCount() - this.requestsAtStart;
    this.onProgress?.({
      kind: "page",
      source: this.summary.source,
      pages: this.summary.pages,
      fetched: this.summary.fetched,
      stored: this.summary.stored,
    });
  }

  finish(): SourceSummary {
    this.summary.requests = this.client.requestCount() - this.requestsAtStart;
    this.onProgress?.({ kind: "done", source: this.summary.source, summary: this.summary });
    return this.summary;
  }
}

/** The page loop: every page of `endpoint` updated after `fromMs`, oldest first, 100 items a page. */
export function pagesUpdatedAfter<T>(
  client: GitLabClient,
  endpoint: string,
  query: Query,
  fromMs: number,
): AsyncGenerator<T[], void, undefined> {
  return client.pages<T>(endpoint, {
    ...query,
    updated_after: new Date(fromMs).toISOString(),
    order_by: "updated_at",
    sort: "asc",
    per_page: 100,
  });
}

/**
 * Pages through `endpoint` from the cursor `cursorKey` (the first time: from the backfill start), storing each page
 * with the cursor in one transaction, so a sync killed between pages resumes where it stopped.
 */
export async function syncIncrementally<T extends { updated_at: string }>(
  ctx: SyncContext,
  run: SourceRun,
  cursor: { key: string; endpoint: string; query: Query },
  storePage: (items: T[]) => number,
): Promise<void> {
  const { store, now } = ctx;
  const startedMs = ctx.started.getTime();
  const stored = store.getCursor(cursor.key);
  if (stored !== null && stored > startedMs) {
    ctx.logger.warn(
      { source: cursor.key, cursor: new Date(stored).toISOString() },
      "sync cursor lies after the sync's start (a future updated_at stored by an earlier version): reading from now",
    );
  }
  // never after this sync's start: an item GitLab dates in the future must not hide what is updated meanwhile
  const updatedAfter = stored === null ? ctx.backfillFrom : Math.min(stored, startedMs) - CURSOR_OVERLAP_MS;
  for await (const items of pagesUpdatedAfter<T>(ctx.client, cursor.endpoint, cursor.query, updatedAfter)) {
    // ascending updated_at: the page's last item is as far as everything before it is stored; a future
    // updated_at (clock skew, a bad record) stops the cursor at this sync's start
    const maxUpdated = Math.min(
      startedMs,
      items.reduce((max, item) => {
        const updated = Date.parse(item.updated_at);
        return Number.isFinite(updated) ? Math.max(max, updated) : max;
      }, updatedAfter),
    );
    const count = store.transaction(() => {
      const n = storePage(items);
      store.setCursor(cursor.key, maxUpdated, now());
      return n;
    });
    run.page(items.length, count);
  }
  if (stored === null) store.setCursor(cursor.key, updatedAfter, now());
}
