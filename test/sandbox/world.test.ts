import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addEpic,
  addGroup,
  addIssue,
  addIssueToEpic,
  addMergeRequest,
  addProject,
  addUser,
  closeIssue,
  emptyWorld,
  epicIssueLinkId,
  groupOf,
  mergeMergeRequest,
  projectIsInGroup,
  SandboxWorldError,
  setEpicParent,
  setIssueLabels,
  setMergeRequestLabels,
  worldVersion,
} from "../../src/sandbox/world.js";

function smallWorld() {
  const world = emptyWorld();
  const triage = addProject(world, "gitlab-org/quality/triage-ops");
  const gitlab = addProject(world, "gitlab-org/gitlab");
  const foss = addProject(world, "gitlab-org-foss/gitlab");
  const alice = addUser(world, { username: "alice", name: "Alice" });
  return { world, triage, gitlab, foss, alice };
}

describe("world helpers", () => {
  it("creates parent groups for projects and answers group membership with subgroups", () => {
    const { world, triage, gitlab, foss } = smallWorld();
    assert.deepEqual(
      world.groups.map((g) => g.full_path),
      ["gitlab-org", "gitlab-org/quality", "gitlab-org-foss"],
    );
    assert.equal(groupOf(world, triage.id)?.full_path, "gitlab-org/quality");
    assert.equal(projectIsInGroup(world, triage.id, "gitlab-org"), true);
    assert.equal(projectIsInGroup(world, gitlab.id, "gitlab-org"), true);
    // A sibling whose name merely starts with the group's name is not inside it.
    assert.equal(projectIsInGroup(world, foss.id, "gitlab-org"), false);
    assert.equal(projectIsInGroup(world, triage.id, "gitlab-org/quality"), true);
    assert.equal(projectIsInGroup(world, gitlab.id, "gitlab-org/quality"), false);
    assert.equal(addGroup(world, "gitlab-org").id, world.groups[0]?.id);
  });

  it("numbers ids globally and iids per project", () => {
    const { world, triage, gitlab, alice } = smallWorld();
    const a = addMergeRequest(world, { project_id: gitlab.id, author: alice });
    const b = addMergeRequest(world, { project_id: gitlab.id, author: alice });
    const c = addMergeRequest(world, { project_id: triage.id, author: alice });
    assert.deepEqual([a.iid, b.iid, c.iid], [1, 2, 1]);
    assert.equal(new Set([a.id, b.id, c.id]).size, 3);
    assert.equal(c.references.full, "gitlab-org/quality/triage-ops!1");
    assert.equal(c.web_url, "https://gitlab.com/gitlab-org/quality/triage-ops/-/merge_requests/1");
  });

  it("merging and relabelling move updated_at to the given time, as GitLab does", () => {
    const { world, gitlab, alice } = smallWorld();
    const mr = addMergeRequest(world, { project_id: gitlab.id, author: alice, created_at: "2026-01-01T00:00:00.000Z" });
    assert.equal(mr.state, "opened");
    const before = worldVersion(world);
    mergeMergeRequest(world, mr.id, new Date("2026-01-05T10:00:00Z"));
    assert.equal(mr.state, "merged");
    assert.equal(mr.merged_at, "2026-01-05T10:00:00.000Z");
    assert.equal(mr.updated_at, "2026-01-05T10:00:00.000Z");
    assert.ok(worldVersion(world) > before);
    setMergeRequestLabels(world, mr.id, ["Community contribution"], "2026-02-01T00:00:00Z");
    assert.deepEqual(mr.labels, ["Community contribution"]);
    assert.equal(mr.updated_at, "2026-02-01T00:00:00.000Z");
    assert.equal(mr.merged_at, "2026-01-05T10:00:00.000Z");
    assert.throws(() => mergeMergeRequest(world, mr.id, "2026-03-01T00:00:00Z"), SandboxWorldError);
    assert.throws(() => mergeMergeRequest(world, 99_999, "2026-03-01T00:00:00Z"), SandboxWorldError);
  });

  it("closes and relabels issues", () => {
    const { world, gitlab, alice } = smallWorld();
    const issue = addIssue(world, { project_id: gitlab.id, author: alice, created_at: "2026-01-01T00:00:00.000Z" });
    closeIssue(world, issue.id, "2026-01-02T00:00:00.000Z");
    assert.equal(issue.state, "closed");
    assert.equal(issue.closed_at, "2026-01-02T00:00:00.000Z");
    setIssueLabels(world, issue.id, ["User engagement"], "2026-01-03T00:00:00.000Z");
    assert.equal(issue.updated_at, "2026-01-03T00:00:00.000Z");
    assert.deepEqual(issue.labels, ["User engagement"]);
  });

  it("links issues to one epic at a time and keeps parent references consistent", () => {
    const { world, gitlab, alice } = smallWorld();
    const group = addGroup(world, "gitlab-com");
    const parent = addEpic(world, { group_id: group.id, author: alice, iid: 1795 });
    const child = addEpic(world, { group_id: group.id, author: alice });
    assert.equal(child.iid, 1796);
    assert.equal(parent.references.full, "gitlab-com&1795");
    assert.throws(() => addEpic(world, { group_id: group.id, author: alice, iid: 1795 }), SandboxWorldError);
    setEpicParent(world, child.id, parent.id, "2026-04-01T00:00:00Z");
    assert.equal(child.parent_id, parent.id);
    assert.equal(child.parent_iid, 1795);
    assert.equal(child.updated_at, "2026-04-01T00:00:00.000Z");

    const issue = addIssue(world, { project_id: gitlab.id, author: alice });
    addIssueToEpic(world, parent.id, issue.id);
    const firstLink = epicIssueLinkId(world, parent.id, issue.id);
    addIssueToEpic(world, child.id, issue.id);
    assert.deepEqual(world.epicIssues.get(parent.id), []);
    assert.deepEqual(world.epicIssues.get(child.id), [issue.id]);
    assert.notEqual(epicIssueLinkId(world, child.id, issue.id), firstLink);
    assert.equal(epicIssueLinkId(world, parent.id, issue.id), firstLink);
  });
});
