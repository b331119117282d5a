/**
 * The Report built both ways on a generated sandbox world: the in-memory path over every stored MR (Store.snapshot
 * + buildReportFromSnapshot) and the aggregates path (reportQuery + Store.reportAggregates + buildReport) must
 * agree on every field, under settings that exercise each who-counts rule and month boundaries in other zones.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport, buildReportFromSnapshot } from "../../src/metrics/build-report.js";
import { reportQuery } from "../../src/metrics/report-query.js";
import type { MergedMr, UnmergedMr } from "../../src/model/records.js";
import type { ReportSettings } from "../../src/model/settings.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import type { GitLabWorld } from "../../src/sandbox/types.js";
import { Store } from "../../src/store/store.js";
import { reportConfig } from "./snapshot-fixtures.js";

const NOW = new Date("2026-11-16T09:30:00Z");

/** Every MR of the world as the sync stores it (any label, any group: the store keeps what it was given). */
async function store(world: GitLabWorld): Promise<Store> {
  const db = await Store.open(":memory:");
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

describe("the Report from aggregates equals the Report from every MR", async () => {
  const world = generateWorld({ seed: 16, now: NOW, months: 24 });
  const db = await store(world);
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
      ] as const) {
        const { old, aggregated } = await bothWays(db, settings, now, month);
        assert.deepEqual(aggregated, old, `${name}, now ${now.toISOString()}, month ${month ?? "current"}`);
      }
    });
  }
  it("counts someone in every case above (the data set is not trivially empty)", async () => {
    const { old } = await bothWays(db, reportConfig(), NOW);
    assert.ok(old.contributors.count > 10 && old.drifting.count > 0 && old.funnel.months.some((m) => m.openers > 0));
  });
});
