/**
 * Incremental sync GitLab -> store. Sources: community MRs per contributor group, labelled issues and labelled
 * epics of the engagement group, and the configured epics. Each page is stored together with its cursor in one
 * transaction, so a sync killed at any point resumes where it stopped, and upserts by id make re-fetched
 * items harmless: nothing lost, nothing counted twice. A failing source is recorded and the others go on, unless
 * GitLab cannot be reached or gave up on server-side failures (errors.ts endsTheSync): then the remaining sources
 * are skipped with that reason. All requests of one sync share one retry budget (client.ts RetryBudget).
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { LabelledItem, MergedMr } from "../model/records.js";
import type { Store } from "../store/store.js";
import { isBotUsername } from "./bots.js";
import { type GitLabClient, groupSegment, type Query, type RetryBudget } from "./client.js";
import { createRestEpicSource, type EpicSource, unavailableReason } from "./epic-source.js";
import { endsTheSync, GitLabAuthError, GitLabRequestError } from "./errors.js";

/** Some configured epics could not be fetched (other than being unavailable). */
class EpicsFailedError extends Error {
  override name = "EpicsFailedError";
}

/** Re-read this much before a cursor: items updated at the same instant as the last stored one are not missed. */
export const CURSOR_OVERLAP_MS = 10 * 60_000;
export const RECONCILE_EVERY_MS = 24 * 60 * 60_000;
/** What one sync may spend on failed requests and retry waits, all sources together: a dead GitLab ends it in time. */
export const SYNC_RETRY_BUDGET_MS = 60_000;

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

export interface SyncDeps {
  store: Store;
  client: GitLabClient;
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** true: reconcile removed labels now; "auto" (default): once a day; false: never */
  reconcile?: boolean | "auto";
  onProgress?: (event: SyncProgress) => void;
  /** default: the REST epics API */
  epicSource?: EpicSource;
  /** retry budget of this sync; default SYNC_RETRY_BUDGET_MS */
  retryBudgetMs?: number;
}

interface GlAuthor {
  id: number;
  username: string;
  name: string;
}

interface GlMergeRequestItem {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  updated_at: string;
  merged_at: string | null;
  author: GlAuthor;
  labels: string[];
  web_url: string;
}

interface GlLabelledItem {
  id: number;
  title: string;
  state: "opened" | "closed";
  created_at: string;
  updated_at: string;
  web_url: string;
  author: GlAuthor;
  references?: { full?: string };
}

/** Start of the UTC month `months` months before the month of `now`: the first backfill's lower bound. */
export function historyStart(now: Date, months: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1);
}

/** Reconcile window: from the start of the previous month, a day earlier so any time zone's month is covered. */
export function reconcileWindowStart(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) - 24 * 60 * 60_000;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

class SourceRun {
  readonly summary: SourceSummary;
  private readonly requestsAtStart: number;

  constructor(
    source: string,
    private readonly client: GitLabClient,
    private readonly onProgress: ((event: SyncProgress) => void) | undefined,
  ) {
    this.summary = { source, pages: 0, requests: 0, fetched: 0, stored: 0, removed: 0 };
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

export async function syncAll(deps: SyncDeps): Promise<SyncSummary> {
  const { store, config } = deps;
  const budget: RetryBudget = { remainingMs: deps.retryBudgetMs ?? SYNC_RETRY_BUDGET_MS };
  const client = deps.client.withRetryBudget(budget);
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: "sync" });
  const started = now();
  const runId = store.startSyncRun(started);
  const backfillFrom = historyStart(started, config.historyMonths);
  const sources: SourceSummary[] = [];
  /** set once GitLab is unreachable or gave up: the sources after it would only fail the same way */
  let giveUp: string | null = null;

  const runSource = async (source: string, body: (run: SourceRun) => Promise<void>) => {
    if (giveUp !== null) {
      const skipped: SourceSummary = {
        ...{ source, pages: 0, requests: 0, fetched: 0, stored: 0, removed: 0 },
        error: giveUp,
        skipped: true,
      };
      deps.onProgress?.({ kind: "done", source, summary: skipped });
      sources.push(skipped);
      return;
    }
    const run = new SourceRun(source, client, deps.onProgress);
    try {
      await body(run);
    } catch (error) {
      if (!(error instanceof GitLabRequestError || error instanceof EpicsFailedError)) {
        // not GitLab's fault (store, programming): record the run as failed, then let it surface
        store.finishSyncRun(runId, { fetched: 0, error: `${source}: ${describe(error)}` }, now());
        throw error;
      }
      run.summary.error = describe(error);
      if (endsTheSync(error)) giveUp = run.summary.error;
      logger.error(
        { source, err: error },
        giveUp === null ? "sync source failed" : "sync source failed: skipping the rest of the sync",
      );
    }
    sources.push(run.finish());
  };

