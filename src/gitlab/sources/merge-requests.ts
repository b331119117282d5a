/**
 * Source `merge_requests:<group>`: the merged MRs labelled COMMUNITY_LABEL in one contributor group, incrementally
 * by updated_at; once a day (or with `sync --reconcile`) the recent window is reconciled to drop MRs whose label
 * was removed, which a labelled query cannot see (reconcile-merge-requests.ts).
 */
import type { MergedMr } from "../../model/records.js";
import { isBotUsername } from "../bots.js";
import { groupSegment, type Query } from "../client.js";
import { type GlMergeRequestItem, MERGE_REQUEST } from "../record-check.js";
import { type SourceRun, type SyncContext, syncIncrementally } from "../sync-source.js";
import { reconcileDue, reconcileMergeRequests } from "./reconcile-merge-requests.js";

const mergeRequestQuery = (ctx: SyncContext): Query => ({
  state: "merged",
  labels: ctx.config.communityLabel,
  scope: "all",
});

/** The stored row of a listed MR, or null when it does not belong in the store (too old, unlabelled, a bot's). */
export function toMergedMr(ctx: SyncContext, group: string, item: GlMergeRequestItem): MergedMr | null {
  const mergedAtMs = Date.parse(item.merged_at);
  // merged_after is ignored by GitLab: the merge-time bound is ours to apply
  if (mergedAtMs < ctx.backfillFrom) return null;
  if (!item.labels.includes(ctx.config.communityLabel)) return null;
  if (isBotUsername(item.author.username, ctx.config.botUsernames)) return null;
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
}

export async function syncMergeRequests(ctx: SyncContext, run: SourceRun, group: string): Promise<void> {
  const { store } = ctx;
  const cursorKey = `merge_requests:${group}`;
  const endpoint = `groups/${groupSegment(group)}/merge_requests`;
  const firstRun = store.getCursor(cursorKey) === null;
  await syncIncrementally<GlMergeRequestItem>(
    ctx,
    run,
    { key: cursorKey, endpoint, query: mergeRequestQuery(ctx), schema: MERGE_REQUEST },
    (items) => {
      const rows = items.flatMap((item) => toMergedMr(ctx, group, item) ?? []);
      store.upsertMergeRequests(rows);
      store.setHistoryStartMs(ctx.backfillFrom);
      return rows.length;
    },
  );
  const listed = { group, endpoint, query: mergeRequestQuery(ctx), toRow: toMergedMr };
  if (reconcileDue(ctx, group, firstRun)) await reconcileMergeRequests(ctx, run, listed);
}
