/**
 * GitLab misbehaving (issue 7 item 2): malformed JSON, a truncated body, an HTML page with status 200, a hanging
 * connection and a 401. Each time the failing source reports an actionable error, the other sources sync, the store
 * keeps its last good data (nothing half-written, no garbage), and the next clean sync recovers.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { failedSources } from "../../src/gitlab/sync.js";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { formatSyncSummary } from "../../src/text/sync-text.js";
import { type FaultHarness, GITLAB_TOKEN, startFaultHarness } from "./gitlab-fault-harness.js";

const MRS = /\/groups\/gitlab-org\/merge_requests$/;
const EPIC = /\/groups\/gitlab-com\/epics\/1795$/;

const sourceError = (summary: SyncSummary, source: string): string =>
  summary.sources.find((s) => s.source === source)?.error ?? "";

/** Every source after `failed` was skipped, each with the same reason. */
function assertRestSkipped(summary: SyncSummary, failed: string, reason: string): void {
  const index = summary.sources.findIndex((s) => s.source === failed);
  const rest = summary.sources.slice(index + 1);
  assert.ok(rest.length > 0);
  for (const s of rest) {
    assert.equal(s.skipped, true, `${s.source} was skipped`);
    assert.equal(s.error, reason, `${s.source} has the same reason`);
    assert.equal(s.requests, 0, `${s.source} sent nothing`);
  }
}