  /** Pages through an updated_after query, storing each page with its cursor; returns nothing, counts in run. */
  const incremental = async <T extends { updated_at: string }>(
    run: SourceRun,
    cursorKey: string,
    endpoint: string,
    query: Query,
    storePage: (items: T[]) => number,
  ) => {
    const cursor = store.getCursor(cursorKey);
    const updatedAfter = cursor === null ? backfillFrom : cursor - CURSOR_OVERLAP_MS;
    for await (const items of client.pages<T>(endpoint, {
      ...query,
      updated_after: new Date(updatedAfter).toISOString(),
      order_by: "updated_at",
      sort: "asc",
      per_page: 100,
    })) {
      // ascending updated_at: the page's last item is as far as everything before it is stored
      const maxUpdated = items.reduce((max, item) => Math.max(max, Date.parse(item.updated_at)), updatedAfter);
      const stored = store.transaction(() => {
        const count = storePage(items);
        store.setCursor(cursorKey, maxUpdated, now());
        return count;
      });
      run.page(items.length, stored);
    }
    if (cursor === null) store.setCursor(cursorKey, updatedAfter, now());
  };

  const toMergedMr = (group: string, item: GlMergeRequestItem, fromMs: number): MergedMr | null => {
    if (item.merged_at === null) return null;
    const mergedAtMs = Date.parse(item.merged_at);
    // merged_after is ignored by GitLab: the merge-time bound is ours to apply
    if (mergedAtMs < fromMs) return null;
    if (!item.labels.includes(config.communityLabel)) return null;
    if (isBotUsername(item.author.username, config.botUsernames)) return null;
    return {
      id: item.id,
      projectId: item.project_id,
      iid: item.iid,
      groupPath: group,
      authorId: item.author.id,
      authorUsername: item.author.username,
      authorName: item.author.name,
      mergedAtMs,
      labels: item.labels,
      webUrl: item.web_url,
      title: item.title,
    };
  };

  const mergeRequestQuery = (): Query => ({ state: "merged", labels: config.communityLabel, scope: "all" });

  for (const group of config.contributorGroups) {
    await runSource(`merge_requests:${group}`, async (run) => {
      const endpoint = `groups/${groupSegment(group)}/merge_requests`;
      const firstRun = store.getCursor(`merge_requests:${group}`) === null;
      await incremental<GlMergeRequestItem>(run, `merge_requests:${group}`, endpoint, mergeRequestQuery(), (items) => {
        const rows = items.flatMap((item) => toMergedMr(group, item, backfillFrom) ?? []);
        store.upsertMergeRequests(rows);
        store.setHistoryStartMs(backfillFrom);
        return rows.length;
      });
      const reconcileKey = `reconciled_at:${group}`;
      const lastReconcile = store.getMeta(reconcileKey);
      const due =
        deps.reconcile === true ||
        ((deps.reconcile ?? "auto") === "auto" &&
          !firstRun &&
          (lastReconcile === null || started.getTime() - Date.parse(lastReconcile) >= RECONCILE_EVERY_MS));
      if (firstRun && deps.reconcile !== true) store.setMeta(reconcileKey, started.toISOString());
      if (!due) return;
      // A labelled query cannot see a removed label: re-list the recent window and drop what is gone from it.
      const windowStart = Math.max(reconcileWindowStart(started), backfillFrom);
      const seen = new Map<number, MergedMr>();
      let fetched = 0;
      for await (const items of client.pages<GlMergeRequestItem>(endpoint, {
        ...mergeRequestQuery(),
        updated_after: new Date(windowStart).toISOString(),
        order_by: "updated_at",
        sort: "asc",
        per_page: 100,
      })) {
        fetched += items.length;
        for (const item of items) {
          const row = toMergedMr(group, item, backfillFrom);
          if (row) seen.set(row.id, row);
        }
        run.page(items.length, 0);
      }
      const removed = store.transaction(() => {
        const rows = [...seen.values()];
        store.upsertMergeRequests(rows);
        const gone = store
          .mergeRequestIdsMergedBetween(group, windowStart, Number.MAX_SAFE_INTEGER)
          .filter((id) => !seen.has(id));
        store.setMeta(reconcileKey, started.toISOString());
        return store.deleteMergeRequests(gone);
      });
      run.summary.removed += removed;
      run.summary.note = `reconciled ${fetched} MRs since ${new Date(windowStart).toISOString().slice(0, 10)}`;
    });
  }

  const toLabelledItem = (kind: LabelledItem["kind"], item: GlLabelledItem): LabelledItem => ({
    id: item.id,
    kind,
    ref: item.references?.full ?? item.web_url,
    title: item.title,
    webUrl: item.web_url,
    author: item.author.username,
    createdAt: item.created_at,
    state: item.state,
  });

