/**
 * Source `merge_requests:<group>`: the MRs labelled COMMUNITY_LABEL in one contributor group, every state (merged
 * ones count contributors; opened and closed ones feed the funnel, src/metrics/funnel.ts), incrementally
 * by updated_at; once a day (or with `sync --reconcile`) the recent window is reconciled to drop MRs whose label
 * was removed, which a labelled query cannot see (reconcile-merge-requests.ts). Every such MR is stored, bots' and archived projects' too: who
 * counts is decided when the report is built (src/metrics/who-counts.ts).
 */
import type { MergedMr, StoredMrFields, UnmergedMr } from "../../model/records.js";
import { groupSegment, type Query } from "../client.js";
import { type GlMergeRequestItem, MERGE_REQUEST } from "../record-check.js";
import { forgetCursor, type SourceRun, type SyncContext, syncIncrementally } from "../sync-source.js";
import { reconcileDue, reconcileMergeRequests } from "./reconcile-merge-requests.js";

/** The crawl lists every state (no `state` filter): one listing serves the count and the funnel. */
const mergeRequestQuery = (ctx: SyncContext): Query => ({
  labels: ctx.config.communityLabel,
  scope: "all",
  // GitLab's default hides archived projects' MRs; they were merged, so they count (README, "What the numbers mean")
  non_archived: false,
});

/** The project path of a listed MR: from `references.full` (group/project!iid), else from its web_url. */
export function projectPathOf(item: Pick<GlMergeRequestItem, "references" | "web_url">): string {
  const full = item.references?.full;
  if (full?.includes("!")) return full.slice(0, full.lastIndexOf("!"));
  const match = /^[a-z]+:\/\/[^/]+\/(.+?)\/-\/merge_requests\//.exec(item.web_url);
  return match?.[1] ?? "";
}

/** The stored row of a listed merged MR, or null when it does not belong in the store (unmerged, too old, unlabelled). */
function toMergedMr(ctx: SyncContext, group: string, item: GlMergeRequestItem): MergedMr | null {
  if (item.merged_at === null) return null;
  const mergedAtMs = Date.parse(item.merged_at);
  // merged_after is ignored by GitLab: the merge-time bound is ours to apply
  if (mergedAtMs < ctx.backfillFrom) return null;
  if (!item.labels.includes(ctx.config.communityLabel)) return null;
  return { ...storedFields(group, item), mergedAtMs, createdAtMs: parsedOrNull(item.created_at) };
}

/**
 * A labelled MR GitLab says is merged but gives no merged_at (old ones): it has no month, so it is not counted (GitLab's
 * KPI counts by merged_at too); the sync summary says how many, so none is dropped silently.
 */
const mergedWithoutMergedAt = (ctx: SyncContext, item: GlMergeRequestItem) =>
  item.state === "merged" && item.merged_at === null && item.labels.includes(ctx.config.communityLabel);

/** How many of them a summary names by URL. */
const NAMED_WITHOUT_MERGED_AT = 5;

/** What every stored MR row keeps of a listed MR, merged or not. */
function storedFields(group: string, item: GlMergeRequestItem): StoredMrFields {
  return {
    id: item.id,
    projectId: item.project_id,
    projectPath: projectPathOf(item),
    iid: item.iid,
    groupPath: group,
    authorId: item.author.id,
    authorUsername: item.author.username,
    authorName: item.author.name,
    labels: item.labels,
    webUrl: item.web_url,
    title: item.title,
  };
}

