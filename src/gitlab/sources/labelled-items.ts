/**
 * Sources `issues:<group>` and `epics:<group>`: the issues and epics of ENGAGEMENT_GROUP labelled ENGAGEMENT_LABEL,
 * incrementally by updated_at. Labelled epics need GITLAB_TOKEN (and a Premium/Ultimate group): without one, or when
 * GitLab refuses them, the source is noted as skipped or unavailable, not failed.
 */
import type { LabelledItem } from "../../model/records.js";
import { groupSegment, type Query } from "../client.js";
import { unavailableReason } from "../epic-source.js";
import { GitLabAuthError } from "../errors.js";
import { type GlLabelledItem, LABELLED_ITEM } from "../record-check.js";
import { type SourceRun, type SyncContext, syncIncrementally } from "../sync-source.js";

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

function syncLabelled(ctx: SyncContext, run: SourceRun, kind: LabelledItem["kind"], query: Query): Promise<void> {
  const group = ctx.config.engagementGroup;
  const list = kind === "issue" ? "issues" : "epics";
  return syncIncrementally<GlLabelledItem>(
    ctx,
    run,
    { key: `${list}:${group}`, endpoint: `groups/${groupSegment(group)}/${list}`, query, schema: LABELLED_ITEM },
    async (items) => {
      await ctx.store.upsertLabelledItems(items.map((item) => toLabelledItem(kind, item)));
      return items.length;
    },
  );
}

export function syncLabelledIssues(ctx: SyncContext, run: SourceRun): Promise<void> {
  return syncLabelled(ctx, run, "issue", { labels: ctx.config.engagementLabel, scope: "all", state: "all" });
}

export async function syncLabelledEpics(ctx: SyncContext, run: SourceRun): Promise<void> {
  if (!ctx.client.hasToken) {
    run.summary.note = "skipped: labelled epics need GITLAB_TOKEN";
    return;
  }
  try {
    await syncLabelled(ctx, run, "epic", { labels: ctx.config.engagementLabel, state: "all" });
  } catch (error) {
    const reason = error instanceof GitLabAuthError ? null : unavailableReason(error);
    if (reason === null) throw error;
    run.summary.note = `unavailable: ${reason}`;
  }
}
