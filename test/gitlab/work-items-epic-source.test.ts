/**
 * Epic progress through GitLab's Work Items GraphQL API (issue 15): the same EpicRecord as the REST source over the
 * same sandbox world (roll-ups, and the tree walk where GitLab gives none), the request counts, EPIC_SOURCE=auto's
 * one probe and its REST fallback, and GraphQL's failures as unavailable epics, never a crash.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { createRestEpicSource, type EpicSource } from "../../src/gitlab/epic-source.js";
import { createEpicSource } from "../../src/gitlab/epic-source-choice.js";
import { GitLabGraphQLError } from "../../src/gitlab/errors.js";
import { syncAll } from "../../src/gitlab/sync.js";
import { createWorkItemsEpicSource, isSchemaMismatch } from "../../src/gitlab/work-items-epic-source.js";
import type { EpicRecord } from "../../src/model/records.js";
import type { EpicRef } from "../../src/model/settings.js";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import type { SandboxGraphQL } from "../../src/sandbox/graphql-route.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { GitLabWorld, Sandbox } from "../../src/sandbox/types.js";
import { Store } from "../../src/store/store.js";
import { formatSyncSummary } from "../../src/text/sync-text.js";
import { epicTreeWorld } from "../support/epic-tree-world.js";
import { json, memoryLogger, startLocalServer } from "./local-server.js";

const NOW = new Date("2026-03-18T12:00:00Z");
const TOKEN = "glpat-work-items-test";
const GRAPHQL = /^\/api\/graphql$/;
/** every REST epic route: a group's epic list, one epic, its issues, its child epics */
const REST_EPICS = /^\/api\/v4\/groups\/[^/]+\/epics(\/|$)/;
const root = mkdtempSync(join(tmpdir(), "work-items-test-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

const generated = () => generateWorld({ seed: 3, now: NOW, months: 2 });

async function sandboxFor(
  world: GitLabWorld,
  options: { graphql?: SandboxGraphQL; workItemRollUps?: boolean } = {},
): Promise<Sandbox> {
  return startSandbox({ world, ...options });
}

function clientFor(sandbox: Sandbox) {
  const { logger, lines } = memoryLogger();
  const client = createGitLabClient({ url: sandbox.url, token: TOKEN, logger, retryBaseMs: 5, maxTotalMs: 1_500 });
  return { client, logger, lines };
}

const withoutSyncTime = ({ syncedAt: _syncedAt, ...rest }: EpicRecord) => rest;

async function fetchAll(source: EpicSource, refs: EpicRef[]): Promise<EpicRecord[]> {
  const records: EpicRecord[] = [];
  for (const ref of refs) records.push(await source.fetch(ref));
  return records;
}

const refOf = (ref: string): EpicRef => {
  const [group = "", iid = "0"] = ref.split("&");
  return { group, iid: Number(iid), ref };
};

/** A store, a config and one sync against the sandbox, with its log lines. */
async function syncOnce(sandbox: Sandbox, env: Record<string, string> = {}) {
  const path = join(root, `db-${++counter}.db`);
  const config = parseConfig({ GITLAB_URL: sandbox.url, GITLAB_TOKEN: TOKEN, HISTORY_MONTHS: "2", ...env });
  const store = await Store.open(path);
  const { client, logger, lines } = clientFor(sandbox);
  const sync = () => syncAll({ store, client, config, logger, now: () => NOW, reconcile: false });
  const summary = await sync();
  return { store, config, lines, summary, sync };
}

const source = (summary: SyncSummary, name: string) => summary.sources.find((s) => s.source === name);

describe("the Work Items source gives the REST source's numbers", () => {
  it("over a generated world: every configured epic, field by field, in one request each", async () => {
    const sandbox = await sandboxFor(generated());
    try {
      const refs = parseConfig({}).epics;
      const rest = clientFor(sandbox);
      const viaRest = await fetchAll(createRestEpicSource({ ...rest, now: () => NOW }), refs);
      const work = clientFor(sandbox);
      const viaWorkItems = await fetchAll(createWorkItemsEpicSource({ ...work, now: () => NOW }), refs);
      assert.ok(viaRest.every((r) => r.available && r.totalIssues > 0));
      assert.ok(viaRest.some((r) => r.totalWeight > 0) && viaRest.some((r) => r.closedIssues > 0));
      assert.deepEqual(viaWorkItems.map(withoutSyncTime), viaRest.map(withoutSyncTime));
      assert.equal(work.client.requestCount(), refs.length, "one request per epic");
      assert.ok(rest.client.requestCount() >= 3 * refs.length, `REST took ${rest.client.requestCount()}`);
    } finally {
      await sandbox.close();
    }
  });

  it("over a deep tree (depth 3, two pages of children), with roll-ups and by walking the tree without them", async () => {
    const tree = epicTreeWorld();
    const ref = refOf(tree.ref);
    const withRollUps = await sandboxFor(tree.world);
    const withoutRollUps = await sandboxFor(tree.world, { workItemRollUps: false });
    try {
      const rest = clientFor(withRollUps);
      const [viaRest] = await fetchAll(createRestEpicSource({ ...rest, now: () => NOW }), [ref]);
      assert.ok(viaRest);
      assert.deepEqual(
        {
          totalIssues: viaRest.totalIssues,
          closedIssues: viaRest.closedIssues,
          totalWeight: viaRest.totalWeight,
          closedWeight: viaRest.closedWeight,
        },
        tree.expected,
      );
      const rolled = clientFor(withRollUps);
      const [fromRollUps] = await fetchAll(createWorkItemsEpicSource({ ...rolled, now: () => NOW }), [ref]);
      const walked = clientFor(withoutRollUps);
      const [fromWalk] = await fetchAll(createWorkItemsEpicSource({ ...walked, now: () => NOW }), [ref]);
      assert.ok(fromRollUps && fromWalk);
      assert.deepEqual(withoutSyncTime(fromRollUps), withoutSyncTime(viaRest));
      assert.deepEqual(withoutSyncTime(fromWalk), withoutSyncTime(viaRest));
      assert.equal(rolled.client.requestCount(), 1);
      // the epic with its first page; its second page; the child epic &2 and its child &3 (the empty &4 is skipped)
      assert.equal(walked.client.requestCount(), 4);
    } finally {
      await withRollUps.close();
      await withoutRollUps.close();
    }
  });
});

it("roll-ups below the issues GitLab lists (17.3's placeholder zeros) are not believed: the tree is counted", async () => {
  const issue = (n: number, state: string, weight: number | null) => ({
    id: `gid://gitlab/WorkItem/${n}`,
    state,
    workItemType: { name: "Issue" },
    widgets: [{ __typename: "WorkItemWidgetWeight", weight }],
  });
  const server = await startLocalServer((_req, res) =>
    json(res, 200, {
      data: {
        namespace: {
          workItem: {
            id: "gid://gitlab/WorkItem/1",
            title: "Placeholder roll-ups",
            state: "OPEN",
            webUrl: "https://gitlab.example/groups/g/-/epics/1",
            widgets: [
              { __typename: "WorkItemWidgetWeight", rolledUpWeight: null, rolledUpCompletedWeight: null },
              {
                __typename: "WorkItemWidgetHierarchy",
                hasChildren: true,
                rolledUpCountsByType: [{ workItemType: { name: "Issue" }, countsByState: { all: 0, closed: 0 } }],
                children: {
                  pageInfo: { hasNextPage: false, endCursor: null },
                  nodes: [issue(2, "CLOSED", 3), issue(3, "OPEN", null)],
                },
              },
            ],
          },
        },
      },
    }),
  );
  try {
    const { logger } = memoryLogger();
    const client = createGitLabClient({ url: server.url, logger, retryBaseMs: 5 });
    const record = await createWorkItemsEpicSource({ client, logger, now: () => NOW }).fetch(refOf("g&1"));
    assert.deepEqual([record.closedIssues, record.totalIssues, record.closedWeight, record.totalWeight], [1, 2, 3, 3]);
    assert.equal(server.seen.length, 1, "the first page was all there was");
  } finally {
    await server.close();
  }
});

it("GitLab's own wording of an unknown field or type is a schema mismatch; complexity or a failed field is not", () => {
  const error = (message: string, code?: string, partial = false) =>
    new GitLabGraphQLError("POST /api/graphql", [{ message, ...(code ? { code } : {}) }], partial);
  // graphql-ruby, as GitLab answers
  assert.ok(isSchemaMismatch(error("Field 'workItem' doesn't exist on type 'Namespace'", "undefinedField")));
  assert.ok(isSchemaMismatch(error("No such type WorkItemWidgetHierarchy, so it can't be a fragment condition")));
  assert.ok(isSchemaMismatch(error("Field 'children' doesn't accept argument 'after'")));
  // graphql-js, as the sandbox answers
  assert.ok(isSchemaMismatch(error('Cannot query field "rolledUpCountsByType" on type "WorkItemWidgetHierarchy".')));
  assert.ok(!isSchemaMismatch(error("Query has complexity of 300, which exceeds max complexity of 250")));
  assert.ok(!isSchemaMismatch(error("Internal server error")));
  assert.ok(!isSchemaMismatch(error("Field 'workItem' doesn't exist on type 'Namespace'", undefined, true)));
});

describe("EPIC_SOURCE=auto", () => {
  it("uses Work Items with REST epic routes removed (404): full epic progress, no REST epic route for it", async () => {
    const world = generated();
    const reference = await sandboxFor(world);
    const removed = await sandboxFor(world);
    try {
      const baseline = await syncOnce(reference, { EPIC_SOURCE: "rest" });
      removed.inject({ fault: { kind: "status", status: 404 }, path: REST_EPICS, times: Number.POSITIVE_INFINITY });
      const auto = await syncOnce(removed);
      assert.ok(auto.summary.ok, formatSyncSummary(auto.summary));
      const refs = auto.config.epics.map((e) => e.ref);
      const stored = (await auto.store.epics(refs)).map(withoutSyncTime);
      assert.deepEqual(stored, (await baseline.store.epics(refs)).map(withoutSyncTime));
      assert.ok(stored.every((e) => e.available && e.totalIssues > 0));
      const epicRoutes = removed.requests.filter((r) => REST_EPICS.test(r.path)).map((r) => r.path);
      // only the labelled-epics listing (a source of its own, still REST) asked; it is marked unavailable
      assert.deepEqual(epicRoutes, ["/api/v4/groups/gitlab-com/epics"]);
      assert.match(source(auto.summary, "epics:gitlab-com")?.note ?? "", /unavailable/);
      const epics = source(auto.summary, "configured_epics");
      assert.equal(epics?.requests, refs.length, "one GraphQL request per configured epic");
      assert.match(epics?.note ?? "", /via Work Items API \(GraphQL\)/);
      assert.match(formatSyncSummary(auto.summary), /configured_epics: 3 pages, 3 requests, .*via Work Items API/);
      assert.equal(auto.lines.filter((l) => l.includes("epic progress from")).length, 1, "said once");
      await auto.store.close();
      await baseline.store.close();
    } finally {
      await reference.close();
      await removed.close();
    }
  });

  for (const [graphql, why] of [
    ["no_work_items", /does not know the work item fields/],
    ["absent", /no GraphQL API here \(404/],
  ] as const) {
    it(`falls back to REST after one probe when GitLab's GraphQL is ${graphql}, saying so once`, async () => {
      const world = generated();
      const old = await sandboxFor(world, { graphql });
      try {
        const sync = await syncOnce(old);
        assert.ok(sync.summary.ok, formatSyncSummary(sync.summary));
        const refs = sync.config.epics.map((e) => e.ref);
        assert.ok((await sync.store.epics(refs)).every((e) => e.available && e.totalIssues > 0));
        assert.equal(old.requests.filter((r) => GRAPHQL.test(r.path)).length, 1, "one probe");
        assert.match(source(sync.summary, "configured_epics")?.note ?? "", /via REST epics API: /);
        assert.match(source(sync.summary, "configured_epics")?.note ?? "", why);
        const said = sync.lines.filter((l) => l.includes("epic progress from"));
        assert.equal(said.length, 1);
        assert.match(said[0] ?? "", /REST epics API/);
        // the next sync decides again, with one probe again
        await sync.sync();
        assert.equal(old.requests.filter((r) => GRAPHQL.test(r.path)).length, 2);
        await sync.store.close();
      } finally {
        await old.close();
      }
    });
  }
});

describe("GraphQL failures", () => {
  it("errors with HTTP 200: a clear message, that epic unavailable with its last figures, the others synced", async () => {
    const sandbox = await sandboxFor(generated());
    try {
      const first = await syncOnce(sandbox, { EPIC_SOURCE: "work_items" });
      const refs = first.config.epics.map((e) => e.ref);
      const before = await first.store.epics(refs);
      sandbox.inject({ fault: { kind: "graphql_errors", message: "Internal server error" }, path: GRAPHQL });
      const summary = await first.sync();
      assert.ok(summary.ok, formatSyncSummary(summary));
      const after = await first.store.epics(refs);
      assert.equal(after[0]?.available, false);
      assert.equal(after[0]?.unavailableReason, "GitLab's GraphQL API answered with an error: Internal server error");
      assert.equal(after[0]?.totalIssues, before[0]?.totalIssues, "last known figures kept");
      assert.ok(after.slice(1).every((e) => e.available));
      assert.match(source(summary, "configured_epics")?.note ?? "", new RegExp(`unavailable: ${refs[0]}`));
      assert.ok(first.lines.some((l) => l.includes("Internal server error")));
      await first.store.close();
    } finally {
      await sandbox.close();
    }
  });

  it("workItem null, and a 401: unavailable with GitLab's reason", async () => {
    const sandbox = await sandboxFor(generated());
    try {
      sandbox.inject({ fault: { kind: "work_item_null" }, path: GRAPHQL });
      sandbox.inject({ fault: { kind: "status", status: 401 }, path: GRAPHQL });
      const { store, config, summary } = await syncOnce(sandbox);
      assert.ok(summary.ok, formatSyncSummary(summary));
      const [nulled, refused, fine] = await store.epics(config.epics.map((e) => e.ref));
      assert.equal(nulled?.available, false);
      assert.match(nulled?.unavailableReason ?? "", /shows no work item gitlab-com&1795/);
      assert.equal(refused?.available, false);
      assert.match(refused?.unavailableReason ?? "", /GITLAB_TOKEN/);
      assert.equal(fine?.available, true);
      await store.close();
    } finally {
      await sandbox.close();
    }
  });

  it("EPIC_SOURCE=work_items on a GitLab without it fails the source with what to set, and stores nothing", async () => {
    const sandbox = await sandboxFor(generated(), { graphql: "absent" });
    try {
      const { store, config, summary } = await syncOnce(sandbox, { EPIC_SOURCE: "work_items" });
      const epics = source(summary, "configured_epics");
      assert.match(epics?.error ?? "", /no GraphQL API here \(404 for POST \/api\/graphql\).*EPIC_SOURCE=auto or rest/);
      assert.equal((await store.epics(config.epics.map((e) => e.ref))).length, 0);
      assert.equal(sandbox.requests.filter((r) => /\/epics\/\d+/.test(r.path)).length, 0, "no REST fallback");
      await store.close();
    } finally {
      await sandbox.close();
    }
  });

  it("500 on every GraphQL request ends the sync as a REST 500 would, epics untouched", async () => {
    const sandbox = await sandboxFor(generated());
    try {
      const first = await syncOnce(sandbox);
      const refs = first.config.epics.map((e) => e.ref);
      const before = (await first.store.epics(refs)).map(withoutSyncTime);
      sandbox.inject({ fault: { kind: "status", status: 500 }, path: GRAPHQL, times: Number.POSITIVE_INFINITY });
      const summary = await first.sync();
      assert.equal(summary.ok, false);
      assert.match(source(summary, "configured_epics")?.error ?? "", /POST \/api\/graphql failed after \d+ attempts/);
      assert.deepEqual((await first.store.epics(refs)).map(withoutSyncTime), before);
      await first.store.close();
    } finally {
      await sandbox.close();
    }
  });
});

describe("createEpicSource", () => {
  it("names the API it uses", async () => {
    const sandbox = await sandboxFor(epicTreeWorld().world);
    try {
      const deps = { ...clientFor(sandbox), now: () => NOW };
      assert.equal(createEpicSource("rest", deps).via?.(), "REST epics API");
      assert.equal(createEpicSource("work_items", deps).via?.(), "Work Items API (GraphQL)");
      const auto = createEpicSource("auto", deps);
      assert.match(auto.via?.() ?? "", /not probed yet/);
      await auto.fetch(refOf("gitlab-com&1"));
      assert.equal(auto.via?.(), "Work Items API (GraphQL)");
    } finally {
      await sandbox.close();
    }
  });
});
