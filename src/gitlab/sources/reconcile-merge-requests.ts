/**
 * The reconcile of one group's community MRs: a labelled list cannot show an MR whose label was removed, so once a
 * day (or on `sync --reconcile`) the recent window is listed again and the stored MRs missing from it become
 * candidates. It deletes only what GitLab confirms:
 * - a listing that is empty while MRs are stored (a renamed label answers `200 []`), cut short (a page with fewer
 *   than 100 MRs that links to another, fewer MRs than x-total announced) or that does not add up
 *   (GitLabPaginationError) acts on nothing;
 * - each candidate is asked for by itself (`GET /projects/:id/merge_requests/:iid`) and dropped only when GitLab
 *   answers 404 or shows it without the label; any other answer keeps it;
 * - the automatic reconcile drops at most RECONCILE_MAX_DROP_SHARE of the group's stored MRs (at least
 *   RECONCILE_MIN_DROPS): with more candidates it drops nothing and says so loudly; `sync --reconcile` (a person
 *   asking) checks them all and says so loudly when it drops more.
 * A deletion of 103 of 223 MRs on one empty answer, then a false "behind" alert, is what this prevents.
 */
import type { MergedMr } from "../../model/records.js";
import { counted } from "../../wording/numbers.js";
import type { Query } from "../client.js";
import { endsTheSync, GitLabRequestError } from "../errors.js";
import { checkRecord, type GlMergeRequestItem, MERGE_REQUEST } from "../record-check.js";
import { listingUpdatedAfter, PER_PAGE, type SourceRun, type SyncContext, usableRecords } from "../sync-source.js";

export const RECONCILE_EVERY_MS = 24 * 60 * 60_000;
/** The share of a group's stored MRs one automatic reconcile may drop (README, "How it works"). */
export const RECONCILE_MAX_DROP_SHARE = 0.05;
/** …but never fewer than this many, so a small store still reconciles. */
export const RECONCILE_MIN_DROPS = 5;

/** How many MRs one automatic reconcile of a group holding `stored` MRs may drop. */
export const reconcileDropLimit = (stored: number): number =>
  Math.max(RECONCILE_MIN_DROPS, Math.floor(stored * RECONCILE_MAX_DROP_SHARE));

/** Reconcile window: from the start of the previous month, a day earlier so any time zone's month is covered. */
export function reconcileWindowStart(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) - 24 * 60 * 60_000;
}

/** The group's labelled MR list, as merge-requests.ts reads it. */
export interface ListedMergeRequests {
  group: string;
  endpoint: string;
  query: Query;
  toRow: (ctx: SyncContext, group: string, item: GlMergeRequestItem) => MergedMr | null;
}

const reconcileKey = (group: string) => `reconciled_at:${group}`;

/** Whether this sync reconciles the group; the first sync of a group counts as its first reconcile. */
export async function reconcileDue(ctx: SyncContext, group: string, firstRun: boolean): Promise<boolean> {
  const { store, started, reconcile } = ctx;
  const lastReconcile = await store.getMeta(reconcileKey(group));
  const due =
    reconcile === true ||
    (reconcile === "auto" &&
      !firstRun &&
      (lastReconcile === null || started.getTime() - Date.parse(lastReconcile) >= RECONCILE_EVERY_MS));
  if (firstRun && reconcile !== true) await store.setMeta(reconcileKey(group), started.toISOString());
  return due;
}

interface WindowListing {
  /** rows of the labelled MRs listed, to refresh */
  rows: Map<number, MergedMr>;
  /** the id of every record listed, usable or not: none of them is a candidate */
  ids: Set<number>;
  fetched: number;
  /** why the listing cannot be trusted to be whole; null when it can */
  cutShort: string | null;
}

async function listWindow(
  ctx: SyncContext,
  run: SourceRun,
  listed: ListedMergeRequests,
  windowStart: number,
): Promise<WindowListing> {
  const result: WindowListing = { rows: new Map(), ids: new Set(), fetched: 0, cutShort: null };
  let pages = 0;
  let announced: number | null = null;
  for await (const page of listingUpdatedAfter(ctx.client, listed.endpoint, listed.query, windowStart)) {
    pages += 1;
    result.fetched += page.items.length;
    announced = page.total;
    if (page.next && page.items.length < PER_PAGE) {
      result.cutShort ??= `page ${pages} held ${page.items.length} of ${PER_PAGE} MRs yet linked to another`;
    }
    for (const record of page.items) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id === "number") result.ids.add(id);
    }
    for (const item of usableRecords(ctx, run, MERGE_REQUEST, page.items)) {
      const row = listed.toRow(ctx, listed.group, item);
      if (row) result.rows.set(row.id, row);
    }
    run.page(page.items.length, 0);
  }
  if (announced !== null && result.fetched < announced) {
    result.cutShort ??= `GitLab announced ${announced} MRs (x-total) but listed ${result.fetched}`;
  }
  return result;
}

interface Verdict {
  gone: Array<{ id: number; webUrl: string; why: string }>;
  /** candidates GitLab still shows labelled: refreshed, kept */
  stillLabelled: MergedMr[];
}

