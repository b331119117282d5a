/**
 * Who counts as a wider-community contributor (README, "What the numbers mean"): every rule in one place, applied
 * when the Report is built, never when MRs are stored. The store keeps every labelled merged MR a sync fetched (bots,
 * any project of the groups, archived projects included), so a change of these settings changes every month's
 * numbers at the next report, with no resync.
 */
import type { Contribution } from "../model/records.js";

/** What the rules read of a stored MR, merged or not (src/model/records.ts: Contribution, UnmergedContribution). */
export type ScopedMr = Pick<
  Contribution,
  "authorId" | "username" | "projectId" | "projectPath" | "groupPath" | "communityLabel" | "botLabel"
>;

import type { ContributorScope } from "../model/settings.js";

/**
 * GitLab's bot accounts by username, lower case:
 * - `…-bot`, `…_bot`: gitlab-bot, renovate_bot, a project's own helper bots
 * - `project_<id>_bot…`: project access token users (project_278964_bot_1a2b…)
 * - `group_<id>_bot_<hex>`: group access token users (group_9970_bot_3f2a…)
 * - `service_account_…`: service accounts (service_account_group_9970_5e1c…, service_account_01hx…)
 * - `ghost`: the placeholder GitLab moves a deleted user's contributions to
 */
const BOT_USERNAME_PATTERNS: readonly RegExp[] = [
  /[-_]bot$/,
  /^project_\d+_bot/,
  /^group_\d+_bot_[0-9a-f]+/,
  /^service_account_/,
  /^ghost$/,
];

/** The bot rules of the configuration: BOT_USERNAMES (lower case), BOT_USER_IDS, BOT_LABEL. */
export interface BotRules {
  botUsernames: readonly string[];
  botUserIds: readonly number[];
  botLabel: string;
}

/** Whether a username is a bot's: GitLab's patterns or one of `extra` (BOT_USERNAMES), case-insensitively. */
export function isBotUsername(username: string, extra: readonly string[] = []): boolean {
  const name = username.toLowerCase();
  if (BOT_USERNAME_PATTERNS.some((pattern) => pattern.test(name))) return true;
  return extra.some((e) => e.toLowerCase() === name);
}

/** Whether an author is a bot: by username (isBotUsername) or by GitLab user id (BOT_USER_IDS). */
export function isBotAuthor(author: { id: number; username: string }, rules: Omit<BotRules, "botLabel">): boolean {
  return rules.botUserIds.includes(author.id) || isBotUsername(author.username, rules.botUsernames);
}

/** Whether a project path lies in a group (the group itself or any subgroup), case-insensitively as GitLab does. */
export function pathIsUnder(projectPath: string, group: string): boolean {
  const path = projectPath.toLowerCase();
  const prefix = `${group.toLowerCase()}/`;
  return path.startsWith(prefix);
}

/** Why a stored MR does not count, or null when it does: the order is the order the README explains them in. */
export type NotCountedReason = "community_label" | "group" | "project" | "bot_label" | "bot_author";

export function notCountedReason(
  contribution: ScopedMr,
  scope: ContributorScope,
  compiled: CompiledScope = compileScope(scope),
): NotCountedReason | null {
  if (!contribution.communityLabel) return "community_label";
  if (!compiled.inGroups(contribution)) return "group";
  if (!compiled.inProjects(contribution)) return "project";
  if (contribution.botLabel) return "bot_label";
  if (compiled.isBot(contribution.authorId, contribution.username)) return "bot_author";
  return null;
}

/** A scope's lookups prepared once (sets, lower case), so filtering 240k records stays cheap. */
export interface CompiledScope {
  inGroups(c: ScopedMr): boolean;
  inProjects(c: ScopedMr): boolean;
  isBot(authorId: number, username: string): boolean;
}

export function compileScope(scope: ContributorScope): CompiledScope {
  const groups = scope.contributorGroups.map((g) => g.toLowerCase());
  const projectIds = new Set(scope.contributorProjects?.ids ?? []);
  const projectPaths = new Set((scope.contributorProjects?.paths ?? []).map((p) => p.toLowerCase()));
  const botIds = new Set(scope.botUserIds);
  const botNames = new Set(scope.botUsernames.map((u) => u.toLowerCase()));
  // usernames repeat across a person's MRs: decide each once
  const botByName = new Map<string, boolean>();
  return {
    inGroups: (c) =>
      groups.some((g) =>
        // rows stored before project paths were kept know only the group they were listed under
        c.projectPath === "" ? c.groupPath.toLowerCase() === g : pathIsUnder(c.projectPath, g),
      ),
    inProjects: (c) =>
      scope.contributorProjects === undefined ||
      projectIds.has(c.projectId) ||
      projectPaths.has(c.projectPath.toLowerCase()),
    isBot: (authorId, username) => {
      if (botIds.has(authorId)) return true;
      let bot = botByName.get(username);
      if (bot === undefined) {
        const name = username.toLowerCase();
        bot = botNames.has(name) || BOT_USERNAME_PATTERNS.some((pattern) => pattern.test(name));
        botByName.set(username, bot);
      }
      return bot;
    },
  };
}

/** The contributions that count under `scope`, in their order. */
export function countedContributions<T extends ScopedMr>(contributions: readonly T[], scope: ContributorScope): T[] {
  const compiled = compileScope(scope);
  return contributions.filter((c) => notCountedReason(c, scope, compiled) === null);
}
