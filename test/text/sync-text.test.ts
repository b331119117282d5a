import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SourceSummary, SyncSummary } from "../../src/model/sync-summary.js";
import { formatSyncSummary, syncProgressLine } from "../../src/text/sync-text.js";

const source = (overrides: Partial<SourceSummary> = {}): SourceSummary => ({
  source: "merge_requests:gitlab-org",
  pages: 1,
  requests: 2,
  fetched: 100,
  stored: 98,
  removed: 0,
  ...overrides,
});

describe("syncProgressLine", () => {
  it("says a source started, how far it got, and how it ended", () => {
    assert.equal(syncProgressLine({ kind: "start", source: "issues:gitlab-com" }), "… issues:gitlab-com: starting");
    assert.equal(
      syncProgressLine({ kind: "page", source: "issues:gitlab-com", pages: 3, fetched: 250, stored: 240 }),
      "… issues:gitlab-com: 3 pages, 250 fetched, 240 stored",
    );
    const done = (summary: SourceSummary) => syncProgressLine({ kind: "done", source: summary.source, summary });
    assert.equal(
      done(source({ removed: 2 })),
      "✓ merge_requests:gitlab-org: 1 page, 100 fetched, 98 stored, 2 removed",
    );
    assert.equal(
      done(source({ error: "502" })),
      "✗ merge_requests:gitlab-org: 1 page, 100 fetched, 98 stored — failed: 502",
    );
    assert.equal(done(source({ skipped: true, error: "down" })), "– merge_requests:gitlab-org: skipped (same reason)");
    assert.equal(
      done(source({ mergedWithoutMergedAt: { count: 3, examples: ["https://gitlab.com/g/p/-/merge_requests/1"] } })),
      "✓ merge_requests:gitlab-org: 1 page, 100 fetched, 98 stored, 3 merged without merged_at not counted",
    );
  });
});

describe("formatSyncSummary", () => {
  it("heads with the run and lists every source with its requests", () => {
    const summary: SyncSummary = {
      runId: 7,
      startedAt: "2026-11-15T10:00:00.000Z",
      finishedAt: "2026-11-15T10:00:01.500Z",
      ok: true,
      sources: [source({ note: "reconciled" })],
      totals: { pages: 1, requests: 2, fetched: 100, stored: 98, removed: 0 },
    };
    assert.equal(
      formatSyncSummary(summary),
      [
        "Sync #7 finished in 1.5 s",
        "  ✓ merge_requests:gitlab-org: 1 page, 2 requests, 100 fetched, 98 stored  (reconciled)",
        "  total: 2 requests, 100 fetched, 98 stored, 0 removed",
      ].join("\n"),
    );
  });
});

describe("formatSyncSummary: what a person should look at", () => {
  it("names the malformed records a source skipped and says its warning, under its line", () => {
    const summary: SyncSummary = {
      runId: 8,
      startedAt: "2026-11-15T10:00:00.000Z",
      finishedAt: "2026-11-15T10:00:01.000Z",
      ok: true,
      sources: [
        source({
          malformed: {
            count: 7,
            examples: [
              { id: "1234", problem: "author is null" },
              { id: "99", problem: "merged_at is missing" },
            ],
          },
          warning: "reconcile dropped nothing: GitLab listed no MRs",
        }),
      ],
      totals: { pages: 1, requests: 2, fetched: 100, stored: 98, removed: 0 },
    };
    const lines = formatSyncSummary(summary).split("\n");
    assert.equal(
      lines[2],
      "      ⚠ 7 malformed records skipped, the rest stored: 1234 (author is null), 99 (merged_at is missing), …",
    );
    assert.equal(lines[3], "      ⚠ reconcile dropped nothing: GitLab listed no MRs");
    const done = syncProgressLine({
      kind: "done",
      source: "merge_requests:gitlab-org",
      summary: summary.sources[0] as SourceSummary,
    });
    assert.match(done, /98 stored, 7 malformed skipped ⚠ see the summary$/);
  });

  it("says how many merged MRs came without merged_at and were not counted, naming the first few", () => {
    const urls = [
      "https://gitlab.com/gitlab-org/a/-/merge_requests/1",
      "https://gitlab.com/gitlab-org/b/-/merge_requests/2",
    ];
    const summary: SyncSummary = {
      runId: 9,
      startedAt: "2026-11-15T10:00:00.000Z",
      finishedAt: "2026-11-15T10:00:01.000Z",
      ok: true,
      sources: [source({ mergedWithoutMergedAt: { count: 6, examples: urls } })],
      totals: { pages: 1, requests: 2, fetched: 100, stored: 98, removed: 0 },
    };
    assert.equal(
      formatSyncSummary(summary).split("\n")[2],
      `      ⚠ 6 merged MRs without merged_at, not counted: ${urls[0]}, ${urls[1]}, …`,
    );
  });
});
