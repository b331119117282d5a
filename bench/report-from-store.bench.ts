/**
 * Benchmark: the Report from the SQLite store, as `/engagement status` and `status` get it — 24 months × 10,000
 * merged MRs a month in a database file. The store is seeded by a child process, which also builds the contributor
 * summary whole (src/store/author-months.ts: what a first sync, or a changed scope, costs) and prints that; the
 * peak RSS printed after SQLite's figures is the serving side's alone. The serving side then takes, several times, one sync page of
 * 100 new MRs: it prints the summary's catch-up the sync's end pays (ReportService.prepare), the store's aggregates
 * read after it (Store.reportAggregates over the summary), buildReport over them (the core), their sum (the first
 * request after a sync: "cold"), and a new request shape. Then the same store copied into PostgreSQL
 * (copy-store; bench/postgres.ts), and the same figures there.
 * Run alone with `node --import tsx bench/report-from-store.bench.ts`, or through bench/run.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Config, parseConfig } from "../src/config.js";
import { buildReport } from "../src/metrics/build-report.js";
import { contributorScopeOf, reportQuery } from "../src/metrics/report-query.js";
import { ReportService } from "../src/service/report-service.js";
import { copyStore } from "../src/store/copy-store.js";
import { Store } from "../src/store/store.js";
import { seedLargeStore, writeSyncPage } from "../test/support/store-fixtures.js";
import { benchDatabase, skippedLine } from "./postgres.js";

const NOW = new Date("2026-11-16T09:30:00Z");
const COLD_RUNS = 7;
const BUILD_RUNS = 30;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const timeMs = (fn: () => void): number => {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const timeMsAsync = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** `node report-from-store.bench.js --seed FILE`: fills the database file (run as a child process). */
async function seedMain(): Promise<void> {
  const file = process.argv[process.argv.indexOf("--seed") + 1] as string;
  const store = await Store.open(file);
  await seedLargeStore(store, { now: NOW });
  const config = parseConfig({ DATABASE_PATH: file });
  const started = performance.now();
  await store.summaryReady(contributorScopeOf(config), config.timezone);
  console.log(
    `contributor summary built whole (a first sync, or a changed scope; the seeding child): ${(performance.now() - started).toFixed(0)} ms, ` +
      `its peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  await store.close();
}

export async function benchReportFromStore(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "eb-bench-report-"));
  const config = parseConfig({ DATABASE_PATH: join(dir, "engagement.db") });
  try {
    const started = performance.now();
    // the loader this process runs with (tsx when run alone), for the child too
    const at = process.execArgv.indexOf("--import");
    const loader = at >= 0 ? process.execArgv.slice(at, at + 2) : [];
    const script = fileURLToPath(import.meta.url);
    const seeding = spawnSync(process.execPath, [...loader, script, "--seed", config.databasePath], {
      stdio: "inherit",
    });
    if (seeding.status !== 0) throw new Error("bench: seeding the store failed");
    const store = await Store.open(config.databasePath);
    try {
      print(
        `store seeded with ${await store.mergeRequestCount()} merged and ${await store.unmergedMrCount()} unmerged MRs in ${((performance.now() - started) / 1000).toFixed(1)} s (a child process)`,
      );
      await measure(print, store, config, "", 0);
      print(`report from store peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target < 150 MB)`);
      const db = await benchDatabase();
      if ("skipped" in db) print(skippedLine("report from store", db.skipped));
      else {
        const target = await Store.openUrl(db.url);
        try {
          const copied = performance.now();
          await copyStore(store, target, { force: false });
          print(
            `the same store copied into PostgreSQL (copy-store) in ${((performance.now() - copied) / 1000).toFixed(1)} s`,
          );
          await measure(print, target, parseConfig({ DATABASE_URL: db.url }), " on PostgreSQL", 100);
        } finally {
          await target.close();
          await db.drop();
        }
      }
      // not a serving figure: copy-store read the whole SQLite store into this process first
      print(
        `peak RSS after the PostgreSQL figures, copy-store included: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures of one store: `firstPage` numbers its sync pages apart from another run's. */
async function measure(
  print: (line: string) => void,
  store: Store,
  config: Config,
  where: string,
  firstPage: number,
): Promise<void> {
  const epicRefs = config.epics.map((e) => e.ref);
  const parts = await store.parts({ epicRefs });
  const query = reportQuery(config, NOW, {}, parts.historyStartMs);
  // each run after one sync page: the summary catches up (as the sync's end does), then a request reads it
  const catchUpTimes: number[] = [];
  const aggregateTimes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await writeSyncPage(store, { now: NOW, page: firstPage + i });
    catchUpTimes.push(await timeMsAsync(() => store.summaryReady(query.scope, query.timezone)));
    aggregateTimes.push(await timeMsAsync(() => store.reportAggregates(query)));
  }
  const aggregates = await store.reportAggregates(query);
  const buildTimes: number[] = [];
  for (let i = 0; i < BUILD_RUNS; i++) {
    buildTimes.push(timeMs(() => buildReport({ snapshot: parts, query, aggregates }, config, NOW)));
  }
  const aggregateMs = median(aggregateTimes);
  const buildMs = median(buildTimes);
  const numbers =
    aggregates.counts.length +
    aggregates.firstMerges.reduce((sum, m) => sum + m.length, 0) +
    aggregates.reportMonth.length +
    aggregates.drifting.length +
    aggregates.openMrs.createdMs.length;
  print(
    `summary catch-up after a 100-MR sync page (the sync's end)${where} median: ${median(catchUpTimes).toFixed(1)} ms`,
  );
  print(
    `store aggregates read (SQL over the summary; ${numbers} rows of answer)${where} median: ${aggregateMs.toFixed(1)} ms`,
  );
  print(`buildReport over the aggregates${where} median: ${buildMs.toFixed(2)} ms (target < 50 ms)`);
  print(
    `report from store, cold (aggregates + buildReport)${where}: ${(aggregateMs + buildMs).toFixed(1)} ms (target < 150 ms)`,
  );
  // What a slash command pays: the aggregates are read again only after the store changed (ReportService).
  const service = new ReportService(store, config, () => NOW);
  await service.report();
  const fresh = await timeMsAsync(() => service.report({ newIssuesDays: 3 }));
  print(`report from store, a new request shape${where}: ${fresh.toFixed(1)} ms`);
}

if (process.argv.includes("--seed")) await seedMain();
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReportFromStore((line) => console.log(line));
}
