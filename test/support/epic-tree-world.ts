/**
 * A small sandbox world with one deep epic tree, for the epic sources' tests: gitlab-com&1 holds 130 direct issues
 * (two pages of children), a child epic &2 whose child &3 (depth 3) holds more issues, and an empty child epic &4.
 * `expected` is counted here by hand from what was created, independently of the sandbox and the bot.
 */
import type { GitLabWorld, GlEpic } from "../../src/sandbox/types.js";
import {
  addEpic,
  addGroup,
  addIssue,
  addIssueToEpic,
  addProject,
  addUser,
  emptyWorld,
} from "../../src/sandbox/world.js";

export interface EpicTree {
  world: GitLabWorld;
  ref: string;
  top: GlEpic;
  expected: { totalIssues: number; closedIssues: number; totalWeight: number; closedWeight: number };
}

export function epicTreeWorld(): EpicTree {
  const world = emptyWorld();
  const group = addGroup(world, "gitlab-com", 9970);
  const project = addProject(world, "gitlab-com/engagement-tasks");
  const author = addUser(world, { username: "dri" });
  const at = "2026-10-01T10:00:00.000Z";
  const expected = { totalIssues: 0, closedIssues: 0, totalWeight: 0, closedWeight: 0 };
  const epic = (iid: number, parent: GlEpic | null, title: string) =>
    addEpic(world, {
      group_id: group.id,
      iid,
      author,
      title,
      created_at: at,
      start_date: "2026-10-01",
      due_date: "2027-01-31",
      ...(parent ? { parent_id: parent.id } : {}),
    });
  const issues = (target: GlEpic, count: number, closedEvery: number, weight: (i: number) => number | null) => {
    for (let i = 0; i < count; i++) {
      const closed = i % closedEvery === 0;
      const w = weight(i);
      const issue = addIssue(world, {
        project_id: project.id,
        author,
        created_at: at,
        state: closed ? "closed" : "opened",
        weight: w,
      });
      addIssueToEpic(world, target.id, issue.id);
      expected.totalIssues += 1;
      expected.totalWeight += w ?? 0;
      if (closed) {
        expected.closedIssues += 1;
        expected.closedWeight += w ?? 0;
      }
    }
  };
  const top = epic(1, null, "Engagement & <Slack> workstream");
  const child = epic(2, top, "Part one");
  const grandchild = epic(3, child, "Part one, deeper");
  epic(4, top, "Empty part");
  issues(top, 130, 3, (i) => (i % 2 === 0 ? 2 : null));
  issues(child, 4, 2, () => 3);
  issues(grandchild, 5, 5, (i) => i + 1);
  return { world, ref: "gitlab-com&1", top, expected };
}
