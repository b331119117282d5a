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
import { GitLabPaginationError } from "./errors.js";
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
export function usableRecords<T>(
  ctx: SyncContext,
  run: SourceRun,
  schema: z.ZodType<T>,
  records: unknown[],
  onMalformed?: (record: unknown) => void,
): T[] {
  const usable: T[] = [];
  for (const record of records) {
    const checked = checkRecord(schema, record);
    if (checked.ok) {
      usable.push(checked.record);
      continue;
    }
    onMalformed?.(record);
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
 * A part of a crawl still to read: the records updated in [fromMs, beforeMs] (beforeMs null: no upper bound), newest
 * first, from page `page` of that window (page > 1 only inside a run of records that share one millisecond).
 */
export interface CrawlSegment {
  fromMs: number;
  beforeMs: number | null;
  page: number;
}

/** A crawl in progress, kept beside the cursor so a sync killed between pages goes on from there. */
interface CrawlProgress {
  /** when the crawl began (its sync's start): everything updated since is re-read by the next crawl */
  startedMs: number;
  segments: CrawlSegment[];
  /** the oldest updated_at of a malformed record met so far, to read again next time; null: none */
  retryFromMs: number | null;
}

const progressKey = (key: string) => `crawl:${key}`;

/** Forgets a source's cursor and any crawl in progress: its next sync lists everything again. */
export async function forgetCursor(store: Store, key: string): Promise<void> {
  await store.deleteCursor(key);
  await store.setMeta(progressKey(key), "");
}

async function readProgress(ctx: SyncContext, key: string): Promise<CrawlProgress | null> {
  const raw = await ctx.store.getMeta(progressKey(key));
  // "": the last crawl completed
  if (raw === null || raw === "") return null;
  try {
    const progress = JSON.parse(raw) as CrawlProgress;
    if (Number.isFinite(progress.startedMs) && Array.isArray(progress.segments)) {
      return { ...progress, retryFromMs: progress.retryFromMs ?? null };
    }
  } catch {
    // unreadable: crawl from the cursor again
  }
  return null;
}

/**
 * Pages through `endpoint` from the cursor `cursorKey` (the first time: from the backfill start) so that no record
 * can be skipped however GitLab's list changes meanwhile. GitLab's group lists have only offset pagination, where a
 * record that moves or leaves the list shifts every later one a place. So the crawl reads newest first, and each
 * request asks for page 1 of `updated_before` = the oldest `updated_at` read so far (+1 ms: GitLab keeps
 * microseconds): a record updated mid-crawl moves above the window (it is re-read by the next crawl, which starts
 * from this crawl's start − CURSOR_OVERLAP_MS), and one that leaves the list leaves only its own place. The cursor
 * moves to the crawl's start only when the crawl is complete; until then each page is stored with the crawl's
 * progress in one transaction, so a sync killed between pages goes on from there. Records that do not fit `schema`
 * are skipped (usableRecords); the rest of their page is stored.
 */
export async function syncIncrementally<T extends { updated_at: string }>(
  ctx: SyncContext,
  run: SourceRun,
  cursor: { key: string; endpoint: string; query: Query; schema: z.ZodType<T> },
  storePage: (items: T[]) => Promise<number>,
): Promise<void> {
  const { store, now } = ctx;
  const startedMs = ctx.started.getTime();
  const stored = await store.getCursor(cursor.key);
  if (stored !== null && stored > startedMs) {
    ctx.logger.warn(
      { source: cursor.key, cursor: new Date(stored).toISOString() },
      "sync cursor lies after the sync's start (a future updated_at stored by an earlier version): reading from now",
    );
  }
  const interrupted = await readProgress(ctx, cursor.key);
  // never after this sync's start: an item GitLab dates in the future must not hide what is updated meanwhile
  const fromMs =
    interrupted !== null
      ? Math.min(interrupted.startedMs, startedMs) - CURSOR_OVERLAP_MS
      : stored === null
        ? ctx.backfillFrom
        : Math.min(stored, startedMs) - CURSOR_OVERLAP_MS;
  // what changed since an interrupted crawl began comes first; then the rest of that crawl, where it stopped
  const segments: CrawlSegment[] = [{ fromMs, beforeMs: null, page: 1 }, ...(interrupted?.segments ?? [])];
  // a malformed record is read once more, by the next crawl (the cursor stops at it); not for ever
  let retryFromMs = interrupted?.retryFromMs ?? null;
  const noteMalformed = (record: unknown) => {
    const updated = updatedAtOf(record);
    if (Number.isFinite(updated) && updated < startedMs && (stored === null || updated > stored)) {
      retryFromMs = Math.min(retryFromMs ?? updated, updated);
    }
  };
  const save = () =>
    store.setMeta(
      progressKey(cursor.key),
      JSON.stringify({ startedMs, segments, retryFromMs } satisfies CrawlProgress),
    );
  while (segments.length > 0) {
    const segment = segments[0] as CrawlSegment;
    const page = await crawlPage(ctx, cursor.endpoint, cursor.query, segment);
    const items = usableRecords(ctx, run, cursor.schema, page.items, noteMalformed);
    const next = nextSegment(cursor.endpoint, segment, page);
    if (next === null) segments.shift();
    else segments[0] = next;
    const count = await store.transaction(async () => {
      const n = await storePage(items);
      if (segments.length > 0) await save();
      else {
        await store.setCursor(cursor.key, retryFromMs ?? startedMs, now());
        await store.setMeta(progressKey(cursor.key), "");
      }
      return n;
    });
    run.page(page.items.length, count);
  }
}

const updatedAtOf = (record: unknown): number =>
  Date.parse(String((record as { updated_at?: unknown } | null)?.updated_at));

/** The page loop's request: `segment`'s window, newest first, PER_PAGE records a page. */
function crawlPage(ctx: SyncContext, endpoint: string, query: Query, segment: CrawlSegment) {
  return ctx.client.getPage<unknown>(endpoint, {
    ...query,
    updated_after: new Date(segment.fromMs).toISOString(),
    ...(segment.beforeMs === null ? {} : { updated_before: new Date(segment.beforeMs).toISOString() }),
    order_by: "updated_at",
    sort: "desc",
    per_page: PER_PAGE,
    ...(segment.page > 1 ? { page: segment.page } : {}),
  });
}

/**
 * What is left of `segment` after `page`, or null when it is read. A listing that does not add up throws
 * GitLabPaginationError: an empty page that links on, a page past the x-total-pages announced, or a window that
 * does not shrink (GitLab ignoring `updated_before`) for more pages than it announced.
 */
export function nextSegment(endpoint: string, segment: CrawlSegment, page: GitLabPage<unknown>): CrawlSegment | null {
  if (page.next === null) return null;
  if (page.items.length === 0)
    throw new GitLabPaginationError(endpoint, `page ${segment.page} of a window is empty but links to another`);
  if (page.totalPages !== null && segment.page >= page.totalPages) {
    throw new GitLabPaginationError(
      endpoint,
      `GitLab announced ${page.totalPages} page${page.totalPages === 1 ? "" : "s"} (x-total-pages) but page ${segment.page} links to another`,
    );
  }
  if (page.items.length < PER_PAGE) {
    throw new GitLabPaginationError(
      endpoint,
      `a page held ${page.items.length} of ${PER_PAGE} records yet linked to another`,
    );
  }
  const oldest = page.items.reduce((min: number, record) => {
    const updated = updatedAtOf(record);
    return Number.isFinite(updated) ? Math.min(min, updated) : min;
  }, Number.POSITIVE_INFINITY);
  // +1 ms: GitLab compares microseconds, the API shows milliseconds; the oldest ones are read again, harmlessly
  const beforeMs = oldest + 1;
  if (Number.isFinite(beforeMs) && (segment.beforeMs === null || beforeMs < segment.beforeMs)) {
    return { fromMs: segment.fromMs, beforeMs, page: 1 };
  }
  // a whole page within the window's last millisecond (or with no readable updated_at): the next page of it
  if (segment.page >= MAX_PAGES_IN_ONE_WINDOW) {
    throw new GitLabPaginationError(
      endpoint,
      `${segment.page} pages in a row did not move past one updated_at (updated_before ignored?)`,
    );
  }
  return { ...segment, page: segment.page + 1 };
}

/** More records than this updated within one millisecond is not a real listing. */
const MAX_PAGES_IN_ONE_WINDOW = 50;