/** Asks GitLab for each candidate: dropped only on a 404 or an answer without the label. */
async function confirmGone(
  ctx: SyncContext,
  listed: ListedMergeRequests,
  candidates: Awaited<ReturnType<SyncContext["store"]["mergeRequestRefsMergedBetween"]>>,
): Promise<Verdict> {
  const label = ctx.config.communityLabel;
  const verdict: Verdict = { gone: [], stillLabelled: [] };
  for (const mr of candidates) {
    let answer: unknown;
    try {
      answer = await ctx.client.get(`projects/${mr.projectId}/merge_requests/${mr.iid}`);
    } catch (error) {
      const status = error instanceof GitLabRequestError ? error.status : undefined;
      if (status === undefined || endsTheSync(error)) throw error;
      if (status === 404) {
        verdict.gone.push({ id: mr.id, webUrl: mr.webUrl, why: "GitLab answers 404 (deleted or out of sight)" });
      } else {
        ctx.logger.warn({ group: listed.group, id: mr.id, err: error }, "reconcile kept an MR it could not check");
      }
      continue;
    }
    const checked = checkRecord(MERGE_REQUEST, answer);
    if (!checked.ok) {
      ctx.logger.warn({ group: listed.group, id: mr.id, problem: checked.malformed.problem }, "reconcile kept an MR");
    } else if (!checked.record.labels.includes(label)) {
      verdict.gone.push({ id: mr.id, webUrl: mr.webUrl, why: `label "${label}" removed` });
    } else {
      const row = listed.toRow(ctx, listed.group, checked.record);
      if (row) verdict.stillLabelled.push(row);
    }
  }
  return verdict;
}

/** Says it in the source's summary (a ⚠ line) and in the log. */
function warnLoudly(ctx: SyncContext, run: SourceRun, text: string, fields: Record<string, unknown> = {}): void {
  run.summary.warning = text;
  ctx.logger.warn({ source: run.summary.source, ...fields }, text);
}

export async function reconcileMergeRequests(
  ctx: SyncContext,
  run: SourceRun,
  listed: ListedMergeRequests,
): Promise<void> {
  const { store, started } = ctx;
  const { group } = listed;
  const windowStart = Math.max(reconcileWindowStart(started), ctx.backfillFrom);
  const since = new Date(windowStart).toISOString().slice(0, 10);
  const listing = await listWindow(ctx, run, listed, windowStart);
  const storedInWindow = await store.mergeRequestRefsMergedBetween(group, windowStart, Number.MAX_SAFE_INTEGER);
  await store.transaction(async () => {
    await store.upsertMergeRequests([...listing.rows.values()]);
    await store.setMeta(reconcileKey(group), started.toISOString());
  });
  run.summary.note = `reconciled ${listing.fetched} MRs since ${since}`;

  const untrusted =
    listing.cutShort ??
    (listing.fetched === 0 && storedInWindow.length > 0
      ? `GitLab listed no MRs labelled "${ctx.config.communityLabel}" since ${since} while ${storedInWindow.length} are stored (a renamed label? then set COMMUNITY_LABEL)`
      : null);
  if (untrusted !== null) {
    warnLoudly(ctx, run, `reconcile dropped nothing: ${untrusted}`);
    return;
  }
  const candidates = storedInWindow.filter((mr) => !listing.ids.has(mr.id));
  if (candidates.length === 0) return;
  const storedInGroup = await store.mergeRequestCount(group);
  const limit = reconcileDropLimit(storedInGroup);
  const share = `${Math.round(RECONCILE_MAX_DROP_SHARE * 100)} % of the ${storedInGroup} stored`;
  if (candidates.length > limit && ctx.reconcile !== true) {
    warnLoudly(
      ctx,
      run,
      `reconcile dropped nothing: ${counted(candidates.length, "stored MR")} since ${since} are missing from GitLab's list, more than the ${limit} (${share}) one automatic reconcile drops; if the label was renamed, set COMMUNITY_LABEL, otherwise run \`engagement-bot sync --reconcile\` to check them one by one`,
      { candidates: candidates.length, limit },
    );
    return;
  }
  const verdict = await confirmGone(ctx, listed, candidates);
  const removed = await store.transaction(async () => {
    await store.upsertMergeRequests(verdict.stillLabelled);
    return store.deleteMergeRequests(verdict.gone.map((mr) => mr.id));
  });
  for (const mr of verdict.gone) {
    ctx.logger.info({ source: run.summary.source, id: mr.id, url: mr.webUrl, why: mr.why }, "reconcile dropped an MR");
  }
  run.summary.removed += removed;
  run.summary.note += `; ${candidates.length} missing from the list, ${removed} dropped as GitLab confirmed`;
  if (removed > limit) {
    warnLoudly(
      ctx,
      run,
      `reconcile dropped ${counted(removed, "MR")}, more than the ${limit} (${share}) an automatic reconcile would: each confirmed by GitLab (label removed or 404); see the log for the list`,
      { removed, limit },
    );
  }
}
