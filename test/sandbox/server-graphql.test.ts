import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type EpicTree, epicTreeWorld } from "../support/epic-tree-world.js";

const EPIC = `query Epic($fullPath: ID!, $iid: String!) {
  namespace(fullPath: $fullPath) {
    workItem(iid: $iid) {
      id iid title state webUrl workItemType { name }
      widgets {
        type
        ... on WorkItemWidgetStartAndDueDate { startDate dueDate }
        ... on WorkItemWidgetWeight { weight rolledUpWeight rolledUpCompletedWeight }
        ... on WorkItemWidgetHierarchy {
          hasChildren
          rolledUpCountsByType { workItemType { name } countsByState { all opened closed } }
          children(first: 100) { count pageInfo { hasNextPage endCursor } nodes { id state workItemType { name } } }
        }
      }
    }
  }
}`;

const CHILDREN = `query Children($id: WorkItemID!, $after: String) {
  workItem(id: $id) {
    widgets { ... on WorkItemWidgetHierarchy {
      children(first: 100, after: $after) { count pageInfo { hasNextPage endCursor } nodes { id workItemType { name } } }
    } }
  }
}`;

// biome-ignore lint/suspicious/noExplicitAny: tests dig through GraphQL answers
type Loose = any;

interface GraphQLBody {
  data?: Loose;
  errors?: Array<{ message: string }>;
}

