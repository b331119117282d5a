/**
 * One bad record must not wedge the sync (issue 13 item 2): an MR with `author: null`, without `merged_at`, `labels`
 * or `author.id`, an issue without an author, used to throw and lose the whole source, every sync. Now each is
 * skipped, counted and named (source, id, what was wrong) in the summary and the log, and the rest of its page is
 * stored. The real GitLab client against the sandbox.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { addIssue } from "../../src/sandbox/world.js";
import { formatSyncSummary } from "../../src/text/sync-text.js";
import { type FaultHarness, startFaultHarness } from "./gitlab-fault-harness.js";

const MRS = /\/groups\/gitlab-org\/merge_requests$/;
const ISSUES = /\/groups\/gitlab-com\/issues$/;

const source = (summary: SyncSummary, name: string) => {
  const found = summary.sources.find((s) => s.source === name);
  assert.ok(found, `no source ${name}`);
  return found;
};

describe("malformed records in GitLab's lists", () => {
  let h: FaultHarness;
  before(async () => {
    h = await startFaultHarness();
  });
  after(async () => {
    await h.close();
  });
  afterEach(() => h.sandbox.clearFaults());

  it("MRs with author: null, without merged_at, labels or author.id are skipped and named; the rest is stored", async () => {
    const added = Array.from({ length: 30 }, (_, i) => h.mergeCommunityMr(h.lastSyncAt().getTime() + (i + 1) * 1000));
    h.sandbox.inject({
      fault: {
        kind: "null_fields",
        records: [
          { at: 0, null: ["author"] },
          { at: 1, missing: ["merged_at"] },
          { at: 2, missing: ["labels"] },
          { at: 3, missing: ["author.id"] },
        ],
      },
      path: MRS,
      times: 1,
    });
    const summary = await h.sync();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const mrs = source(summary, "merge_requests:gitlab-org");
    assert.equal(mrs.malformed?.count, 4);
    assert.deepEqual(
      mrs.malformed?.examples.map((m) => m.problem),
      ["author is null", "merged_at is missing", "labels is missing", "author.id is missing"],
    );
    const skippedIds = new Set(mrs.malformed?.examples.map((m) => Number(m.id)));
    assert.equal(skippedIds.size, 4, "each skipped record is named by its GitLab id");
    const stored = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    for (const mr of added) {
      if (!skippedIds.has(mr.id)) assert.ok(stored.has(mr.id), `MR ${mr.id} on the same page was stored`);
    }
    assert.equal(source(summary, "merge_requests:gitlab-com").error, undefined, "the other sources synced");
    assert.equal(source(summary, "issues:gitlab-com").error, undefined);

    const text = formatSyncSummary(summary);
    assert.match(
      text,
      /⚠ 4 malformed records skipped, the rest stored: \d+ \(author is null\), \d+ \(merged_at is missing\)/,
    );
    const logged = h.log.entries().filter((line) => String(line.msg).startsWith("GitLab record skipped"));
    assert.deepEqual(
      logged.map((line) => [line.source, line.problem]),
      [
        ["merge_requests:gitlab-org", "author is null"],
        ["merge_requests:gitlab-org", "merged_at is missing"],
        ["merge_requests:gitlab-org", "labels is missing"],
        ["merge_requests:gitlab-org", "author.id is missing"],
      ],
    );
    assert.ok(
      logged.every((line) => skippedIds.has(Number(line.id))),
      "each log line names the record's id",
    );

    // nothing wedged: the next sync is clean, and the cursor's overlap re-reads the (now whole) records
    const next = await h.sync();
    assert.ok(next.ok, JSON.stringify(next.sources));
    assert.equal(source(next, "merge_requests:gitlab-org").malformed, undefined);
    const now = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    assert.ok(
      added.every((mr) => now.has(mr.id)),
      "every MR is stored once GitLab sends it whole",
    );
  });

  it("an issue without an author or a date is skipped; the other labelled issues of the page are stored", async () => {
    const world = h.sandbox.world;
    const project = world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-com/"));
    const author = world.users[0];
    assert.ok(project && author);
    const at = new Date(h.lastSyncAt().getTime() + 60_000).toISOString();
    const issues = Array.from({ length: 5 }, () =>
      addIssue(world, {
        project_id: project.id,
        author,
        labels: [h.config.engagementLabel],
        created_at: at,
        updated_at: at,
      }),
    );
    h.sandbox.inject({
      fault: {
        kind: "null_fields",
        records: [
          { at: 0, null: ["author"] },
          { at: 1, missing: ["created_at"] },
        ],
      },
      path: ISSUES,
      times: 1,
    });
    const summary = await h.sync();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const listed = source(summary, "issues:gitlab-com");
    assert.deepEqual(
      listed.malformed?.examples.map((m) => m.problem),
      ["author is null", "created_at is missing"],
    );
    const skipped = new Set(listed.malformed?.examples.map((m) => Number(m.id)));
    const stored = new Set((await h.store.labelledItems()).map((item) => item.id));
    const rest = issues.filter((issue) => !skipped.has(issue.id));
    assert.ok(rest.length >= 3 && rest.every((issue) => stored.has(issue.id)));
  });
});
