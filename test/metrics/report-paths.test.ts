/**
 * The Report built both ways on a generated sandbox world: the in-memory path over every stored MR (Store.snapshot
 * + buildReportFromSnapshot) and the aggregates path (reportQuery + Store.reportAggregates + buildReport) must
 * agree on every field, under settings that exercise each who-counts rule and month boundaries in other zones.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { buildReport, buildReportFromSnapshot } from "../../src/metrics/build-report.js";
import { reportQuery } from "../../src/metrics/report-query.js";
import type { MergedMr, UnmergedMr } from "../../src/model/records.js";
import type { ReportSettings } from "../../src/model/settings.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import type { GitLabWorld } from "../../src/sandbox/types.js";
import { SUMMARY_KEY_META } from "../../src/store/author-months.js";
import { Store } from "../../src/store/store.js";
import { openStoreAt, STORE_BACKENDS } from "../support/store-backends.js";
import { reportConfig } from "./snapshot-fixtures.js";

const NOW = new Date("2026-11-16T09:30:00Z");

/** Every MR of the world as the sync stores it (any label, any group: the store keeps what it was given). */
async function store(world: GitLabWorld, location = ":memory:"): Promise<Store> {
  const db = await openStoreAt(location);
  const merged: MergedMr[] = [];
  const unmerged: UnmergedMr[] = [];
  const projects = new Map(world.projects.map((p) => [p.id, p.path_with_namespace]));
  for (const [i, mr] of world.mergeRequests.entries()) {
    const path = projects.get(mr.project_id) ?? "";
    const fields = {
      id: mr.id,
      projectId: mr.project_id,
      // a few rows as stored before project paths were kept, and a few in other letter cases
      projectPath: i % 97 === 0 ? "" : i % 89 === 0 ? path.toUpperCase() : path,
      iid: mr.iid,
      groupPath: path.split("/")[0] ?? "",
      authorId: mr.author.id,
      authorUsername: i % 83 === 0 ? mr.author.username.toUpperCase() : mr.author.username,
      authorName: mr.author.name,
      labels: i % 71 === 0 ? [...mr.labels, "automation:bot-authored"] : mr.labels,
      webUrl: mr.web_url,
      title: mr.title,
    };
    if (mr.merged_at !== null && i % 101 === 0) {
      // a renamed author's second MR merged at the same instant: the later row names them
      merged.push({
        ...fields,
        id: mr.id + 100_000_000,
        authorUsername: `${mr.author.username}-renamed`,
        mergedAtMs: Date.parse(mr.merged_at),
        createdAtMs: null,
      });
    }
    if (mr.merged_at !== null) {
      // some rows stored before creation times were kept
      merged.push({
        ...fields,
        mergedAtMs: Date.parse(mr.merged_at),
        createdAtMs: i % 13 === 0 ? null : Date.parse(mr.created_at),
      });
    } else {
      unmerged.push({
        ...fields,
        state: mr.state === "closed" ? "closed" : i % 7 === 0 ? "locked" : "opened",
        createdAtMs: Date.parse(mr.created_at),
        updatedAtMs: Date.parse(mr.updated_at),
        closedAtMs: mr.closed_at === null ? null : Date.parse(mr.closed_at),
      });
    }
  }
  await db.upsertMergeRequests(merged);
  await db.upsertUnmergedMrs(unmerged);
  await db.setHistoryStartMs(Date.parse("2024-12-01T00:00:00Z"));
  const run = await db.startSyncRun(new Date(NOW.getTime() - 60_000));
  await db.finishSyncRun(run, { fetched: merged.length, error: null }, new Date(NOW.getTime() - 30_000));
  return db;
}

async function bothWays(db: Store, settings: ReportSettings, now: Date, month?: string) {
  const options = month === undefined ? {} : { month };
  const snapshotOptions = {
    epicRefs: settings.epics.map((e) => e.ref),
    labels: { community: settings.communityLabel, bot: settings.botLabel },
  };
  const old = buildReportFromSnapshot(await db.snapshot(snapshotOptions), settings, now, options);
  const parts = await db.parts(snapshotOptions);
  const query = reportQuery(settings, now, options, parts.historyStartMs);
  const aggregated = buildReport(
    { snapshot: parts, query, aggregates: await db.reportAggregates(query) },
    settings,
    now,
    options,
  );
  return { old, aggregated };
}