describe("sync against a misbehaving GitLab", () => {
  let h: FaultHarness;
  let baseline: unknown;
  let dataAsOf: string | null;
  before(async () => {
    h = await startFaultHarness({ requestTimeoutMs: 400 });
    baseline = await h.state();
    dataAsOf = await h.store.lastSuccessfulSyncAt();
  });
  after(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sandbox.clearFaults();
  });

  /** The failed sync left the store as it was, and a clean sync afterwards succeeds. */
  const assertStoreKeptAndRecovers = async () => {
    assert.deepEqual(await h.state(), baseline, "the store keeps its last good data");
    assert.equal(await h.store.lastSuccessfulSyncAt(), dataAsOf, "dataAsOf still names the last good sync");
    h.sandbox.clearFaults();
    const clean = await h.sync();
    assert.ok(clean.ok, JSON.stringify(clean.sources));
    assert.deepEqual(await h.state(), baseline);
    dataAsOf = await h.store.lastSuccessfulSyncAt();
  };

  it("malformed JSON (status 200): the source fails naming the endpoint, the others sync", async () => {
    h.sandbox.inject({
      fault: { kind: "status", status: 200, body: '[{"id": 1, "iid": ', contentType: "application/json" },
      path: MRS,
      times: Infinity,
    });
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /GET groups\/gitlab-org\/merge_requests/);
    assert.match(error, /JSON/i);
    assert.equal(sourceError(summary, "merge_requests:gitlab-com"), "", "the other group still synced");
    assert.equal(sourceError(summary, "issues:gitlab-com"), "");
    await assertStoreKeptAndRecovers();
  });

  it("a truncated body once is retried transparently; every time, it fails within the budget", async () => {
    h.sandbox.inject({ fault: { kind: "truncate" }, path: MRS, times: 1 });
    const once = await h.sync();
    assert.ok(once.ok, JSON.stringify(once.sources));
    assert.deepEqual(await h.state(), baseline);
    dataAsOf = await h.store.lastSuccessfulSyncAt();

    h.sandbox.inject({ fault: { kind: "truncate" }, path: MRS, times: Infinity });
    const always = await h.sync();
    assert.equal(always.ok, false);
    assert.match(sourceError(always, "merge_requests:gitlab-org"), /failed after \d+ attempts/);
    await assertStoreKeptAndRecovers();
  });

  it("an HTML page with status 200 (proxy or sign-in page) fails at once with a hint about GITLAB_URL", async () => {
    h.sandbox.inject({ fault: { kind: "status", status: 200, contentType: "text/html" }, path: MRS, times: Infinity });
    const requestsBefore = h.sandbox.requests.length;
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /HTML/);
    assert.match(error, /GITLAB_URL/);
    const htmlAnswers = h.sandbox.requests.slice(requestsBefore).filter((r) => MRS.test(r.path));
    assert.equal(htmlAnswers.length, 1, "an HTML page is not worth retrying");
    await assertStoreKeptAndRecovers();
  });

  it("a configured epic answered with a JSON body that is not an epic is a source error, not a crash", async () => {
    h.sandbox.inject({ fault: { kind: "status", status: 200, body: '{"message":"moved"}' }, path: EPIC, times: 1 });
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    assert.match(sourceError(summary, "configured_epics"), /gitlab-com&1795: .*not an epic/);
    await assertStoreKeptAndRecovers();
  });

  it("an HTML page instead of a configured epic never stores a garbage epic", async () => {
    h.sandbox.inject({ fault: { kind: "status", status: 200, contentType: "text/html" }, path: EPIC, times: Infinity });
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    assert.match(sourceError(summary, "configured_epics"), /gitlab-com&1795/);
    assert.match(sourceError(summary, "configured_epics"), /HTML/);
    assert.equal(sourceError(summary, "merge_requests:gitlab-org"), "");
    await assertStoreKeptAndRecovers();
  });

  it("a hanging connection times out, is retried within the budget, then fails with 'timed out'; the rest is skipped", async () => {
    h.sandbox.inject({ fault: { kind: "hang" }, path: MRS, times: Infinity });
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /timed out/);
    assertRestSkipped(summary, "merge_requests:gitlab-org", error);
    await assertStoreKeptAndRecovers();
  });

  it("5xx to everything: the first source gives up, every later source is skipped with the same reason", async () => {
    h.sandbox.inject({ fault: { kind: "status", status: 500 }, times: Infinity });
    const requestsBefore = h.sandbox.requests.length;
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(
      error,
      /GitLab request GET groups\/gitlab-org\/merge_requests .*failed after \d+ attempts .*status 500/,
    );
    assertRestSkipped(summary, "merge_requests:gitlab-org", error);
    const paths = new Set(h.sandbox.requests.slice(requestsBefore).map((r) => r.path));
    assert.deepEqual([...paths], ["/api/v4/groups/gitlab-org/merge_requests"], "no later source asked GitLab");
    assert.deepEqual(failedSources(summary), [`merge_requests:gitlab-org: ${error}`, "4 other sources skipped"]);
    assert.match(formatSyncSummary(summary), /– issues:gitlab-com: skipped \(same reason\)/);
    await assertStoreKeptAndRecovers();
  });

  it("one retry budget for the whole sync: requests with a 10-minute budget each still end when the sync's is spent", {
    timeout: 60_000,
  }, async () => {
    h.sandbox.inject({ fault: { kind: "status", status: 503 }, times: Infinity });
    const summary = await h.sync({ requestBudgetMs: 600_000, retryBudgetMs: 300 });
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /status 503.*the sync's retry budget is spent/);
    assertRestSkipped(summary, "merge_requests:gitlab-org", error);
    await assertStoreKeptAndRecovers();
  });

  it("401 (bad token): one request per endpoint, no retry storm, a message naming GITLAB_TOKEN, no token in logs", async () => {
    h.sandbox.inject({
      fault: { kind: "status", status: 401, body: '{"message":"401 Unauthorized"}' },
      times: Infinity,
    });
    const requestsBefore = h.sandbox.requests.length;
    const summary = await h.sync();
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /GITLAB_TOKEN/);
    assert.match(error, /401/);
    const sent = h.sandbox.requests.slice(requestsBefore);
    const perPath = new Map<string, number>();
    for (const r of sent) perPath.set(r.path, (perPath.get(r.path) ?? 0) + 1);
    for (const [path, count] of perPath) assert.equal(count, 1, `${path} was requested ${count} times`);
    assert.ok(sent.length <= 8, `${sent.length} requests for a refused token`);
    assert.ok(!h.log.text().includes(GITLAB_TOKEN), "the token never reaches the log");

    // configured epics keep their last figures, marked unavailable with the reason; everything else is untouched
    const { epics, ...rest } = (await h.state()) as { epics: Array<Record<string, unknown>> };
    const { epics: baseEpics, ...baseRest } = baseline as { epics: Array<Record<string, unknown>> };
    assert.deepEqual(rest, baseRest);
    assert.equal(epics.length, baseEpics.length);
    for (const [i, epic] of epics.entries()) {
      assert.equal(epic.available, false);
      assert.match(String(epic.unavailableReason), /GITLAB_TOKEN/);
      assert.equal(epic.closedIssues, baseEpics[i]?.closedIssues);
      assert.equal(epic.totalIssues, baseEpics[i]?.totalIssues);
    }
    h.sandbox.clearFaults();
    const clean = await h.sync();
    assert.ok(clean.ok, JSON.stringify(clean.sources));
    assert.deepEqual(await h.state(), baseline, "a clean sync makes the epics available again");
  });
});
