import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Gitlab } from "@gitbeaker/rest";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { GlMergeRequest, Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest, addUser, mergeMergeRequest, projectIsInGroup } from "../../src/sandbox/world.js";

const NOW = new Date("2026-11-18T10:30:00.000Z");
const LABEL = "Community contribution";
const PS_GROUP = "gitlab-com/customer-success/professional-services-group";

describe("sandbox server through @gitbeaker/rest", () => {
  let sandbox: Sandbox;
  let api: InstanceType<typeof Gitlab>;

  before(async () => {
    const world = generateWorld({ seed: 11, now: NOW, months: 6, forbidEpic: `${PS_GROUP}&1277` });
    sandbox = await startSandbox({ world });
    api = new Gitlab({ host: sandbox.url });
  });
  after(() => sandbox.close());

  function expected(group: string, updatedAfter: string): GlMergeRequest[] {
    const w = sandbox.world;
    return w.mergeRequests
      .filter(
        (mr) =>
          projectIsInGroup(w, mr.project_id, group) &&
          // GitLab's default non_archived=true hides archived projects' MRs
          !w.projects.some((p) => p.id === mr.project_id && p.archived) &&
          mr.state === "merged" &&
          mr.labels.includes(LABEL) &&
          Date.parse(mr.updated_at) >= Date.parse(updatedAfter),
      )
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
  }

  it("returns exactly the filtered set across pages, ordered by updated_at then id", async () => {
    const updatedAfter = "2026-09-01T00:00:00.000Z";
    const got = (await api.MergeRequests.all({
      groupId: "gitlab-org",
      state: "merged",
      labels: LABEL,
      scope: "all",
      updatedAfter,
      orderBy: "updated_at",
      sort: "asc",
      perPage: 100,
      maxPages: 1000,
    })) as unknown as GlMergeRequest[];
    const want = expected("gitlab-org", updatedAfter);
    assert.ok(want.length > 300, "spans several pages");
    assert.deepEqual(
      got.map((mr) => mr.id),
      want.map((mr) => mr.id),
    );
    assert.deepEqual(got[0], JSON.parse(JSON.stringify(want[0])));
    const pages = sandbox.requests.filter((r) => r.path === "/api/v4/groups/gitlab-org/merge_requests");
    assert.equal(pages.length, Math.ceil(want.length / 100));
    assert.equal(pages.at(-1)?.query.page, String(pages.length));
  });

  it("includes subgroup projects and excludes other groups", async () => {
    const got = (await api.MergeRequests.all({
      groupId: "gitlab-org",
      state: "merged",
      labels: LABEL,
      updatedAfter: "2026-06-01T00:00:00Z",
      perPage: 100,
      maxPages: 1000,
    })) as unknown as GlMergeRequest[];
    const paths = new Set(
      got.map((mr) => sandbox.world.projects.find((p) => p.id === mr.project_id)?.path_with_namespace),
    );
    assert.ok(paths.has("gitlab-org/quality/triage-ops"));
    assert.ok([...paths].every((p) => p?.startsWith("gitlab-org/")));
    // default order: created_at desc
    const created = got.map((mr) => Date.parse(mr.created_at));
    assert.ok(created.every((t, i) => i === 0 || t <= (created[i - 1] ?? t)));
  });

  it("ignores merged_after like GitLab, and sees a merge made after start (updated_at moves)", async () => {
    const withMergedAfter = (await api.MergeRequests.all({
      groupId: "gitlab-com",
      state: "merged",
      labels: LABEL,
      updatedAfter: "2026-10-01T00:00:00Z",
      mergedAfter: "2030-01-01T00:00:00Z",
      perPage: 100,
      maxPages: 1000,
    } as Parameters<typeof api.MergeRequests.all>[0])) as unknown as GlMergeRequest[];
    assert.equal(withMergedAfter.length, expected("gitlab-com", "2026-10-01T00:00:00Z").length);

    const world = sandbox.world;
    const project = world.projects.find((p) => p.path_with_namespace === "gitlab-com/www-gitlab-com");
    assert.ok(project);
    const newcomer = addUser(world, { username: "late-arrival" });
    const mr = addMergeRequest(world, {
      project_id: project.id,
      author: newcomer,
      labels: [LABEL],
      created_at: "2026-11-18T09:00:00.000Z",
    });
    mergeMergeRequest(world, mr.id, "2026-11-18T11:00:00.000Z");
    const fresh = (await api.MergeRequests.all({
      groupId: "gitlab-com",
      state: "merged",
      labels: LABEL,
      updatedAfter: "2026-11-18T10:59:00Z",
      perPage: 100,
    })) as unknown as GlMergeRequest[];
    assert.deepEqual(
      fresh.map((m) => m.id),
      [mr.id],
    );
  });

  it("serves group issues filtered by label and created_after", async () => {
    const createdAfter = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
    const got = (await api.Issues.all({
      groupId: "gitlab-com",
      labels: "User engagement",
      createdAfter,
      perPage: 100,
    })) as unknown as Array<{ id: number; labels: string[]; created_at: string }>;
    const want = sandbox.world.issues.filter(
      (i) =>
        projectIsInGroup(sandbox.world, i.project_id, "gitlab-com") &&
        i.labels.includes("User engagement") &&
        i.created_at >= createdAfter,
    );
    assert.ok(want.length >= 2);
    assert.deepEqual(new Set(got.map((i) => i.id)), new Set(want.map((i) => i.id)));
  });

  it("serves epics, their issues (with epic_issue_id) and child epics", async () => {
    const token = new Gitlab({ host: sandbox.url, token: "glpat-sandbox-test-token" });
    const epic = (await token.Epics.show("gitlab-com", 1795)) as unknown as { id: number; title: string };
    assert.equal(epic.id, sandbox.world.epics.find((e) => e.references.full === "gitlab-com&1795")?.id);
    const issues = (await token.EpicIssues.all("gitlab-com", 1795)) as unknown as Array<{
      id: number;
      epic_issue_id: number;
    }>;
    assert.deepEqual(
      issues.map((i) => i.id),
      sandbox.world.epicIssues.get(epic.id),
    );
    assert.ok(issues.every((i) => Number.isInteger(i.epic_issue_id)));
    const children = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/epics/1795/epics`);
    const childJson = (await children.json()) as Array<{ parent_id: number }>;
    assert.equal(childJson.length, 2);
    assert.ok(childJson.every((c) => c.parent_id === epic.id));
    const byPath = await fetch(`${sandbox.url}/api/v4/groups/${encodeURIComponent(PS_GROUP)}/epics/1277`);
    assert.equal(byPath.status, 403);
    assert.deepEqual(await byPath.json(), { message: "403 Forbidden" });
    const groupId = sandbox.world.groups.find((g) => g.full_path === "gitlab-com")?.id;
    const byId = await fetch(`${sandbox.url}/api/v4/groups/${groupId}/epics/1795`);
    assert.equal(byId.status, 200);
    const secret = sandbox.requests.filter((r) => r.authenticated);
    assert.ok(secret.length >= 2);
    assert.ok(!JSON.stringify(sandbox.requests).includes("glpat-sandbox-test-token"));
  });

  it("answers 404 for unknown groups, epics and routes, and 401 for epics without a token when required", async () => {
    const unknownGroup = await fetch(`${sandbox.url}/api/v4/groups/no-such-group/merge_requests`);
    assert.equal(unknownGroup.status, 404);
    assert.deepEqual(await unknownGroup.json(), { message: "404 Not found" });
    const unknownEpic = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/epics/999999`);
    assert.equal(unknownEpic.status, 404);
    assert.deepEqual(await unknownEpic.json(), { message: "404 Not found" });
    const unknownRoute = await fetch(`${sandbox.url}/api/v4/projects`);
    assert.equal(unknownRoute.status, 404);
    assert.match(unknownRoute.headers.get("content-type") ?? "", /application\/json/);
    const version = await fetch(`${sandbox.url}/api/v4/version`);
    assert.deepEqual(await version.json(), { version: "17.6.0-sandbox", revision: "sandbox" });

    sandbox.world.epicsRequireToken = true;
    try {
      const anonymous = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/epics/1795`);
      assert.equal(anonymous.status, 401);
      assert.deepEqual(await anonymous.json(), { message: "401 Unauthorized" });
      const listed = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/epics?labels=User%20engagement`);
      assert.equal(listed.status, 401);
      const withToken = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/epics/1795`, {
        headers: { "PRIVATE-TOKEN": "glpat-x" },
      });
      assert.equal(withToken.status, 200);
      const mrs = await fetch(`${sandbox.url}/api/v4/groups/gitlab-com/merge_requests`);
      assert.equal(mrs.status, 200, "merge requests of a public group need no token");
    } finally {
      sandbox.world.epicsRequireToken = false;
    }
  });

  it("rejects invalid parameters with GitLab's 400", async () => {
    const bad = await fetch(`${sandbox.url}/api/v4/groups/gitlab-org/merge_requests?state=bogus`);
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: "state does not have a valid value" });
    const badDate = await fetch(`${sandbox.url}/api/v4/groups/gitlab-org/merge_requests?updated_after=yesterday`);
    assert.equal(badDate.status, 400);
  });
});
