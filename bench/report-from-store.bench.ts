/**
 * Benchmark: the Report from the SQLite store, as `/engagement status` and `status` get it — 24 months × 10,000
 * merged MRs a month in a database file. Prints the snapshot read, buildReport over it (the issue-4 target), their sum
 * (the first request after a sync), a new request shape on the cached snapshot, and the process's peak RSS (which
 * includes seeding the store in this same process).
 * Run alone with `node --import tsx bench/report-from-store.bench.ts`, or through bench/run.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../src/config.js";
import { buildReport } from "../src/metrics/build-report.js";
import { ReportService } from "../src/service/report-service.js";
import { Store } from "../src/store/store.js";
import { seedLargeStore } from "../test/support/store-fixtures.js";

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

export async function benchReportFromStore(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "eb-bench-report-"));
  const config = parseConfig({ DATABASE_PATH: join(dir, "engagement.db") });
  const store = Store.open(config.databasePath);
  try {
    const seeded = timeMs(() => seedLargeStore(store, { now: NOW }));
    print(`store seeded with ${store.mergeRequestCount()} MRs in ${(seeded / 1000).toFixed(1)} s`);

    const epicRefs = config.epics.map((e) => e.ref);
    const snapshotTimes: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) snapshotTimes.push(timeMs(() => store.snapshot({ epicRefs })));
    const snapshot = store.snapshot({ epicRefs });
    const buildTimes: number[] = [];
    for (let i = 0; i < BUILD_RUNS; i++) buildTimes.push(timeMs(() => buildReport(snapshot, config, NOW)));
    const snapshotMs = median(snapshotTimes);
    const buildMs = median(buildTimes);
    print(`store snapshot read (${snapshot.contributions.length} contributions) median: ${snapshotMs.toFixed(1)} ms`);
    print(`buildReport over the store's snapshot median: ${buildMs.toFixed(1)} ms (target < 50 ms)`);
    print(`report from store, cold (snapshot read + buildReport): ${(snapshotMs + buildMs).toFixed(1)} ms`);
    // What a slash command pays: the snapshot is re-read only after the store changed (ReportService).
    const service = new ReportService(store, config, () => NOW);
    service.report();
    const fresh = timeMs(() => service.report({ newIssuesDays: 3 }));
    print(`report from store, a new request on the cached snapshot: ${fresh.toFixed(1)} ms`);
    print(`report from store peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReportFromStore((line) => console.log(line));
}
