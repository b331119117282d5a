import assert from "node:assert/strict";
import { request } from "node:http";
import { afterEach, beforeEach, describe, it } from "node:test";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest, addProject, addUser, emptyWorld } from "../../src/sandbox/world.js";

const MRS = "/api/v4/groups/gitlab-org/merge_requests";

function world() {
  const w = emptyWorld();
  const project = addProject(w, "gitlab-org/gitlab");
  const author = addUser(w, { username: "alice" });
  for (let i = 0; i < 30; i++)
    addMergeRequest(w, { project_id: project.id, author, title: `MR ${i} ${"x".repeat(200)}` });
  return w;
}

/** A raw GET that reports how the exchange ended, for faults fetch would only turn into a generic error. */
function rawGet(url: string): Promise<{ outcome: "complete" | "aborted" | "error"; status?: number; bytes: number }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => resolve({ outcome: "complete", status: res.statusCode, bytes }));
      res.on("aborted", () => resolve({ outcome: "aborted", status: res.statusCode, bytes }));
      res.on("error", () => resolve({ outcome: "aborted", status: res.statusCode, bytes }));
    });
    req.on("error", () => resolve({ outcome: "error", bytes: 0 }));
    req.end();
  });
}

describe("fault injection", () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ world: world() });
  });
  afterEach(() => sandbox.close());

  it("answers 429 with Retry-After and a plain-text body, once, then normally", async () => {
    sandbox.inject({ fault: { kind: "status", status: 429, retryAfterSeconds: 2 } });
    const limited = await fetch(`${sandbox.url}${MRS}`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "2");
    assert.match(limited.headers.get("content-type") ?? "", /^text\/plain/);
    assert.equal(await limited.text(), "Retry later");
    const ok = await fetch(`${sandbox.url}${MRS}`);
    assert.equal(ok.status, 200);
    assert.deepEqual(
      sandbox.requests.map((r) => r.status),
      [429, 200],
    );
  });

  it("answers 500 JSON, 502 HTML and a 200 HTML page when told, matching only the given path, FIFO", async () => {
    sandbox.inject({ fault: { kind: "status", status: 500 }, path: /merge_requests$/ });
    sandbox.inject({ fault: { kind: "status", status: 502, contentType: "text/html" }, path: /merge_requests$/ });
    sandbox.inject({ fault: { kind: "status", status: 200, contentType: "text/html" }, path: /merge_requests$/ });
    const version = await fetch(`${sandbox.url}/api/v4/version`);
    assert.equal(version.status, 200, "other paths are not affected");
    const first = await fetch(`${sandbox.url}${MRS}`);
    assert.equal(first.status, 500);
    assert.deepEqual(await first.json(), { message: "500 Internal Server Error" });
    const second = await fetch(`${sandbox.url}${MRS}`);
    assert.equal(second.status, 502);
    assert.match(await second.text(), /<html>/);
    const third = await fetch(`${sandbox.url}${MRS}`);
    assert.equal(third.status, 200);
    assert.match(third.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await third.text(), /<!DOCTYPE html>/);
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 200);
  });

  it("repeats a fault `times` times and clearFaults removes the rest", async () => {
    sandbox.inject({ fault: { kind: "status", status: 503 }, times: Number.POSITIVE_INFINITY });
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 503);
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 503);
    sandbox.clearFaults();
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 200);
  });

  it("drops the connection without a response", async () => {
    sandbox.inject({ fault: { kind: "drop" } });
    const dropped = await rawGet(`${sandbox.url}${MRS}`);
    assert.equal(dropped.outcome, "error");
    assert.equal(sandbox.requests[0]?.status, 0, "logged without a status");
    sandbox.inject({ fault: { kind: "drop" } });
    await assert.rejects(fetch(`${sandbox.url}${MRS}`), TypeError);
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 200);
  });

  it("truncates: content-length promises more than the body delivers", async () => {
    sandbox.inject({ fault: { kind: "truncate" } });
    const cut = await rawGet(`${sandbox.url}${MRS}?per_page=30`);
    assert.equal(cut.status, 200);
    assert.equal(cut.outcome, "aborted");
    assert.ok(cut.bytes > 0);
    const whole = await rawGet(`${sandbox.url}${MRS}?per_page=30`);
    assert.equal(whole.outcome, "complete");
    assert.ok(whole.bytes > cut.bytes);
  });

  it("delays slow responses and adds latency to every response", async () => {
    sandbox.inject({ fault: { kind: "slow", delayMs: 300 } });
    let started = Date.now();
    assert.equal((await fetch(`${sandbox.url}${MRS}`)).status, 200);
    assert.ok(Date.now() - started >= 290, "slow fault waited");
    sandbox.setLatency(200);
    started = Date.now();
    await fetch(`${sandbox.url}/api/v4/version`);
    assert.ok(Date.now() - started >= 190, "latency waited");
  });

  it("hangs until close(), and close() still returns", async () => {
    sandbox.inject({ fault: { kind: "hang" } });
    const pending = rawGet(`${sandbox.url}${MRS}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sandbox.requests.length, 1);
    await sandbox.close();
    const outcome = await pending;
    assert.notEqual(outcome.outcome, "complete");
  });

  it("logs every request with its query but never a token value", async () => {
    await fetch(`${sandbox.url}${MRS}?state=merged&private_token=glpat-secret-value`);
    await fetch(`${sandbox.url}${MRS}?state=opened`, { headers: { Authorization: "Bearer glpat-other-secret" } });
    await fetch(`${sandbox.url}${MRS}?state=all`);
    assert.deepEqual(
      sandbox.requests.map((r) => [r.method, r.path, r.query.state, r.status, r.authenticated]),
      [
        ["GET", MRS, "merged", 200, true],
        ["GET", MRS, "opened", 200, true],
        ["GET", MRS, "all", 200, false],
      ],
    );
    assert.ok(!JSON.stringify(sandbox.requests).includes("secret"));
  });
});

describe("list faults and one project's MR", () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ world: world() });
  });
  afterEach(() => sandbox.close());

  it("empty_list answers 200 [] with an empty listing's headers; short_list keeps the headers", async () => {
    sandbox.inject({ fault: { kind: "empty_list" } });
    const empty = await fetch(`${sandbox.url}${MRS}?per_page=10`);
    assert.deepEqual(await empty.json(), []);
    assert.equal(empty.headers.get("x-total"), "0");
    assert.equal(empty.headers.get("x-next-page"), "");
    assert.doesNotMatch(empty.headers.get("link") ?? "", /rel="next"/);
    sandbox.inject({ fault: { kind: "short_list", keep: 3 } });
    const short = await fetch(`${sandbox.url}${MRS}?per_page=10`);
    assert.equal(((await short.json()) as unknown[]).length, 3);
    assert.equal(short.headers.get("x-total"), "30");
    assert.match(short.headers.get("link") ?? "", /rel="next"/);
  });

  it("null_fields breaks the records it names, and only those", async () => {
    sandbox.inject({ fault: { kind: "null_fields", records: [{ at: 1, null: ["author"], missing: ["merged_at"] }] } });
    const records = (await (await fetch(`${sandbox.url}${MRS}`)).json()) as Array<Record<string, unknown>>;
    assert.equal(records[1]?.author, null);
    assert.ok(!("merged_at" in (records[1] ?? {})));
    assert.notEqual(records[0]?.author, null);
  });

  it("GET /projects/:id/merge_requests/:iid answers one MR by project id or path, 404 otherwise", async () => {
    const mr = sandbox.world.mergeRequests[0];
    assert.ok(mr);
    const byId = await fetch(`${sandbox.url}/api/v4/projects/${mr.project_id}/merge_requests/${mr.iid}`);
    assert.equal(((await byId.json()) as { id: number }).id, mr.id);
    const byPath = await fetch(`${sandbox.url}/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/${mr.iid}`);
    assert.equal(byPath.status, 200);
    const missing = await fetch(`${sandbox.url}/api/v4/projects/${mr.project_id}/merge_requests/99999`);
    assert.equal(missing.status, 404);
  });
});
