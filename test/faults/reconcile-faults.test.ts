/**
 * Reconcile deletes only what GitLab confirms (issue 13 item 5): a daily reconcile that got `200 []` after a label
 * rename used to delete 103 of 223 MRs, and the pace check then posted a false "behind". Now an empty, cut-short or
 * incomplete listing acts on nothing; a stored MR missing from the listing is dropped only when GitLab, asked for
 * that MR, answers 404 or shows it without the label; and the automatic reconcile drops no more than its share of
 * the stored MRs without saying so loudly. The real GitLab client against the sandbox, one fresh sandbox a test.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  RECONCILE_MAX_DROP_SHARE,
  reconcileDropLimit,
  reconcileWindowStart,
} from "../../src/gitlab/sources/reconcile-merge-requests.js";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { deleteMergeRequest, setMergeRequestLabels } from "../../src/sandbox/world.js";
import { formatSyncSummary } from "../../src/text/sync-text.js";
import { type FaultHarness, NOW, startFaultHarness } from "./gitlab-fault-harness.js";

const MRS = /\/groups\/gitlab-org\/merge_requests$/;
const ONE_MR = /\/projects\/\d+\/merge_requests\/\d+$/;
const SOURCE = "merge_requests:gitlab-org";

const orgSource = (summary: SyncSummary) => {
  const found = summary.sources.find((s) => s.source === SOURCE);
  assert.ok(found);
  return found;
};

describe("reconcile acts only on what GitLab confirms", () => {
  let h: FaultHarness;
  let stored: number;
  beforeEach(async () => {
    h = await startFaultHarness();
    stored = await h.store.mergeRequestCount("gitlab-org");
    assert.ok(stored > 200, `${stored} MRs stored`);
  });
  afterEach(async () => {
    await h.close();
  });

  /** Stored gitlab-org MRs merged in the reconcile window, oldest id first. */
  const inWindow = () =>
    h.store.mergeRequestRefsMergedBetween(
      "gitlab-org",
      reconcileWindowStart(new Date(h.lastSyncAt().getTime() + 3_600_000)),
      Number.MAX_SAFE_INTEGER,
    );

  const perMrRequestsDuring = async (run: () => Promise<SyncSummary>) => {
    const before = h.sandbox.requests.length;
    const summary = await run();
    return { summary, checks: h.sandbox.requests.slice(before).filter((r) => ONE_MR.test(r.path)).length };
  };

  it("200 [] (a renamed label) drops nothing, and says so in the summary and the log", async () => {
    h.sandbox.inject({ fault: { kind: "empty_list" }, path: MRS, times: Infinity });
    for (const reconcile of [true, "auto"] as const) {
      if (reconcile === "auto")
        await h.store.setMeta("reconciled_at:gitlab-org", new Date(NOW.getTime() - 2 * 86_400_000).toISOString());
      const summary = await h.sync({ reconcile });
      assert.equal(summary.totals.removed, 0);
      assert.equal(await h.store.mergeRequestCount("gitlab-org"), stored, "every stored MR is still there");
      assert.match(
        orgSource(summary).warning ?? "",
        /^reconcile dropped nothing: GitLab listed no MRs labelled "Community contribution" since \d{4}-\d\d-\d\d while \d+ are stored \(a renamed label\? then set COMMUNITY_LABEL\)$/,
      );
      assert.match(formatSyncSummary(summary), /⚠ reconcile dropped nothing: GitLab listed no MRs/);
    }
    assert.ok(h.log.entries().some((e) => e.level === 40 && String(e.msg).startsWith("reconcile dropped nothing")));
  });

  it("a listing cut short (pages of 50 that link on) drops nothing", async () => {
    h.sandbox.inject({ fault: { kind: "short_list", keep: 50 }, path: MRS, times: Infinity });
    const { summary, checks } = await perMrRequestsDuring(() => h.sync({ reconcile: true }));
    assert.equal(summary.totals.removed, 0);
    assert.equal(await h.store.mergeRequestCount("gitlab-org"), stored);
    assert.match(orgSource(summary).warning ?? "", /page 1 held 50 of 100 MRs yet linked to another/);
    assert.equal(checks, 0, "nothing was acted on");
  });

  it("a listing that loops ends the source with an error and drops nothing", async () => {
    h.sandbox.inject({ fault: { kind: "loop_links", style: "next_is_first" }, path: MRS, times: Infinity });
    const summary = await h.sync({ reconcile: true });
    assert.equal(summary.ok, false);
    assert.match(orgSource(summary).error ?? "", /do not add up/);
    assert.equal(await h.store.mergeRequestCount("gitlab-org"), stored);
  });

  it("an MR missing from the listing but still labelled when asked for is kept", async () => {
    h.sandbox.inject({ fault: { kind: "null_fields", records: [{ at: 50, missing: ["id"] }] }, path: MRS, times: 2 });
    const { summary, checks } = await perMrRequestsDuring(() => h.sync({ reconcile: true }));
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    assert.ok(checks >= 1, "the missing MR was asked for by itself");
    assert.equal(summary.totals.removed, 0);
    assert.equal(await h.store.mergeRequestCount("gitlab-org"), stored);
  });

  it("a removed label and a deleted MR are dropped, each confirmed by GitLab and logged", async () => {
    const [unlabelled, deleted] = await inWindow();
    assert.ok(unlabelled && deleted);
    const at = new Date(h.lastSyncAt().getTime() + 60_000);
    setMergeRequestLabels(h.sandbox.world, unlabelled.id, ["backend"], at);
    deleteMergeRequest(h.sandbox.world, deleted.id);
    const { summary, checks } = await perMrRequestsDuring(() => h.sync({ reconcile: "auto" }));
    assert.equal(summary.totals.removed, 0, "not due yet: reconciled less than a day ago");
    assert.equal(checks, 0);
    await h.store.setMeta("reconciled_at:gitlab-org", new Date(NOW.getTime() - 2 * 86_400_000).toISOString());
    const due = await perMrRequestsDuring(() => h.sync({ reconcile: "auto" }));
    assert.ok(due.summary.ok, JSON.stringify(due.summary.sources));
    assert.equal(due.summary.totals.removed, 2);
    assert.equal(due.checks, 2, "one request per candidate");
    assert.equal(orgSource(due.summary).warning, undefined);
    assert.match(orgSource(due.summary).note ?? "", /2 missing from the list, 2 dropped as GitLab confirmed/);
    const ids = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    assert.ok(!ids.has(unlabelled.id) && !ids.has(deleted.id));
    const drops = h.log.entries().filter((e) => e.msg === "reconcile dropped an MR");
    assert.deepEqual(
      drops.map((e) => [e.id, e.why]).sort(),
      [
        [unlabelled.id, 'label "Community contribution" removed'],
        [deleted.id, "GitLab answers 404 (deleted or out of sight)"],
      ].sort(),
    );
  });

  it("more missing than its share: the daily reconcile drops nothing, loudly; sync --reconcile drops them, loudly", async () => {
    const limit = reconcileDropLimit(stored);
    assert.equal(limit, Math.floor(stored * RECONCILE_MAX_DROP_SHARE));
    const unlabel = (await inWindow()).slice(0, limit + 3);
    const at = new Date(h.lastSyncAt().getTime() + 60_000);
    for (const mr of unlabel) setMergeRequestLabels(h.sandbox.world, mr.id, [], at);
    await h.store.setMeta("reconciled_at:gitlab-org", new Date(NOW.getTime() - 2 * 86_400_000).toISOString());

    const daily = await perMrRequestsDuring(() => h.sync({ reconcile: "auto" }));
    assert.equal(daily.summary.totals.removed, 0);
    assert.equal(await h.store.mergeRequestCount("gitlab-org"), stored);
    assert.equal(daily.checks, 0);
    assert.equal(
      orgSource(daily.summary).warning,
      `reconcile dropped nothing: ${unlabel.length} stored MRs since ${new Date(inWindowStart(h)).toISOString().slice(0, 10)} are missing from GitLab's list, more than the ${limit} (5 % of the ${stored} stored) one automatic reconcile drops; if the label was renamed, set COMMUNITY_LABEL, otherwise run \`engagement-bot sync --reconcile\` to check them one by one`,
    );

    const asked = await perMrRequestsDuring(() => h.sync({ reconcile: true }));
    assert.equal(asked.summary.totals.removed, unlabel.length);
    assert.equal(asked.checks, unlabel.length);
    assert.match(
      orgSource(asked.summary).warning ?? "",
      new RegExp(`^reconcile dropped ${unlabel.length} MRs, more than the ${limit} \\(5 % of the ${stored} stored\\)`),
    );
    assert.ok(
      h.log
        .entries()
        .some((e) => e.level === 40 && String(e.msg).startsWith(`reconcile dropped ${unlabel.length} MRs`)),
    );
  });
});

/** The window the next sync reconciles from. */
function inWindowStart(h: FaultHarness): number {
  return reconcileWindowStart(new Date(h.lastSyncAt().getTime()));
}
