/**
 * Answers that used to wedge or blind the sync (issue 13, items 3, 4 and 6): a future `updated_at`, pagination that
 * never ends, bodies with no size limit, a sync with no deadline. The real GitLab client against the sandbox: each
 * time the source ends with a clear error (or the cursor stays sane), the other sources sync, and the sync ends.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { type FaultHarness, NOW, startFaultHarness } from "./gitlab-fault-harness.js";

const MRS = /\/groups\/gitlab-org\/merge_requests$/;
const DAY_MS = 86_400_000;

const source = (summary: SyncSummary, name: string) => summary.sources.find((s) => s.source === name);
const sourceError = (summary: SyncSummary, name: string): string => source(summary, name)?.error ?? "";

describe("answers that must not wedge the sync", () => {
  let h: FaultHarness;
  before(async () => {
    // the size-limit tests stream 32+ MiB through gunzip before the limit trips: on a loaded machine that took
    // over 2 s, and a timeout (per request, or the 1.5 s overall budget) then hid the answer under test. No test
    // here waits for a timeout.
    h = await startFaultHarness({ requestTimeoutMs: 30_000, maxTotalMs: 30_000 });
  });
  after(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sandbox.clearFaults();
    h.sandbox.setLatency(0);
  });

  /** Requests to the gitlab-org MR list sent by `run`. */
  const mrRequestsDuring = async (run: () => Promise<SyncSummary>) => {
    const before = h.sandbox.requests.length;
    const summary = await run();
    return { summary, requests: h.sandbox.requests.slice(before).filter((r) => MRS.test(r.path)).length };
  };

  it("a future updated_at never moves the cursor past the sync's start: MRs merged afterwards are still fetched", async () => {
    const inAMonth = new Date(NOW.getTime() + 30 * DAY_MS).toISOString();
    h.sandbox.inject({ fault: { kind: "future_timestamp", updatedAt: inAMonth }, path: MRS, times: 1 });
    // the incremental window is empty after the baseline: bring one MR into it so the fault has a record to date
    h.mergeCommunityMr(h.lastSyncAt().getTime() + 30 * 60_000);
    const dated = await h.sync();
    assert.ok(dated.ok, JSON.stringify(dated.sources));
    const cursor = (await h.store.cursors())["merge_requests:gitlab-org"] ?? 0;
    assert.ok(cursor <= h.lastSyncAt().getTime(), `cursor ${new Date(cursor).toISOString()} is not after the sync`);

    const merged = h.mergeCommunityMr(h.lastSyncAt().getTime() + 20 * 60_000);
    const next = await h.sync();
    assert.ok(next.ok, JSON.stringify(next.sources));
    assert.ok(
      (await h.store.mergeRequests()).some((mr) => mr.id === merged.id),
      "the MR merged after the future-dated one was fetched",
    );
  });

  /** `n` labelled merged MRs in gitlab-org updated after the last sync: the next incremental listing has pages. */
  const mergeMore = (n: number) => {
    for (let i = 1; i <= n; i++) h.mergeCommunityMr(h.lastSyncAt().getTime() + i * 1000);
  };

  // the crawl asks for page 1 of a narrower window each time (src/gitlab/sync-source.ts), so a next-page link that
  // loops shows as a window's page that links on though it is not full, or as one past the pages GitLab announced
  const loops = {
    next_is_first: /a page held \d+ of 100 records yet linked to another/,
    next_page_always_2: /a page held \d+ of 100 records yet linked to another/,
    past_total_pages: /GitLab announced 1 page \(x-total-pages\) but page 1 links to another/,
  };
  for (const [style, expected] of Object.entries(loops) as Array<[keyof typeof loops, RegExp]>) {
    it(`pagination that never ends (${style}) ends that source with a clear error; the others sync`, async () => {
      mergeMore(120);
      h.sandbox.inject({ fault: { kind: "loop_links", style }, path: MRS, times: Infinity });
      const { summary, requests } = await mrRequestsDuring(() => h.sync());
      assert.equal(summary.ok, false, "the sync reports the failed source (sync exits 1)");
      const error = sourceError(summary, "merge_requests:gitlab-org");
      assert.match(error, /GET groups\/gitlab-org\/merge_requests do not add up/);
      assert.match(error, expected);
      assert.ok(requests <= 3, `${requests} requests for a looping listing`);
      assert.equal(sourceError(summary, "merge_requests:gitlab-com"), "", "the other group still synced");
      assert.equal(sourceError(summary, "issues:gitlab-com"), "");
      assert.equal(source(summary, "issues:gitlab-com")?.skipped, undefined);
    });
  }

  it("a gzip bomb (300 MB from a few hundred KB) is refused once it passes the limit, not read into memory", async () => {
    h.sandbox.inject({ fault: { kind: "gzip_bomb", expandsTo: 300_000_000 }, path: MRS, times: Infinity });
    const { summary, requests } = await mrRequestsDuring(() => h.sync());
    assert.equal(summary.ok, false);
    const error = sourceError(summary, "merge_requests:gitlab-org");
    assert.match(error, /answer to GET groups\/gitlab-org\/merge_requests .*is too large/);
    assert.match(error, /past 32 MiB once decompressed/);
    assert.equal(requests, 1, "the same request would get the same answer: not retried");
    assert.equal(sourceError(summary, "merge_requests:gitlab-com"), "");
  });

  it("a body announcing more than the limit is refused unread; one without content-length stops at the limit", async () => {
    h.sandbox.inject({ fault: { kind: "huge_body", bytes: 64 << 20 }, path: MRS, times: 1 });
    const announced = await h.sync();
    assert.match(sourceError(announced, "merge_requests:gitlab-org"), /too large \(it announces 64 MiB/);

    h.sandbox.inject({ fault: { kind: "huge_body", bytes: 48 << 20, chunked: true }, path: MRS, times: 1 });
    const streamed = await h.sync();
    assert.match(sourceError(streamed, "merge_requests:gitlab-org"), /too large \(it grew past 32 MiB, the most/);
    assert.equal(sourceError(streamed, "merge_requests:gitlab-com"), "");
  });

  it("one deadline for the whole sync: a slow GitLab ends it naming SYNC_DEADLINE_MS; the rest is skipped", async () => {
    h.sandbox.setLatency(150);
    const summary = await h.sync({ deadlineMs: 400 });
    assert.equal(summary.ok, false);
    const failed = summary.sources.find((s) => s.error !== undefined && !s.skipped);
    assert.ok(failed, JSON.stringify(summary.sources));
    assert.match(failed.error ?? "", /reached its deadline \(SYNC_DEADLINE_MS=400, 0\.4 s\) at GET /);
    const after = summary.sources.slice(summary.sources.indexOf(failed) + 1);
    assert.ok(after.length > 0 && after.every((s) => s.skipped === true && s.requests === 0));
  });
});
