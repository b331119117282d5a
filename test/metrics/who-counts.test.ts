import assert from "node:assert/strict";
import { test } from "node:test";
import { countedContributions, isBotAuthor, isBotUsername, notCountedReason } from "../../src/metrics/who-counts.js";
import type { Contribution } from "../../src/model/records.js";
import { reportFromRecords } from "../support/report-from-records.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

// Usernames shaped as GitLab.com gives them (access-token users, service accounts, the deleted-user placeholder).
const USERNAMES: ReadonlyArray<[string, boolean]> = [
  ["gitlab-bot", true],
  ["renovate_bot", true],
  ["Dependency-Bot", true],
  ["project_278964_bot_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", true],
  ["project_12_bot", true],
  ["group_9970_bot_3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c", true],
  ["group_123_bot_abc123", true],
  ["service_account_group_9970_5e1c2b3a4d", true],
  ["service_account_01hx7k3p9q", true],
  ["ghost", true],
  // people, even with bot-like fragments in their names
  ["robot", false],
  ["bottle", false],
  ["botanist", false],
  ["abbot", false],
  ["ghostwriter", false],
  ["project_lead", false],
  ["group_lead_bot_fan_club", false],
  ["group_123_botanist", false],
  ["service_accountant", false],
  ["jane", false],
];

test("bot usernames: GitLab's patterns, table of real-shaped names", () => {
  for (const [name, bot] of USERNAMES) assert.equal(isBotUsername(name), bot, name);
});

test("configured extra usernames are bots, case-insensitively; BOT_USER_IDS by id whatever the name", () => {
  assert.ok(isBotUsername("Kodiak", ["kodiak"]));
  assert.ok(!isBotUsername("kodiak", []));
  assert.ok(isBotAuthor({ id: 4156, username: "jane" }, { botUsernames: [], botUserIds: [4156] }));
  assert.ok(!isBotAuthor({ id: 4157, username: "jane" }, { botUsernames: [], botUserIds: [4156] }));
});

const at = "2026-11-10T12:00:00Z";
const withMr = (id: number, overrides: Partial<Contribution>): Contribution => ({ ...mr(id, at), ...overrides });

test("each rule on its own: why a stored MR does not count", () => {
  const scope = reportConfig({
    contributorGroups: ["gitlab-org"],
    contributorProjects: { file: "p.txt", paths: ["gitlab-org/gitlab"], ids: [7] },
    botUserIds: [99],
    botUsernames: ["kodiak"],
  });
  const cases: Array<[Partial<Contribution>, string | null]> = [
    [{}, null],
    [{ communityLabel: false }, "community_label"],
    [{ projectPath: "gitlab-com/www-gitlab-com", groupPath: "gitlab-com" }, "group"],
    [{ projectPath: "gitlab-org/gitlab-runner", projectId: 8 }, "project"],
    // listed by id although its path is not in the file (a renamed project keeps its id)
    [{ projectPath: "gitlab-org/renamed", projectId: 7 }, null],
    // project paths compare case-insensitively, as GitLab's do
    [{ projectPath: "GitLab-Org/GitLab" }, null],
    [{ botLabel: true }, "bot_label"],
    [{ authorId: 99 }, "bot_author"],
    [{ username: "Kodiak" }, "bot_author"],
    [{ username: "group_9970_bot_3f2a" }, "bot_author"],
    [{ username: "service_account_group_9970_5e1c" }, "bot_author"],
    // a row stored before project paths were kept: its group decides
    [{ projectPath: "", groupPath: "gitlab-org", projectId: 7 }, null],
    [{ projectPath: "", groupPath: "gitlab-com", projectId: 7 }, "group"],
  ];
  for (const [overrides, reason] of cases) {
    assert.equal(notCountedReason(withMr(1, overrides), scope), reason, JSON.stringify(overrides));
  }
});

test("subgroups belong to their group; a configured subgroup narrows to its projects", () => {
  const rows = [
    withMr(1, { projectPath: "gitlab-org/ux/design" }),
    withMr(2, { projectPath: "gitlab-org/gitlab" }),
    withMr(3, { projectPath: "gitlab-orgx/gitlab" }),
  ];
  const ids = (groups: string[]) =>
    countedContributions(rows, reportConfig({ contributorGroups: groups })).map((c) => c.authorId);
  assert.deepEqual(ids(["gitlab-org"]), [1, 2]);
  assert.deepEqual(ids(["gitlab-org/ux"]), [1]);
});

test("the Report counts by the settings it is built with: the same snapshot, narrower settings, fewer people", async () => {
  // hand-computed: 5 authors merged in November 2026; one bot-labelled MR (author 3's only one), one group bot (4),
  // one MR in gitlab-com (author 5); author 1 has a second MR in gitlab-com
  const contributions = [
    withMr(1, {}),
    withMr(1, { projectPath: "gitlab-com/www-gitlab-com", groupPath: "gitlab-com" }),
    withMr(2, {}),
    withMr(3, { botLabel: true }),
    withMr(4, { username: "group_123_bot_abc123" }),
    withMr(5, { projectPath: "gitlab-com/gl-infra/x", groupPath: "gitlab-com" }),
  ];
  const now = new Date("2026-11-20T00:00:00Z");
  const data = snapshot({ contributions, dataAsOf: now.toISOString() });
  const count = async (overrides: Parameters<typeof reportConfig>[0]) =>
    (await reportFromRecords(data, reportConfig(overrides), now)).contributors.count;
  assert.equal(await count({}), 3); // 1, 2, 5
  assert.equal(await count({ contributorGroups: ["gitlab-org"] }), 2); // 1, 2
  assert.equal(await count({ botUserIds: [2] }), 2); // 1, 5
  assert.equal(await count({ botLabel: "no-such-label" }), 3); // the flag was computed for the configured label
  assert.equal(
    await count({ contributorProjects: { file: "p", paths: ["gitlab-com/www-gitlab-com"], ids: [] } }),
    1, // only author 1's second MR
  );
});