function parsedOrNull(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

const UNMERGED_STATES: ReadonlySet<string> = new Set(["opened", "locked", "closed"]);

/**
 * The stored row of a listed MR that is not merged, or null: merged, unlabelled, without a readable creation time,
 * or closed before the history starts (an MR still open counts however old it is).
 */
function toUnmergedMr(ctx: SyncContext, group: string, item: GlMergeRequestItem): UnmergedMr | null {
  if (item.merged_at !== null || item.state === undefined || !UNMERGED_STATES.has(item.state)) return null;
  if (!item.labels.includes(ctx.config.communityLabel)) return null;
  const createdAtMs = parsedOrNull(item.created_at);
  const updatedAtMs = parsedOrNull(item.updated_at);
  if (createdAtMs === null || updatedAtMs === null) return null;
  const state = item.state as UnmergedMr["state"];
  const closedAtMs = parsedOrNull(item.closed_at);
  if (state === "closed" && (closedAtMs ?? updatedAtMs) < ctx.backfillFrom) return null;
  return { ...storedFields(group, item), state, createdAtMs, updatedAtMs, closedAtMs };
}

/**
 * What a group's stored MRs were listed with: COMMUNITY_LABEL, and since store migration 4 every labelled MR (bots'
 * and archived projects' too). When this differs from what the store recorded, the group's stored history is not
 * what the report needs, and the next sync backfills it whole.
 */
const scopeKey = (group: string) => `merge_requests_scope:${group}`;
const SCOPE_VERSION = "all-states-v2";
const scopeOf = (ctx: SyncContext) => JSON.stringify({ label: ctx.config.communityLabel, stores: SCOPE_VERSION });

/** Why the group needs a backfill before its incremental sync, or null. Drops the cursor when it does. */
async function backfillReason(ctx: SyncContext, group: string, cursorKey: string): Promise<string | null> {
  const { store } = ctx;
  const recorded = await store.getMeta(scopeKey(group));
  const since = new Date(ctx.backfillFrom).toISOString().slice(0, 10);
  if ((await store.getCursor(cursorKey)) === null) return `new group: backfilling since ${since}`;
  if (recorded === scopeOf(ctx)) return null;
  let reason = "stored before bots' and archived projects' MRs were kept";
  try {
    const before = JSON.parse(recorded ?? "null") as { label?: string; stores?: string } | null;
    if (before?.stores === "all-labelled-mrs-v1") reason = "stored before opened and closed MRs were kept";
    if (before?.label !== undefined && before.label !== ctx.config.communityLabel) {
      reason = `COMMUNITY_LABEL changed from "${before.label}" to "${ctx.config.communityLabel}"`;
    }
  } catch {
    // an unreadable record: backfill, as for an old store
  }
  await forgetCursor(store, cursorKey);
  return `${reason}: backfilling since ${since}`;
}

export async function syncMergeRequests(ctx: SyncContext, run: SourceRun, group: string): Promise<void> {
  const { store } = ctx;
  const cursorKey = `merge_requests:${group}`;
  const endpoint = `groups/${groupSegment(group)}/merge_requests`;
  const backfill = await backfillReason(ctx, group, cursorKey);
  if (backfill !== null) ctx.logger.info({ source: cursorKey }, backfill);
  const firstRun = (await store.getCursor(cursorKey)) === null;
  const withoutMergedAt = new Map<number, string>();
  await syncIncrementally<GlMergeRequestItem>(
    ctx,
    run,
    { key: cursorKey, endpoint, query: mergeRequestQuery(ctx), schema: MERGE_REQUEST },
    async (items) => {
      for (const item of items) {
        if (mergedWithoutMergedAt(ctx, item)) withoutMergedAt.set(item.id, item.web_url);
      }
      const rows = items.flatMap((item) => toMergedMr(ctx, group, item) ?? []);
      const unmerged = items.flatMap((item) => toUnmergedMr(ctx, group, item) ?? []);
      await store.upsertMergeRequests(rows);
      // an MR that merged since it was stored open leaves the unmerged table
      await store.deleteUnmergedMrs(rows.map((row) => row.id));
      await store.upsertUnmergedMrs(unmerged);
      await store.setHistoryStartMs(ctx.backfillFrom);
      return rows.length + unmerged.length;
    },
  );
  if (withoutMergedAt.size > 0) {
    const examples = [...withoutMergedAt.values()].slice(0, NAMED_WITHOUT_MERGED_AT);
    run.summary.mergedWithoutMergedAt = { count: withoutMergedAt.size, examples };
    ctx.logger.warn(
      { source: cursorKey, count: withoutMergedAt.size, examples },
      "merged MRs without merged_at, not counted",
    );
  }
  // the whole history is listed now: later syncs go on from the cursor
  await store.setMeta(scopeKey(group), scopeOf(ctx));
  // merged MRs only: a removed label on an open MR matters less than the listing it would cost
  const listed = { group, endpoint, query: { ...mergeRequestQuery(ctx), state: "merged" }, toRow: toMergedMr };
  if (await reconcileDue(ctx, group, firstRun)) await reconcileMergeRequests(ctx, run, listed);
  if (backfill !== null) run.summary.note = run.summary.note ? `${backfill}; ${run.summary.note}` : backfill;
}
