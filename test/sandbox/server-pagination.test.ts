import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest, addProject, addUser, emptyWorld } from "../../src/sandbox/world.js";

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of (header ?? "").matchAll(/<([^>]+)>; rel="([^"]+)"/g)) {
    if (match[1] && match[2]) out[match[2]] = match[1];
  }
  return out;
}

describe("GitLab offset pagination headers", () => {
  let sandbox: Sandbox;

  before(async () => {
    const world = emptyWorld();
    const small = addProject(world, "small-group/app");
    const big = addProject(world, "big-group/app");
    const author = addUser(world, { username: "alice" });
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    for (let i = 0; i < 45; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      addMergeRequest(world, { project_id: small.id, author, state: "merged", created_at: at, merged_at: at });
    }
    for (let i = 0; i < 10_001; i++) {
      const at = new Date(start + i * 1000).toISOString();
      addMergeRequest(world, { project_id: big.id, author, created_at: at, labels: ["Community contribution"] });
    }
    sandbox = await startSandbox({ world });
  });
  after(() => sandbox.close());

  it("sets x-* headers and Link prev/next/first/last with every query parameter kept", async () => {
    const response = await fetch(
      `${sandbox.url}/api/v4/groups/small-group/merge_requests?state=merged&order_by=created_at&sort=asc&per_page=10&page=2`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json");
    const body = (await response.json()) as Array<{ iid: number }>;
    assert.deepEqual(
      body.map((mr) => mr.iid),
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    );
    const h = response.headers;
    assert.equal(h.get("x-page"), "2");
    assert.equal(h.get("x-per-page"), "10");
    assert.equal(h.get("x-next-page"), "3");
    assert.equal(h.get("x-prev-page"), "1");
    assert.equal(h.get("x-total"), "45");
    assert.equal(h.get("x-total-pages"), "5");
    const rel = links(h.get("link"));
    assert.deepEqual(Object.keys(rel), ["prev", "next", "first", "last"]);
    const next = new URL(rel.next ?? "");
    assert.equal(next.origin, sandbox.url);
    assert.equal(next.pathname, "/api/v4/groups/small-group/merge_requests");
    assert.equal(next.searchParams.get("page"), "3");
    assert.equal(next.searchParams.get("per_page"), "10");
    assert.equal(next.searchParams.get("state"), "merged");
    assert.equal(next.searchParams.get("order_by"), "created_at");
    assert.equal(next.searchParams.get("sort"), "asc");
    assert.equal(new URL(rel.last ?? "").searchParams.get("page"), "5");
    assert.equal(new URL(rel.first ?? "").searchParams.get("page"), "1");
  });

  it("leaves x-next-page empty and omits rel=next on the last page; first page has no prev", async () => {
    const last = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests?per_page=10&page=5`);
    assert.equal(((await last.json()) as unknown[]).length, 5);
    assert.equal(last.headers.get("x-next-page"), "");
    assert.equal(last.headers.get("x-prev-page"), "4");
    assert.deepEqual(Object.keys(links(last.headers.get("link"))), ["prev", "first", "last"]);
    const first = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests`);
    assert.equal(first.headers.get("x-per-page"), "20", "default per_page");
    assert.equal(first.headers.get("x-prev-page"), "");
    assert.deepEqual(Object.keys(links(first.headers.get("link"))), ["next", "first", "last"]);
    const capped = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests?per_page=500`);
    assert.equal(capped.headers.get("x-per-page"), "100");
    assert.equal(((await capped.json()) as unknown[]).length, 45);
  });

  it("omits x-total, x-total-pages and rel=last past 10,000 results but still links next", async () => {
    const response = await fetch(
      `${sandbox.url}/api/v4/groups/big-group/merge_requests?labels=Community%20contribution&per_page=100&page=100`,
    );
    assert.equal(((await response.json()) as unknown[]).length, 100);
    assert.equal(response.headers.get("x-total"), null);
    assert.equal(response.headers.get("x-total-pages"), null);
    assert.equal(response.headers.get("x-next-page"), "101");
    const rel = links(response.headers.get("link"));
    assert.deepEqual(Object.keys(rel), ["prev", "next", "first"]);
    assert.equal(new URL(rel.next ?? "").searchParams.get("labels"), "Community contribution");

    const lastPage = await fetch(`${sandbox.url}/api/v4/groups/big-group/merge_requests?per_page=100&page=101`);
    assert.equal(((await lastPage.json()) as unknown[]).length, 1);
    assert.equal(lastPage.headers.get("x-next-page"), "");
    const exactlyLimit = await fetch(
      `${sandbox.url}/api/v4/groups/big-group/merge_requests?created_after=2026-01-01T00:00:01Z&per_page=100`,
    );
    assert.equal(exactlyLimit.headers.get("x-total"), "10000", "10,000 results are still counted");
  });

  it("filters labels None/Any and orders desc with ties broken by id", async () => {
    const none = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests?labels=None&per_page=1`);
    assert.equal(none.headers.get("x-total"), "45");
    const any = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests?labels=Any&per_page=1`);
    assert.equal(any.headers.get("x-total"), "0");
    assert.equal(any.headers.get("x-total-pages"), "1");
    const desc = await fetch(`${sandbox.url}/api/v4/groups/small-group/merge_requests?order_by=merged_at&per_page=3`);
    assert.deepEqual(
      ((await desc.json()) as Array<{ iid: number }>).map((m) => m.iid),
      [45, 44, 43],
    );
  });
});

describe("archived projects", () => {
  it("GitLab's group lists hide their MRs and issues unless non_archived=false; a bad value is a 400", async () => {
    const world = emptyWorld();
    const live = addProject(world, "g/live");
    const archived = addProject(world, "g/old", undefined, { archived: true });
    const author = addUser(world, { username: "alice" });
    const at = "2026-01-01T00:00:00.000Z";
    const mrs = [live, archived].map(
      (p) => addMergeRequest(world, { project_id: p.id, author, state: "merged", created_at: at, merged_at: at }).id,
    );
    const sandbox = await startSandbox({ world });
    try {
      const ids = async (query: string) => {
        const response = await fetch(`${sandbox.url}/api/v4/groups/g/merge_requests?${query}`);
        return ((await response.json()) as Array<{ id: number }>).map((mr) => mr.id);
      };
      assert.deepEqual(await ids(""), [mrs[0]]);
      assert.deepEqual(await ids("non_archived=true"), [mrs[0]]);
      assert.deepEqual((await ids("non_archived=false")).sort(), [...mrs].sort());
      const bad = await fetch(`${sandbox.url}/api/v4/groups/g/merge_requests?non_archived=maybe`);
      assert.equal(bad.status, 400);
      assert.deepEqual(await bad.json(), { error: "non_archived does not have a valid value" });
    } finally {
      await sandbox.close();
    }
  });
});
