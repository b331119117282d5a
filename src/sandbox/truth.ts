/**
 * The "truth" of a sandbox world: per-month merged community MRs and distinct contributors, computed
 * directly from the world with the rules of the README's "What the numbers mean". Tests compare what the bot synced and counted against it.
 * The bot rules are implemented here on purpose independently of src/metrics/who-counts.ts, so one can check the other.
 */
import type { GitLabWorld } from "./types.js";
import { pathIsInGroup } from "./world.js";

export interface SummaryOptions {
  groups: string[];
  communityLabel: string;
  /** extra bot usernames beyond the built-in patterns */
  botUsernames?: string[];
  /** bot accounts by user id */
  botUserIds?: number[];
  /** MRs with this label never count; default automation:bot-authored */
  botLabel?: string;
  /** when set, only MRs of these projects (full paths) count */
  projects?: string[];
  timezone: "UTC";
}

export interface MonthSummary {
  /** YYYY-MM */
  month: string;
  /** merged MRs that count (community label, configured group, non-bot author) */
  mergedMrs: number;
  /** distinct authors of those MRs */
  contributors: number;
  /** of those, authors with no counted merge in an earlier month of the world, or an MR labelled `1st contribution` */
  firstTime: number;
}

export const FIRST_CONTRIBUTION_LABEL = "1st contribution";

export function isBotUsername(username: string, extra: readonly string[] = []): boolean {
  const name = username.toLowerCase();
  if (name === "ghost") return true;
  if (name.endsWith("-bot") || name.endsWith("_bot")) return true;
  if (/^project_\d+_bot/.test(name)) return true;
  if (/^group_\d+_bot_[0-9a-f]+/.test(name)) return true;
  if (name.startsWith("service_account_")) return true;
  return extra.some((e) => e.toLowerCase() === name);
}

export function summarizeWorld(world: GitLabWorld, options: SummaryOptions): MonthSummary[] {
  const projectInScope = new Map<number, boolean>();
  for (const project of world.projects) {
    projectInScope.set(
      project.id,
      options.groups.some((g) => pathIsInGroup(project.path_with_namespace, g)) &&
        (options.projects === undefined || options.projects.includes(project.path_with_namespace)),
    );
  }
  const counted = world.mergeRequests
    .filter(
      (mr) =>
        mr.state === "merged" &&
        mr.merged_at !== null &&
        mr.labels.includes(options.communityLabel) &&
        projectInScope.get(mr.project_id) === true &&
        !mr.labels.includes(options.botLabel ?? "automation:bot-authored") &&
        !(options.botUserIds ?? []).includes(mr.author.id) &&
        !isBotUsername(mr.author.username, options.botUsernames),
    )
    .map((mr) => ({ mr, mergedMs: Date.parse(mr.merged_at ?? "") }))
    .sort((a, b) => a.mergedMs - b.mergedMs);

  const firstMergeMonth = new Map<number, string>();
  const months = new Map<string, { mrs: number; authors: Set<number>; firstTime: Set<number> }>();
  for (const { mr, mergedMs } of counted) {
    const month = new Date(mergedMs).toISOString().slice(0, 7);
    let entry = months.get(month);
    if (!entry) {
      entry = { mrs: 0, authors: new Set(), firstTime: new Set() };
      months.set(month, entry);
    }
    entry.mrs += 1;
    entry.authors.add(mr.author.id);
    if (!firstMergeMonth.has(mr.author.id)) firstMergeMonth.set(mr.author.id, month);
    if (firstMergeMonth.get(mr.author.id) === month || mr.labels.includes(FIRST_CONTRIBUTION_LABEL)) {
      entry.firstTime.add(mr.author.id);
    }
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, e]) => ({ month, mergedMrs: e.mrs, contributors: e.authors.size, firstTime: e.firstTime.size }));
}
