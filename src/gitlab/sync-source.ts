/**
 * What every source of one sync works with (src/gitlab/sources/*): the shared SyncContext, a SourceRun that counts
 * pages and reports progress, and the one page loop over GitLab's `updated_after` lists that they all use.
 */

import type { z } from "zod";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { SourceSummary, SyncProgress } from "../model/sync-summary.js";
import type { Store } from "../store/store.js";
import type { GitLabClient, GitLabPage, Query } from "./client.js";
import { checkRecord } from "./record-check.js";

/** Re-read this much before a cursor: items updated at the same instant as the last stored one are not missed. */
export const CURSOR_OVERLAP_MS = 10 * 60_000;

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

/** GitLab's largest page: a shorter page that links to another is a listing cut short. */
export const PER_PAGE = 100;

/** The page loop: every page of `endpoint` updated after `fromMs`, oldest first, PER_PAGE items a page. */
export function listingUpdatedAfter(
  client: GitLabClient,
  endpoint: string,
  query: Query,
  fromMs: number,
): AsyncGenerator<GitLabPage<unknown>, void, undefined> {
  return client.listing<unknown>(endpoint, {
    ...query,
    updated_after: new Date(fromMs).toISOString(),
    order_by: "updated_at",
    sort: "asc",
    per_page: PER_PAGE,
  });
}

/** How many malformed records a source logs one by one; the rest are counted (a broken GitLab must not flood the log). */
const MALFORMED_LOGGED = 20;
/** How many a summary names. */
const MALFORMED_NAMED = 5;

/**
 * The records of a page the sync can use; each other one is skipped, counted and named in the source's summary and
 * the log (source, id, what was wrong), so the rest of the page is still stored.
 */
export function usableRecords<T>(ctx: SyncContext, run: SourceRun, schema: z.ZodType<T>, records: unknown[]): T[] {
  const usable: T[] = [];
  for (const record of records) {
    const checked = checkRecord(schema, record);
    if (checked.ok) {
      usable.push(checked.record);
      continue;
    }
    run.summary.malformed ??= { count: 0, examples: [] };
    const { malformed } = run.summary;
    malformed.count += 1;
    if (malformed.examples.length < MALFORMED_NAMED) malformed.examples.push(checked.malformed);
    if (malformed.count <= MALFORMED_LOGGED) {
      ctx.logger.warn(
        { source: run.summary.source, id: checked.malformed.id, problem: checked.malformed.problem },
        `GitLab record skipped: ${checked.malformed.problem}`,
      );
    }
  }
  return usable;
}

/**
 * Pages through `endpoint` from the cursor `cursorKey` (the first time: from the backfill start), storing each page
 * with the cursor in one transaction, so a sync killed between pages resumes where it stopped. Records that do not
 * fit `schema` are skipped (usableRecords); the rest of their page is stored.
 */
export async function syncIncrementally<T extends { updated_at: string }>(
  ctx: SyncContext,
  run: SourceRun,
  cursor: { key: string; endpoint: string; query: Query; schema: z.ZodType<T> },
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
  for await (const page of listingUpdatedAfter(ctx.client, cursor.endpoint, cursor.query, updatedAfter)) {
    const items = usableRecords(ctx, run, cursor.schema, page.items);
    // ascending updated_at: the page's last record is as far as everything before it is stored (a malformed one
    // too: it is skipped, not retried); a future updated_at (clock skew, a bad record) stops at this sync's start
    const maxUpdated = Math.min(
      startedMs,
      page.items.reduce((max: number, record) => {
        const updated = Date.parse(String((record as { updated_at?: unknown } | null)?.updated_at));
        return Number.isFinite(updated) ? Math.max(max, updated) : max;
      }, updatedAfter),
    );
    const count = store.transaction(() => {
      const n = storePage(items);
      store.setCursor(cursor.key, maxUpdated, now());
      return n;
    });
    run.page(page.items.length, count);
  }
  if (stored === null) store.setCursor(cursor.key, updatedAfter, now());
}