  const group = config.engagementGroup;
  await runSource(`issues:${group}`, (run) =>
    incremental<GlLabelledItem>(
      run,
      `issues:${group}`,
      `groups/${groupSegment(group)}/issues`,
      { labels: config.engagementLabel, scope: "all", state: "all" },
      (items) => {
        store.upsertLabelledItems(items.map((item) => toLabelledItem("issue", item)));
        return items.length;
      },
    ),
  );

  await runSource(`epics:${group}`, async (run) => {
    if (!client.hasToken) {
      run.summary.note = "skipped: labelled epics need GITLAB_TOKEN";
      return;
    }
    try {
      await incremental<GlLabelledItem>(
        run,
        `epics:${group}`,
        `groups/${groupSegment(group)}/epics`,
        { labels: config.engagementLabel, state: "all" },
        (items) => {
          store.upsertLabelledItems(items.map((item) => toLabelledItem("epic", item)));
          return items.length;
        },
      );
    } catch (error) {
      const reason = error instanceof GitLabAuthError ? null : unavailableReason(error);
      if (reason === null) throw error;
      run.summary.note = `unavailable: ${reason}`;
    }
  });

  const epicSource = deps.epicSource ?? createRestEpicSource({ client, logger, now });
  await runSource("configured_epics", async (run) => {
    const failures: string[] = [];
    const unavailable: string[] = [];
    for (const ref of config.epics) {
      try {
        const record = await epicSource.fetch(ref);
        const previous = record.available ? undefined : store.epics([ref.ref])[0];
        // an epic that became unreadable keeps its last known figures, marked unavailable
        const toStore = previous
          ? { ...previous, available: false, unavailableReason: record.unavailableReason }
          : record;
        store.transaction(() => store.upsertEpics([toStore]));
        if (!record.available) unavailable.push(ref.ref);
        run.page(1, 1);
      } catch (error) {
        if (!(error instanceof GitLabRequestError) || endsTheSync(error)) throw error;
        failures.push(`${ref.ref}: ${describe(error)}`);
      }
    }
    if (unavailable.length > 0) run.summary.note = `unavailable: ${unavailable.join(", ")}`;
    if (failures.length > 0) throw new EpicsFailedError(failures.join("; "));
  });

  const totals = { pages: 0, requests: 0, fetched: 0, stored: 0, removed: 0 };
  for (const s of sources) {
    totals.pages += s.pages;
    totals.requests += s.requests;
    totals.fetched += s.fetched;
    totals.stored += s.stored;
    totals.removed += s.removed;
  }
  const errors = sources.filter((s) => s.error !== undefined).map((s) => `${s.source}: ${s.error}`);
  const finished = now();
  store.finishSyncRun(
    runId,
    { fetched: totals.fetched, error: errors.length > 0 ? errors.join("\n") : null },
    finished,
  );
  const summary: SyncSummary = {
    runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    ok: errors.length === 0,
    sources,
    totals,
  };
  logger.info({ runId, ok: summary.ok, ...totals }, "sync finished");
  return summary;
}

/** "source: error" for each source that failed, for one-line messages; skipped sources as one count. */
export function failedSources(summary: SyncSummary): string[] {
  const failed = summary.sources
    .filter((s) => s.error !== undefined && !s.skipped)
    .map((s) => `${s.source}: ${s.error}`);
  const skipped = summary.sources.filter((s) => s.skipped).length;
  return skipped > 0 ? [...failed, `${counted(skipped, "other source")} skipped`] : failed;
}

/** "1 page", "3 requests": the figures read as sentences. */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function formatSyncSummary(summary: SyncSummary): string {
  const lines = summary.sources.map((s) => {
    const figures = `${counted(s.pages, "page")}, ${counted(s.requests, "request")}, ${s.fetched} fetched, ${s.stored} stored${
      s.removed > 0 ? `, ${s.removed} removed` : ""
    }`;
    if (s.skipped) return `  – ${s.source}: skipped (same reason)`;
    const tail = s.error ? `  FAILED: ${s.error}` : s.note ? `  (${s.note})` : "";
    return `  ${s.error ? "✗" : "✓"} ${s.source}: ${figures}${tail}`;
  });
  const seconds = ((Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000).toFixed(1);
  const t = summary.totals;
  const head = summary.ok
    ? `Sync #${summary.runId} finished in ${seconds} s`
    : `Sync #${summary.runId} finished in ${seconds} s with errors (the data of failed sources stays as it was; run sync again later)`;
  return [
    head,
    ...lines,
    `  total: ${t.requests} requests, ${t.fetched} fetched, ${t.stored} stored, ${t.removed} removed`,
  ].join("\n");
}