async function post(
  sandbox: Sandbox,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody; retryAfter: string | null }> {
  const response = await fetch(`${sandbox.url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLBody = {};
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, body, retryAfter: response.headers.get("retry-after") };
}

const widget = (item: Loose, type: string) => item.widgets.find((w: Loose) => w.type === type);

describe("sandbox GraphQL: work items", () => {
  let tree: EpicTree;
  let sandbox: Sandbox;
  before(async () => {
    tree = epicTreeWorld();
    sandbox = await startSandbox({ world: tree.world });
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.clearFaults());

  it("answers an epic with GitLab's widgets, states and rolled-up counts and weights over every depth", async () => {
    const { status, body } = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined);
    const item = body.data.namespace.workItem;
    assert.equal(item.title, tree.top.title);
    assert.equal(item.state, "OPEN");
    assert.equal(item.webUrl, tree.top.web_url);
    assert.equal(item.workItemType.name, "Epic");
    assert.deepEqual(widget(item, "START_AND_DUE_DATE"), {
      type: "START_AND_DUE_DATE",
      startDate: "2026-10-01",
      dueDate: "2027-01-31",
    });
    const weight = widget(item, "WEIGHT");
    assert.equal(weight.weight, null);
    assert.equal(weight.rolledUpWeight, tree.expected.totalWeight);
    assert.equal(weight.rolledUpCompletedWeight, tree.expected.closedWeight);
    const hierarchy = widget(item, "HIERARCHY");
    assert.equal(hierarchy.hasChildren, true);
    const issues = hierarchy.rolledUpCountsByType.find((c: Loose) => c.workItemType.name === "Issue");
    assert.deepEqual(issues.countsByState, {
      all: tree.expected.totalIssues,
      opened: tree.expected.totalIssues - tree.expected.closedIssues,
      closed: tree.expected.closedIssues,
    });
    const epics = hierarchy.rolledUpCountsByType.find((c: Loose) => c.workItemType.name === "Epic");
    assert.equal(epics.countsByState.all, 3, "child, grandchild and the empty child");
    // direct children: the two child epics first, then 130 issues, 100 on this page
    assert.equal(hierarchy.children.count, 132);
    assert.equal(hierarchy.children.nodes.length, 100);
    assert.deepEqual(
      hierarchy.children.nodes.slice(0, 3).map((n: Loose) => n.workItemType.name),
      ["Epic", "Epic", "Issue"],
    );
    assert.equal(hierarchy.children.pageInfo.hasNextPage, true);
  });

  it("pages children with after: endCursor until hasNextPage is false, each child once", async () => {
    const first = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" });
    const item = first.body.data.namespace.workItem;
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const { body } = await post(sandbox, CHILDREN, { id: item.id, after });
      const { children } = body.data.workItem.widgets.find((w: Loose) => w.children);
      for (const node of children.nodes) seen.add(node.id);
      after = children.pageInfo.hasNextPage ? children.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    assert.equal(pages, 2);
    assert.equal(seen.size, 132);
  });

  it("rejects a field GitLab does not have with errors and no data, as HTTP 200", async () => {
    const { status, body } = await post(
      sandbox,
      '{ namespace(fullPath: "gitlab-com") { workItem(iid: "1") { progress } } }',
      {},
    );
    assert.equal(status, 200);
    assert.equal(body.data, undefined);
    assert.match(body.errors?.[0]?.message ?? "", /Cannot query field "progress" on type "WorkItem"/);
  });

  it("answers null for an unknown iid, an unknown group, and a forbidden epic", async () => {
    const unknown = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "999" });
    assert.deepEqual(unknown.body.data, { namespace: { workItem: null } });
    const noGroup = await post(sandbox, EPIC, { fullPath: "nowhere", iid: "1" });
    assert.deepEqual(noGroup.body.data, { namespace: null });
    sandbox.world.forbiddenEpicIds.add(tree.top.id);
    try {
      const forbidden = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" });
      assert.deepEqual(forbidden.body.data, { namespace: { workItem: null } });
      assert.equal(forbidden.body.errors, undefined);
    } finally {
      sandbox.world.forbiddenEpicIds.delete(tree.top.id);
    }
  });

  it("hides epics from a reader without a token where epics need one", async () => {
    sandbox.world.epicsRequireToken = true;
    try {
      const anonymous = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" });
      assert.deepEqual(anonymous.body.data, { namespace: { workItem: null } });
      const withToken = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" }, { "private-token": "glpat-x" });
      assert.equal(withToken.body.data.namespace.workItem.title, tree.top.title);
    } finally {
      sandbox.world.epicsRequireToken = false;
    }
  });

  it("has REST's fault modes on /api/graphql: 500, 429 with Retry-After, errors with 200, workItem null", async () => {
    const path = /^\/api\/graphql$/;
    sandbox.inject({ fault: { kind: "status", status: 500 }, path });
    sandbox.inject({ fault: { kind: "status", status: 429, retryAfterSeconds: 7 }, path });
    sandbox.inject({ fault: { kind: "graphql_errors", message: "Internal server error" }, path });
    sandbox.inject({ fault: { kind: "work_item_null" }, path });
    const vars = { fullPath: "gitlab-com", iid: "1" };
    assert.equal((await post(sandbox, EPIC, vars)).status, 500);
    const limited = await post(sandbox, EPIC, vars);
    assert.equal(limited.status, 429);
    assert.equal(limited.retryAfter, "7");
    const errored = await post(sandbox, EPIC, vars);
    assert.equal(errored.status, 200);
    assert.deepEqual(errored.body.errors, [{ message: "Internal server error" }]);
    const nulled = await post(sandbox, EPIC, vars);
    assert.deepEqual(nulled.body.data, { namespace: { workItem: null } });
    const healthy = await post(sandbox, EPIC, vars);
    assert.equal(healthy.body.data.namespace.workItem.title, tree.top.title);
  });
});

describe("sandbox GraphQL: other GitLabs", () => {
  it("an instance without work items rejects Namespace.workItem; one without GraphQL answers 404", async () => {
    const { world } = epicTreeWorld();
    const old = await startSandbox({ world, graphql: "no_work_items" });
    const none = await startSandbox({ world, graphql: "absent" });
    try {
      const rejected = await post(old, EPIC, { fullPath: "gitlab-com", iid: "1" });
      assert.equal(rejected.status, 200);
      assert.equal(rejected.body.data, undefined);
      assert.ok(rejected.body.errors?.some((e) => /Cannot query field "workItem" on type "Namespace"/.test(e.message)));
      assert.equal((await post(none, EPIC, { fullPath: "gitlab-com", iid: "1" })).status, 404);
    } finally {
      await old.close();
      await none.close();
    }
  });

  it("without roll-ups an epic has no rolledUpCountsByType entries and no Weight widget; issues keep their weight", async () => {
    const { world } = epicTreeWorld();
    const sandbox = await startSandbox({ world, workItemRollUps: false });
    try {
      const { body } = await post(sandbox, EPIC, { fullPath: "gitlab-com", iid: "1" });
      const item = body.data.namespace.workItem;
      assert.equal(widget(item, "WEIGHT"), undefined);
      assert.deepEqual(widget(item, "HIERARCHY").rolledUpCountsByType, []);
      const issueId = widget(item, "HIERARCHY").children.nodes.find((n: Loose) => n.workItemType.name === "Issue").id;
      const issue = await post(
        sandbox,
        "query($id: WorkItemID!) { workItem(id: $id) { widgets { ... on WorkItemWidgetWeight { weight } } } }",
        { id: issueId },
      );
      assert.ok(issue.body.data.workItem.widgets.some((w: Loose) => w.weight === 2));
    } finally {
      await sandbox.close();
    }
  });
});
