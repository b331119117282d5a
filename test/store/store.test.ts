import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import type { EpicRecord, LabelledItem, MergedMr, UnmergedMr } from "../../src/model/records.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SCHEMA_VERSION, Store, StoreError } from "../../src/store/store.js";
import { openStoreAt, STORE_BACKENDS } from "../support/store-backends.js";

const root = mkdtempSync(join(tmpdir(), "store-test-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `nested-${++counter}`, "dir", "engagement.db");

const mr = (id: number, overrides: Partial<MergedMr> = {}): MergedMr => ({
  id,
  projectId: 10,
  projectPath: "gitlab-org/gitlab",
  iid: id * 2,
  groupPath: "gitlab-org",
  authorId: 100 + (id % 3),
  authorUsername: `user${id % 3}`,
  authorName: `User ${id % 3}`,
  mergedAtMs: Date.parse("2026-03-01T00:00:00Z") + id * 60_000,
  labels: ["Community contribution"],
  webUrl: `https://gitlab.com/gitlab-org/gitlab/-/merge_requests/${id * 2}`,
  title: `MR ${id}`,
  ...overrides,
});

test("open creates the directory, uses WAL and applies every migration; reopening is a no-op", async () => {
  const path = freshPath();
  const store = await Store.open(path);
  assert.ok(existsSync(path));
  assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
  await store.close();
  const again = await Store.open(path);
  assert.equal(await again.schemaVersion(), SCHEMA_VERSION);
  await again.close();
  const readonly = await Store.open(path, { readonly: true });
  assert.equal(await readonly.mergeRequestCount(), 0);
  await readonly.close();
  assert.ok(existsSync(`${path}-wal`) || existsSync(path));
});

test("readonly open of a missing database is a StoreError that says what to do", async () => {
  await assert.rejects(
    () => Store.open(join(root, "missing.db"), { readonly: true }),
    (e: unknown) => e instanceof StoreError && /engagement-bot sync/.test(e.message),
  );
});

test("migration 4 gives rows stored before it their project path, from their web_url", async () => {
  const path = freshPath();
  const store = await Store.open(path);
  await store.upsertMergeRequests([mr(1), mr(2)]);
  // as an older bot left them
  await sql`UPDATE merge_requests SET project_path = ''`.execute(store.connection);
  await sql`UPDATE merge_requests SET web_url = 'https://gitlab.example/gitlab-com/gl-infra/tools/-/merge_requests/9' WHERE id = 2`.execute(
    store.connection,
  );
  const migration = MIGRATIONS.find((m) => m.version === 4);
  assert.ok(migration);
  const update = migration.sql.slice(migration.sql.indexOf("UPDATE"));
  await sql.raw(update).execute(store.connection);
  assert.deepEqual(
    (await store.mergeRequests()).map((m) => m.projectPath),
    ["gitlab-org/gitlab", "gitlab-com/gl-infra/tools"],
  );
  await store.close();
});

for (const backend of STORE_BACKENDS) {
  describe(backend.name, () => {
    test("unmerged MRs upsert by id, keep their creation/update/close times, and leave when they merge", async () => {
      const store = await backend.openFresh();
      const open: UnmergedMr = {
        id: 7,
        projectId: 10,
        projectPath: "gitlab-org/gitlab",
        iid: 70,
        groupPath: "gitlab-org",
        authorId: 100,
        authorUsername: "user0",
        authorName: "User 0",
        state: "opened",
        createdAtMs: Date.parse("2026-10-01T00:00:00Z"),
        updatedAtMs: Date.parse("2026-10-02T00:00:00Z"),
        closedAtMs: null,
        labels: ["Community contribution", "automation:bot-authored"],
        webUrl: "https://gitlab.example/gitlab-org/gitlab/-/merge_requests/70",
        title: "open",
      };
      await store.upsertUnmergedMrs([
        open,
        { ...open, id: 8, state: "closed", closedAtMs: Date.parse("2026-10-03T00:00:00Z") },
      ]);
      await store.upsertUnmergedMrs([{ ...open, updatedAtMs: Date.parse("2026-10-05T00:00:00Z") }]);
      assert.equal(await store.unmergedMrCount(), 2);
      const rows = (await store.snapshot()).unmergedMrs.sort((a, b) => a.state.localeCompare(b.state));
      assert.deepEqual(rows, [
        {
          authorId: 100,
          username: "user0",
          projectId: 10,
          projectPath: "gitlab-org/gitlab",
          groupPath: "gitlab-org",
          communityLabel: true,
          botLabel: true,
          state: "closed",
          createdAtMs: open.createdAtMs,
          updatedAtMs: open.updatedAtMs,
          closedAtMs: Date.parse("2026-10-03T00:00:00Z"),
        },
        {
          authorId: 100,
          username: "user0",
          projectId: 10,
          projectPath: "gitlab-org/gitlab",
          groupPath: "gitlab-org",
          communityLabel: true,
          botLabel: true,
          state: "opened",
          createdAtMs: open.createdAtMs,
          updatedAtMs: Date.parse("2026-10-05T00:00:00Z"),
          closedAtMs: null,
        },
      ]);
      assert.equal(await store.deleteUnmergedMrs([7, 99]), 1);
      assert.equal(await store.unmergedMrCount(), 1);
      await store.close();
    });

    test("merge requests upsert by id, keep labels, and feed compact contributions", async () => {
      const store = await backend.openFresh();
      await store.upsertMergeRequests([
        mr(1),
        mr(2),
        mr(3, { labels: ["Community contribution", "1st contribution"] }),
      ]);
      await store.upsertMergeRequests([mr(2, { title: "renamed" })]);
      assert.equal(await store.mergeRequestCount(), 3);
      const rows = await store.mergeRequests();
      assert.equal(rows.find((r) => r.id === 2)?.title, "renamed");
      assert.deepEqual(rows.find((r) => r.id === 3)?.labels, ["Community contribution", "1st contribution"]);
      const contributions = await store.contributions();
      assert.equal(contributions.length, 3);
      const third = contributions.find((c) => c.mergedAtMs === mr(3).mergedAtMs);
      assert.deepEqual(third, {
        authorId: 100,
        username: "user0",
        name: "User 0",
        mergedAtMs: mr(3).mergedAtMs,
        firstContributionLabel: true,
        projectId: 10,
        projectPath: "gitlab-org/gitlab",
        groupPath: "gitlab-org",
        communityLabel: true,
        botLabel: false,
        // the fixture names no creation time
        createdAtMs: null,
      });
      assert.equal(contributions.filter((c) => c.firstContributionLabel).length, 1);
      // relabelling drops the flag again
      await store.upsertMergeRequests([mr(3)]);
      assert.equal((await store.contributions()).filter((c) => c.firstContributionLabel).length, 0);
      assert.equal(await store.deleteMergeRequests([1, 99]), 1);
      assert.equal(await store.mergeRequestCount(), 2);
      await store.close();
    });

    test("contributions say whether each row carries the labels asked about, by exact name", async () => {
      const store = await backend.openFresh();
      await store.upsertMergeRequests([
        mr(1, { labels: ["Community contribution", "automation:bot-authored"] }),
        mr(2, { labels: ["Community contribution", "automation:bot-authored-ish"] }),
        mr(3, { labels: ["Contribution"] }),
      ]);
      const flags = async (labels: { community: string; bot: string }) =>
        (await store.contributions(labels))
          .sort((a, b) => a.mergedAtMs - b.mergedAtMs)
          .map((c) => [c.communityLabel, c.botLabel]);
      assert.deepEqual(await flags({ community: "Community contribution", bot: "automation:bot-authored" }), [
        [true, true],
        [true, false],
        [false, false],
      ]);
      assert.deepEqual(await flags({ community: "Contribution", bot: "automation:bot-authored-ish" }), [
        [false, false],
        [false, true],
        [true, false],
      ]);
      await store.close();
    });

    test("reconcile window lists the MRs of one group merged in [from, to); counts by group", async () => {
      const store = await backend.openFresh();
      await store.upsertMergeRequests([mr(1), mr(2), mr(3, { groupPath: "gitlab-com" }), mr(4)]);
      const from = mr(2).mergedAtMs;
      const to = mr(4).mergedAtMs;
      const ids = async (group: string, fromMs: number, toMs: number) =>
        (await store.mergeRequestRefsMergedBetween(group, fromMs, toMs)).map((mr) => mr.id);
      assert.deepEqual(await ids("gitlab-org", from, to), [2]);
      assert.deepEqual(await ids("gitlab-com", 0, Number.MAX_SAFE_INTEGER), [3]);
      assert.equal(await store.mergeRequestCount("gitlab-org"), 3);
      assert.equal(await store.mergeRequestCount(), 4);
      await store.close();
    });

    test("labelled items filter by creation time, newest first, issues and epics in separate key spaces", async () => {
      const store = await backend.openFresh();
      const item = (id: number, kind: LabelledItem["kind"], createdAt: string): LabelledItem => ({
        id,
        kind,
        ref: kind === "issue" ? `gitlab-com/p#${id}` : `gitlab-com&${id}`,
        title: `item ${id}`,
        webUrl: `https://gitlab.com/x/${id}`,
        author: "alice",
        createdAt,
        state: "opened",
      });
      await store.upsertLabelledItems([
        item(1, "issue", "2026-03-01T00:00:00Z"),
        item(1, "epic", "2026-03-05T00:00:00Z"),
        item(2, "issue", "2026-03-10T00:00:00.000Z"),
      ]);
      await store.upsertLabelledItems([{ ...item(2, "issue", "2026-03-10T00:00:00.000Z"), state: "closed" }]);
      assert.equal((await store.labelledItems()).length, 3);
      const recent = await store.labelledItems(Date.parse("2026-03-04T00:00:00Z"));
      assert.deepEqual(
        recent.map((i) => [i.kind, i.id, i.state]),
        [
          ["issue", 2, "closed"],
          ["epic", 1, "opened"],
        ],
      );
      await store.close();
    });

    test("epics upsert by ref and come back in configuration order", async () => {
      const store = await backend.openFresh();
      const epic = (ref: string, available = true): EpicRecord => ({
        ref,
        title: `Epic ${ref}`,
        state: "opened",
        startDate: "2026-01-01",
        dueDate: null,
        webUrl: `https://gitlab.com/groups/x/-/epics/${ref}`,
        closedIssues: 3,
        totalIssues: 5,
        closedWeight: 8,
        totalWeight: 13,
        available,
        unavailableReason: available ? null : "403 Forbidden",
        syncedAt: "2026-03-01T00:00:00.000Z",
      });
      await store.upsertEpics([epic("a&1"), epic("b&2", false)]);
      await store.upsertEpics([{ ...epic("a&1"), closedIssues: 4 }]);
      assert.deepEqual(
        (await store.epics(["b&2", "missing&3", "a&1"])).map((e) => [e.ref, e.available, e.closedIssues]),
        [
          ["b&2", false, 3],
          ["a&1", true, 4],
        ],
      );
      assert.deepEqual((await store.epics())[1], epic("b&2", false));
      await store.close();
    });

    test("cursors only move forward", async () => {
      const store = await backend.openFresh();
      assert.equal(await store.getCursor("mr:gitlab-org"), null);
      await store.setCursor("mr:gitlab-org", 2000);
      await store.setCursor("mr:gitlab-org", 1000);
      assert.equal(await store.getCursor("mr:gitlab-org"), 2000);
      await store.setCursor("mr:gitlab-org", 3000);
      assert.deepEqual(await store.cursors(), { "mr:gitlab-org": 3000 });
      await store.close();
    });

    test("sync runs: dataAsOf is the last run that finished without error", async () => {
      const store = await backend.openFresh();
      assert.equal(await store.lastSuccessfulSyncAt(), null);
      const first = await store.startSyncRun(new Date("2026-03-01T10:00:00Z"));
      await store.finishSyncRun(first, { fetched: 10, error: null }, new Date("2026-03-01T10:01:00Z"));
      const second = await store.startSyncRun(new Date("2026-03-01T11:00:00Z"));
      await store.finishSyncRun(
        second,
        { fetched: 2, error: "merge_requests:gitlab-org: boom" },
        new Date("2026-03-01T11:01:00Z"),
      );
      await store.startSyncRun(new Date("2026-03-01T12:00:00Z")); // still running (or killed)
      assert.equal(await store.lastSuccessfulSyncAt(), "2026-03-01T10:00:00.000Z");
      const runs = await store.recentSyncRuns(2);
      assert.deepEqual(
        runs.map((r) => [r.id, r.error]),
        [
          [3, null],
          [2, "merge_requests:gitlab-org: boom"],
        ],
      );
      assert.equal(runs[0]?.finishedAt, null);
      await store.close();
    });

    test("history start keeps the earliest bound; snapshot gathers everything incl. the last digest", async () => {
      const location = await backend.fresh();
      const store = await openStoreAt(location);
      assert.equal(await store.historyStartMs(), null);
      await store.setHistoryStartMs(5000);
      await store.setHistoryStartMs(9000);
      assert.equal(await store.historyStartMs(), 5000);
      await store.upsertMergeRequests([mr(1)]);
      const run = await store.startSyncRun(new Date("2026-03-01T10:00:00Z"));
      await store.finishSyncRun(run, { fetched: 1, error: null });
      const snapshot = await store.snapshot({ epicRefs: [] });
      assert.equal(snapshot.contributions.length, 1);
      assert.equal(snapshot.historyStartMs, 5000);
      assert.equal(snapshot.dataAsOf, "2026-03-01T10:00:00.000Z");
      assert.equal(snapshot.lastDigestAt, null);
      assert.equal(snapshot.syncRuns.length, 1);
      // the digest ledger belongs to the scheduler; lastDigestAt reads its latest posted_at
      await sql`INSERT INTO digest_ledger (period, posted_at) VALUES ('2026-W09', '2026-02-23T09:00:05.000Z'),
    ('2026-W10', '2026-03-02T09:00:04.000Z'), ('2026-W11', NULL)`.execute(store.connection);
      await store.close();
      const reopened = await openStoreAt(location);
      assert.equal(await reopened.lastDigestAt(), "2026-03-02T09:00:04.000Z");
      assert.equal((await reopened.snapshot()).lastDigestAt, "2026-03-02T09:00:04.000Z");
      await reopened.close();
    });

    test("a throwing transaction leaves nothing behind", async () => {
      const store = await backend.openFresh();
      await assert.rejects(() =>
        store.transaction(async () => {
          await store.upsertMergeRequests([mr(1)]);
          await store.setCursor("mr:gitlab-org", 42);
          throw new Error("crash");
        }),
      );
      assert.equal(await store.mergeRequestCount(), 0);
      assert.equal(await store.getCursor("mr:gitlab-org"), null);
      await store.close();
    });

    test("recorded KPI values are appended in order (a correction is a new row) and come with the snapshot", async () => {
      const store = await backend.openFresh();
      const first = {
        kpiId: "certifications-total",
        month: "2026-10",
        value: 120,
        recordedBy: "U0ALICE1",
        recordedAt: "2026-11-02T09:00:00.000Z",
      };
      const correction = { ...first, value: 125, recordedBy: "bob", recordedAt: "2026-11-03T09:00:00.000Z" };
      await store.recordKpiValue(first);
      await store.recordKpiValue(correction);
      assert.deepEqual(await store.kpiValues(), [first, correction]);
      assert.deepEqual((await store.snapshot()).kpiValues, [first, correction]);
      await assert.rejects(() => store.recordKpiValue({ ...first, value: -1 }), /check constraint/i);
      await store.close();
    });

    test("snapshotInSlices reads what snapshot reads, slice after slice, and sees rows written between slices", async () => {
      const store = await backend.openFresh();
      try {
        await store.upsertMergeRequests(Array.from({ length: 23 }, (_, i) => mr(i * 3 + 1)));
        const byAuthorAndTime = (a: { authorId: number; mergedAtMs: number }, b: typeof a) =>
          a.mergedAtMs - b.mergedAtMs || a.authorId - b.authorId;
        const whole = await store.snapshot();
        const sliced = await store.snapshotInSlices({}, 5);
        assert.equal(sliced.contributions.length, 23);
        assert.deepEqual(
          [...sliced.contributions].sort(byAuthorAndTime),
          [...whole.contributions].sort(byAuthorAndTime),
        );
        assert.deepEqual({ ...sliced, contributions: [] }, { ...whole, contributions: [] });

        // a row committed while the slices are being read (right after the first slice) is in the result
        const readSlice = store.contributions.bind(store);
        let written = false;
        store.contributions = async (...args) => {
          const rows = await readSlice(...args);
          if (!written) {
            written = true;
            await store.upsertMergeRequests([mr(1000)]);
          }
          return rows;
        };
        assert.equal((await store.snapshotInSlices({}, 5)).contributions.length, 24);
      } finally {
        await store.close();
      }
    });
  });
}
