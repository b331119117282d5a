import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { GitLabAuthError, GitLabGraphQLError, GitLabRequestError } from "../../src/gitlab/errors.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type EpicTree, epicTreeWorld } from "../support/epic-tree-world.js";
import { memoryLogger } from "./local-server.js";

const TOKEN = "glpat-graphqlsecret456";
const QUERY = `query($fullPath: ID!, $iid: String!) { namespace(fullPath: $fullPath) { workItem(iid: $iid) { title state } } }`;
const GRAPHQL = /^\/api\/graphql$/;

let tree: EpicTree;
let sandbox: Sandbox;
before(async () => {
  tree = epicTreeWorld();
  sandbox = await startSandbox({ world: tree.world });
});
after(() => sandbox.close());
afterEach(() => {
  sandbox.clearFaults();
  sandbox.requests.length = 0;
});

const client = (token?: string) => {
  const { logger, lines } = memoryLogger();
  return {
    gitlab: createGitLabClient({
      url: sandbox.url,
      logger,
      retryBaseMs: 5,
      maxTotalMs: 3_000,
      requestTimeoutMs: 500,
      ...(token ? { token } : {}),
    }),
    lines,
  };
};

type Answer = { namespace: { workItem: { title: string; state: string } | null } | null };

test("graphql() POSTs the query with the token and resolves to its data", async () => {
  const { gitlab, lines } = client(TOKEN);
  const data = await gitlab.graphql<Answer>(QUERY, { fullPath: "gitlab-com", iid: "1" });
  assert.deepEqual(data, { namespace: { workItem: { title: tree.top.title, state: "OPEN" } } });
  assert.deepEqual(
    sandbox.requests.map((r) => [r.method, r.path, r.authenticated]),
    [["POST", "/api/graphql", true]],
  );
  assert.equal(gitlab.requestCount(), 1);
  assert.ok(!lines.join("").includes(TOKEN));
});

test("429 with Retry-After is waited out and 500 is retried, as over REST", async () => {
  sandbox.inject({ fault: { kind: "status", status: 429, retryAfterSeconds: 1 }, path: GRAPHQL });
  sandbox.inject({ fault: { kind: "status", status: 500 }, path: GRAPHQL });
  const { gitlab, lines } = client(TOKEN);
  const data = await gitlab.graphql<Answer>(QUERY, { fullPath: "gitlab-com", iid: "1" });
  assert.equal(data.namespace?.workItem?.title, tree.top.title);
  assert.deepEqual(
    sandbox.requests.map((r) => r.status),
    [429, 500, 200],
  );
  const [limited, failed] = sandbox.requests;
  assert.ok(limited && failed && failed.at - limited.at >= 1000, "waited the Retry-After second");
  assert.equal(gitlab.requestCount(), 3);
  assert.ok(lines.some((line) => line.includes("POST /api/graphql") && line.includes("retrying")));
  assert.ok(!lines.join("").includes(TOKEN));
});

test("a hung answer times out and is retried", async () => {
  sandbox.inject({ fault: { kind: "hang" }, path: GRAPHQL });
  const { gitlab } = client();
  const data = await gitlab.graphql<Answer>(QUERY, { fullPath: "gitlab-com", iid: "1" });
  assert.equal(data.namespace?.workItem?.state, "OPEN");
  assert.equal(gitlab.requestCount(), 2);
});

test("HTTP 200 with errors is a GitLabGraphQLError carrying GitLab's message, not retried", async () => {
  sandbox.inject({
    fault: { kind: "graphql_errors", message: "Query has complexity of 300, which exceeds max complexity of 250" },
    path: GRAPHQL,
  });
  const { gitlab } = client(TOKEN);
  const error = await gitlab.graphql(QUERY, { fullPath: "gitlab-com", iid: "1" }).catch((e: unknown) => e);
  assert.ok(error instanceof GitLabGraphQLError);
  assert.equal(error.endpoint, "POST /api/graphql");
  assert.equal(error.partial, false);
  assert.match(error.message, /GraphQL API answered with an error: Query has complexity of 300/);
  assert.equal(sandbox.requests.length, 1);
});

test("a query the schema rejects is a GitLabGraphQLError naming the field", async () => {
  const { gitlab } = client();
  const error = await gitlab
    .graphql(`{ namespace(fullPath: "gitlab-com") { workItem(iid: "1") { progress } } }`)
    .catch((e: unknown) => e);
  assert.ok(error instanceof GitLabGraphQLError);
  assert.match(error.errors[0]?.message ?? "", /progress/);
});

test("401 is a GitLabAuthError naming GITLAB_TOKEN; 404 fails at once", async () => {
  sandbox.inject({ fault: { kind: "status", status: 401 }, path: GRAPHQL });
  sandbox.inject({ fault: { kind: "status", status: 404 }, path: GRAPHQL });
  const { gitlab } = client(TOKEN);
  const refused = await gitlab.graphql(QUERY, { fullPath: "gitlab-com", iid: "1" }).catch((e: unknown) => e);
  assert.ok(refused instanceof GitLabAuthError);
  assert.match(refused.message, /GITLAB_TOKEN/);
  assert.ok(!refused.message.includes(TOKEN));
  const missing = await gitlab.graphql(QUERY, { fullPath: "gitlab-com", iid: "1" }).catch((e: unknown) => e);
  assert.ok(missing instanceof GitLabRequestError && !(missing instanceof GitLabGraphQLError));
  assert.equal(missing.status, 404);
  assert.equal(missing.endpoint, "POST /api/graphql");
  assert.equal(sandbox.requests.length, 2);
});
