/** Bot authors never count as contributors (README, "What the numbers mean"): GitLab's bot naming patterns plus a configured list. */

const BOT_PATTERNS: readonly RegExp[] = [
  /[-_]bot$/, // e.g. gitlab-bot, renovate_bot
  /^project_\d+_bot/, // project access token users, e.g. project_278964_bot_1a2b
  /^ghost$/, // placeholder user for deleted accounts
];

/** `extra`: configured usernames (BOT_USERNAMES), compared case-insensitively. */
export function isBotUsername(username: string, extra: readonly string[]): boolean {
  const name = username.toLowerCase();
  if (BOT_PATTERNS.some((pattern) => pattern.test(name))) return true;
  return extra.some((e) => e.toLowerCase() === name);
}
