import assert from "node:assert/strict";
import { test } from "node:test";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { GitLabAuthError, GitLabRequestError } from "../../src/gitlab/errors.js";
import { json, memoryLogger, startLocalServer } from "./local-server.js";

const TOKEN = "glpat-supersecretvalue123";

test("429 with Retry-After: 2 waits at least 2 s, then succeeds", async () => {
  const server = await startLocalServer((_req, res, index) => {
    if (index === 0) {
      res.writeHead(429, { "content-type": "text/plain", "retry-after": "2" });
      res.end("Retry later");
    } else json(res, 200, { id: 7 });
  });
  try {
    const { logger } = memoryLogger();
    const client = createGitLabClient({ url: server.url, logger, retryBaseMs: 10 });
    const body = await client.get<{ id: number }>("groups/x");
    assert.deepEqual(body, { id: 7 });
    assert.equal(server.seen.length, 2);
    const [first, second] = server.seen;
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 2000, `waited ${second.at - first.at} ms`);
    assert.equal(client.requestCount(), 2);
  } finally {
    await server.close();
  }
});

test("500 then success is retried transparently", async () => {
  const server = await startLocalServer((_req, res, index) => {
    if (index === 0) json(res, 500, { message: "500 Internal Server Error" });
    else json(res, 200, [{ id: 1 }]);
  });
  try {
    const client = createGitLabClient({ url: server.url, logger: memoryLogger().logger, retryBaseMs: 5 });
    const page = await client.getPage<{ id: number }>("groups/x/merge_requests", { per_page: 100 });
    assert.deepEqual(page.items, [{ id: 1 }]);
    assert.equal(page.next, null);
    assert.equal(server.seen.length, 2);
  } finally {
    await server.close();
  }
});

test("persistent 500 gives up within the time budget with an error naming endpoint and status", async () => {
  const server = await startLocalServer((_req, res) => json(res, 500, { message: "boom" }));
  try {
    const client = createGitLabClient({
      url: server.url,
      logger: memoryLogger().logger,
      retryBaseMs: 20,
      maxTotalMs: 600,
    });
    const error = await client.getPage("groups/gitlab-org/merge_requests", { page: 3 }).then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof GitLabRequestError);
    assert.equal(error.status, 500);
    assert.equal(error.endpoint, "GET groups/gitlab-org/merge_requests (page 3)");
    assert.ok(error.attempts >= 2, `attempts ${error.attempts}`);
    assert.equal(error.attempts, server.seen.length);
    assert.match(error.message, /groups\/gitlab-org\/merge_requests/);
    assert.match(error.message, /500/);
    // the budget, counted not timed: the shortest waits (half of 20, 40, 80 … ms) pass 600 ms by the sixth attempt
    assert.ok(error.attempts <= 6, `attempts ${error.attempts}`);
  } finally {
    await server.close();
  }
});

test("401 is a GitLabAuthError naming GITLAB_TOKEN and is not retried; the token is never logged", async () => {
  const server = await startLocalServer((_req, res) => json(res, 401, { message: "401 Unauthorized" }));
  try {
    const { logger, lines } = memoryLogger();
    const client = createGitLabClient({ url: server.url, token: TOKEN, logger, retryBaseMs: 5 });
    const error = await client.get("groups/x/epics/1").catch((e: unknown) => e);
    assert.ok(error instanceof GitLabAuthError);
    assert.match(error.message, /GITLAB_TOKEN/);
    assert.ok(!error.message.includes(TOKEN));
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]?.headers["private-token"], TOKEN);
    assert.ok(!lines.join("").includes(TOKEN));
  } finally {
    await server.close();
  }
});