for (const backend of STORE_BACKENDS) {
  describe(`the Report from aggregates equals the Report from every MR, on ${backend.name}`, async () => {
    const world = generateWorld({ seed: 16, now: NOW, months: 24 });
    const db = await store(world, await backend.fresh());
    after(() => db.close());
    const bots = [...world.meta.botUserIds];
    const someone = world.mergeRequests.find((mr) => mr.merged_at !== null)?.author;
    const projectPaths = world.projects.map((p) => p.path_with_namespace);
    const cases: Array<[string, Partial<ReportSettings>]> = [
      ["the defaults", {}],
      ["TIMEZONE America/New_York", { timezone: "America/New_York" }],
      ["TIMEZONE Pacific/Auckland", { timezone: "Pacific/Auckland" }],
      ["one group", { contributorGroups: ["GitLab-Org"] }],
      ["no group", { contributorGroups: [] }],
      [
        "a project list, bot ids and usernames",
        {
          contributorProjects: {
            file: "p.yml",
            paths: [(projectPaths[0] ?? "").toUpperCase(), projectPaths[1] ?? ""],
            ids: [world.projects[2]?.id ?? 0],
          },
          botUserIds: bots.slice(0, 1),
          botUsernames: [someone?.username.toUpperCase() ?? "nobody"],
        },
      ],
      ["an empty project list", { contributorProjects: { file: "p.yml", paths: [], ids: [] } }],
      ["other labels", { communityLabel: "1st contribution", botLabel: "Community contribution" }],
    ];
    for (const [name, overrides] of cases) {
      it(`under ${name}, this month and past months`, async () => {
        const settings = reportConfig(overrides);
        for (const [now, month] of [
          [NOW, undefined],
          [NOW, "2026-10"],
          [NOW, "2026-03"],
          [new Date("2026-12-01T04:59:59.999Z"), undefined],
          [new Date("2027-01-01T00:00:00Z"), undefined],
          // a clock behind the stored data: the report month is read from the MR rows up to now
          [new Date("2026-10-20T12:00:00Z"), undefined],
          [new Date("2026-10-20T12:00:00Z"), "2026-09"],
        ] as const) {
          const { old, aggregated } = await bothWays(db, settings, now, month);
          assert.deepEqual(aggregated, old, `${name}, now ${now.toISOString()}, month ${month ?? "current"}`);
        }
      });
    }
    it("a store this process may not write answers from the MR rows, with the same Report", {
      skip: backend.name !== "SQLite" && "SQLite only: a PostgreSQL store is never opened read-only",
    }, async () => {
      const dir = mkdtempSync(join(tmpdir(), "eb-report-paths-"));
      try {
        const file = join(dir, "engagement.db");
        await (await store(world, file)).close();
        const readOnly = await Store.open(file, { readonly: true });
        try {
          for (const [name, overrides] of cases.slice(0, 3)) {
            const settings = reportConfig(overrides);
            for (const now of [NOW, new Date("2026-10-20T12:00:00Z")]) {
              const { old, aggregated } = await bothWays(readOnly, settings, now);
              assert.deepEqual(aggregated, old, `${name}, read-only, now ${now.toISOString()}`);
            }
          }
          // it built no summary: it could not have written one
          assert.equal(await readOnly.getMeta(SUMMARY_KEY_META), null);
        } finally {
          await readOnly.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it("counts someone in every case above (the data set is not trivially empty)", async () => {
      const { old } = await bothWays(db, reportConfig(), NOW);
      assert.ok(old.contributors.count > 10 && old.drifting.count > 0 && old.funnel.months.some((m) => m.openers > 0));
    });
  });

  describe(`the summary after writes on ${backend.name}: only the authors written are rebuilt, and the Report stays exact`, async () => {
    const world = generateWorld({ seed: 17, now: NOW, months: 24 });
    const db = await store(world, await backend.fresh());
    after(() => db.close());
    const settings = reportConfig();
    const query = () => reportQuery(settings, NOW, {}, Date.parse("2024-12-01T00:00:00Z"));

    it("after relabelled, deleted, new and newly merged MRs", async () => {
      const before = await bothWays(db, settings, NOW);
      assert.deepEqual(before.aggregated, before.old);
      assert.equal(await db.refreshSummary(query().scope, settings.timezone), "none");
      const merged = await db.mergeRequests();
      const recent = merged.filter((mr) => mr.mergedAtMs >= Date.parse("2026-10-01T00:00:00Z"));
      assert.ok(recent.length > 20, "the world has recent merges to change");
      // a bot label on some, others gone, one author's first MR, and an unmerged MR that merged
      await db.upsertMergeRequests(
        recent.slice(0, 5).map((mr) => ({ ...mr, labels: [...mr.labels, settings.botLabel] })),
      );
      await db.deleteMergeRequests(recent.slice(5, 10).map((mr) => mr.id));
      const template = recent[10] as MergedMr;
      await db.upsertMergeRequests([
        {
          ...template,
          id: 900_000_001,
          authorId: 900_001,
          authorUsername: "brand-new",
          authorName: "Brand New",
          labels: [...template.labels, "1st contribution"],
        },
      ]);
      // an MR stored unmerged that merged since: it moves tables, as the sync moves it
      const opened = world.mergeRequests.find(
        (mr) => mr.merged_at === null && mr.labels.includes(settings.communityLabel),
      );
      assert.ok(opened, "the world has unmerged MRs");
      await db.deleteUnmergedMrs([opened.id]);
      await db.upsertMergeRequests([
        {
          ...template,
          id: opened.id,
          iid: opened.iid,
          authorId: opened.author.id,
          authorUsername: opened.author.username,
          authorName: opened.author.name,
          labels: opened.labels,
          mergedAtMs: NOW.getTime() - 3_600_000,
          createdAtMs: Date.parse(opened.created_at),
        },
      ]);
      assert.equal(await db.refreshSummary(query().scope, settings.timezone), "authors");
      const { old, aggregated } = await bothWays(db, settings, NOW);
      assert.deepEqual(aggregated, old);
      assert.notDeepEqual(old.contributors, before.old.contributors, "the writes changed the figures");
      // another scope is another summary, built whole
      assert.equal(await db.refreshSummary({ ...query().scope, botUserIds: [1] }, settings.timezone), "whole");
    });
  });
}
