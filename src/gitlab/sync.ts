/**
 * Incremental sync GitLab -> store. Sources, in this order, each its own function in src/gitlab/sources/: community
 * MRs per contributor group, labelled issues and labelled epics of the engagement group, and the configured epics.
 * Each page is stored together with its crawl's progress in one transaction (sync-source.ts: a crawl that cannot
 * skip an MR however GitLab's list changes while it pages), so a sync killed at any point resumes where it stopped, and upserts by id make re-fetched items harmless: nothing lost, nothing counted twice.
 * A failing source is recorded and the others go on, unless GitLab cannot be reached or gave up on server-side
 * failures (errors.ts endsTheSync): then the remaining sources are skipped with that reason. All requests of one
 * sync share one retry budget and one deadline (client.ts RetryBudget; SYNC_DEADLINE_MS): a sync always ends.
 */
import { type Config, secretsOf } from "../config.js";
import type { Logger } from "../log.js";
import type { SourceSummary, SyncProgress, SyncSummary } from "../model/sync-summary.js";
import { redact } from "../redaction.js";
import type { Store } from "../store/store.js";
import { counted } from "../wording/numbers.js";
import type { GitLabClient, RetryBudget } from "./client.js";
import type { EpicSource } from "./epic-source.js";
import { createEpicSource } from "./epic-source-choice.js";
import { endsTheSync, GitLabRequestError } from "./errors.js";
import { EpicsFailedError, syncConfiguredEpics } from "./sources/configured-epics.js";
import { syncLabelledEpics, syncLabelledIssues } from "./sources/labelled-items.js";
import { syncMergeRequests } from "./sources/merge-requests.js";
import { emptySourceSummary, SourceRun, type SyncContext } from "./sync-source.js";

/** What one sync may spend on failed requests and retry waits, all sources together: a dead GitLab ends it in time. */
export const SYNC_RETRY_BUDGET_MS = 60_000;

export interface SyncDeps {
  store: Store;
  client: GitLabClient;
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** true: reconcile removed labels now; "auto" (default): once a day; false: never */
  reconcile?: boolean | "auto";
  onProgress?: (event: SyncProgress) => void;
  /** default: the one EPIC_SOURCE names (src/gitlab/epic-source-choice.ts) */
  epicSource?: EpicSource;
  /** retry budget of this sync; default SYNC_RETRY_BUDGET_MS */
  retryBudgetMs?: number;
  /** the most this sync may take, in real time; default SYNC_DEADLINE_MS (config.syncDeadlineMs) */
  deadlineMs?: number;
}

/** Start of the UTC month `months` months before the month of `now`: the first backfill's lower bound. */
export function historyStart(now: Date, months: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A source's error as stored and shown: a GitLab answer may quote a token, which must not reach any surface. */
const shown = (ctx: SyncContext, error: unknown): string => redact(describe(error), secretsOf(ctx.config));

export async function syncAll(deps: SyncDeps): Promise<SyncSummary> {
  // the deadline runs on the real clock (an injected `now` may stand still): no request starts or waits past it
  const deadlineMs = deps.deadlineMs ?? deps.config.syncDeadlineMs;
  const budget: RetryBudget = {
    remainingMs: deps.retryBudgetMs ?? SYNC_RETRY_BUDGET_MS,
    deadline: { at: Date.now() + deadlineMs, ms: deadlineMs },
  };
  const now = deps.now ?? (() => new Date());
  const started = now();
  const startedMs = Date.now();
  const ctx: SyncContext = {
    store: deps.store,
    client: deps.client.withRetryBudget(budget),
    config: deps.config,
    logger: deps.logger.child({ component: "sync" }),
    now,
    started,
    backfillFrom: historyStart(started, deps.config.historyMonths),
    reconcile: deps.reconcile ?? "auto",
  };
  const runId = await ctx.store.startSyncRun(started);
  const sources = new SourceSequence(ctx, runId, deps.onProgress);
  for (const group of ctx.config.contributorGroups) {
    await sources.run(`merge_requests:${group}`, (run) => syncMergeRequests(ctx, run, group));
  }
  const group = ctx.config.engagementGroup;
  await sources.run(`issues:${group}`, (run) => syncLabelledIssues(ctx, run));
  await sources.run(`epics:${group}`, (run) => syncLabelledEpics(ctx, run));
  const epicSource =
    deps.epicSource ?? createEpicSource(ctx.config.epicSource, { client: ctx.client, logger: ctx.logger, now });
  await sources.run("configured_epics", (run) => syncConfiguredEpics(ctx, run, epicSource));
  return finishSync(ctx, runId, sources.summaries, Date.now() - startedMs);
}

/** Runs the sources one after the other, recording each one's summary; once GitLab is out of reach, skips the rest. */
class SourceSequence {
  readonly summaries: SourceSummary[] = [];
  /** set once GitLab is unreachable or gave up: the sources after it would only fail the same way */
  private giveUp: string | null = null;

  constructor(
    private readonly ctx: SyncContext,
    private readonly runId: number,
    private readonly onProgress: ((event: SyncProgress) => void) | undefined,
  ) {}

  async run(source: string, body: (run: SourceRun) => Promise<void>): Promise<void> {
    if (this.giveUp !== null) {
      const skipped: SourceSummary = { ...emptySourceSummary(source), error: this.giveUp, skipped: true };
      this.onProgress?.({ kind: "done", source, summary: skipped });
      this.summaries.push(skipped);
      return;
    }
    const run = new SourceRun(source, this.ctx.client, this.onProgress);
    try {
      await body(run);
    } catch (error) {
      if (!(error instanceof GitLabRequestError || error instanceof EpicsFailedError)) {
        // not GitLab's fault (store, programming): record the run as failed, then let it surface
        await this.ctx.store.finishSyncRun(
          this.runId,
          { fetched: 0, error: `${source}: ${shown(this.ctx, error)}` },
          this.ctx.now(),
        );
        throw error;
      }
      run.summary.error = shown(this.ctx, error);
      if (endsTheSync(error)) this.giveUp = run.summary.error;
      this.ctx.logger.error(
        { source, err: error },
        this.giveUp === null ? "sync source failed" : "sync source failed: skipping the rest of the sync",
      );
    }
    this.summaries.push(run.finish());
  }
}

/** Records the run's outcome in the store and sums the sources up. */
async function finishSync(ctx: SyncContext, runId: number, sources: SourceSummary[], ms: number): Promise<SyncSummary> {
  const totals = { pages: 0, requests: 0, fetched: 0, stored: 0, removed: 0 };
  for (const s of sources) {
    totals.pages += s.pages;
    totals.requests += s.requests;
    totals.fetched += s.fetched;
    totals.stored += s.stored;
    totals.removed += s.removed;
  }
  const errors = sources.filter((s) => s.error !== undefined).map((s) => `${s.source}: ${s.error}`);
  const finished = ctx.now();
  await ctx.store.finishSyncRun(
    runId,
    { fetched: totals.fetched, error: errors.length > 0 ? errors.join("\n") : null },
    finished,
  );
  const summary: SyncSummary = {
    runId,
    startedAt: ctx.started.toISOString(),
    finishedAt: finished.toISOString(),
    ok: errors.length === 0,
    sources,
    totals,
  };
  // the one "sync finished" line of a run, whoever asked for it (src/service/sync-service.ts only shares runs)
  ctx.logger.info({ runId, ok: summary.ok, ...totals, ms }, "sync finished");
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