test("404 fails at once without retries; no token means no auth header", async () => {
  const server = await startLocalServer((_req, res) => json(res, 404, { message: "404 Not found" }));
  try {
    const client = createGitLabClient({ url: server.url, logger: memoryLogger().logger, retryBaseMs: 5 });
    const error = await client.get("groups/x/epics/9").catch((e: unknown) => e);
    assert.ok(error instanceof GitLabRequestError && !(error instanceof GitLabAuthError));
    assert.equal(error.status, 404);
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]?.headers["private-token"], undefined);
    assert.equal(client.hasToken, false);
  } finally {
    await server.close();
  }
});

test("a request that hangs times out and is retried; retry warnings are logged without the token", async () => {
  const server = await startLocalServer((_req, res, index) => {
    if (index === 0) return; // never answers
    json(res, 200, { ok: true });
  });
  try {
    const { logger, lines } = memoryLogger();
    const client = createGitLabClient({ url: server.url, token: TOKEN, logger, requestTimeoutMs: 200, retryBaseMs: 5 });
    assert.deepEqual(await client.get("projects/1"), { ok: true });
    assert.equal(server.seen.length, 2);
    const log = lines.join("");
    assert.match(log, /timed out/);
    assert.ok(!log.includes(TOKEN));
  } finally {
    await server.close();
  }
});

test("a connection dropped mid-body is retried", async () => {
  const server = await startLocalServer((_req, res, index) => {
    if (index === 0) {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('[{"id":');
      res.socket?.destroy();
      return;
    }
    json(res, 200, [{ id: 2 }]);
  });
  try {
    const client = createGitLabClient({ url: server.url, logger: memoryLogger().logger, retryBaseMs: 5 });
    const page = await client.getPage<{ id: number }>("groups/x/issues");
    assert.deepEqual(page.items, [{ id: 2 }]);
    assert.equal(server.seen.length, 2);
  } finally {
    await server.close();
  }
});

test("pages() follows Link rel=next even without x-total headers", async () => {
  const server = await startLocalServer((req, res) => {
    const page = Number(req.url.searchParams.get("page") ?? "1");
    const headers: Record<string, string> = {};
    if (page < 3) {
      const next = new URL(req.url.pathname, "http://gitlab.example");
      for (const [k, v] of req.url.searchParams) next.searchParams.set(k, v);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.toString()}>; rel="next", <http://gitlab.example/x?page=1>; rel="first"`;
    }
    json(res, 200, [{ page }], headers);
  });
  try {
    const client = createGitLabClient({ url: server.url, logger: memoryLogger().logger });
    const seen: number[] = [];
    for await (const items of client.pages<{ page: number }>("groups/a%2Fb/merge_requests", {
      labels: "Community contribution",
      per_page: 100,
    })) {
      for (const item of items) seen.push(item.page);
    }
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(server.seen.length, 3);
    for (const request of server.seen) {
      assert.equal(request.url.pathname, "/api/v4/groups/a%2Fb/merge_requests");
      assert.equal(request.url.searchParams.get("labels"), "Community contribution");
      assert.equal(request.url.searchParams.get("per_page"), "100");
    }
  } finally {
    await server.close();
  }
});

test("a GITLAB_URL that leads nowhere (closed port, fetch's bad port) is not retried for the request's budget", {
  timeout: 60_000,
}, async () => {
  const { freePort } = await import("../cli/spawn-cli.js");
  const { GitLabUnreachableError } = await import("../../src/gitlab/errors.js");
  for (const url of [`http://127.0.0.1:${await freePort()}`, "http://127.0.0.1:9"]) {
    // a 10-minute budget per request: only the short "unreachable" budget can end this in time
    const client = createGitLabClient({
      url,
      logger: memoryLogger().logger,
      maxTotalMs: 600_000,
      retryBaseMs: 5,
      unreachableMs: 200,
    });
    const error = await client.get("groups/x").then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof GitLabUnreachableError, String(error));
    assert.match(error.message, /^cannot reach GITLAB_URL \(http:\/\/127\.0\.0\.1:\d+: .+\): check the URL$/);
    assert.equal(error.status, null);
  }
});
