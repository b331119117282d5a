/**
 * Benchmark: the in-memory reference path (buildReportFromSnapshot) over 24 months × 10,000 merged MRs a month
 * (~3,000 distinct contributors a month), the shape of two years of GitLab's wider community. The bot no longer
 * serves Reports this way: it asks the store for aggregates (bench/report-from-store.bench.ts carries the issue 4
 * targets, < 50 ms and < 150 MB, for that path); this path is the reference test/metrics/report-paths.test.ts holds
 * the SQL to, so its figures are printed for comparison, without targets.
 * Run alone with `node --import tsx bench/build-report.bench.ts`, or through bench/run.ts.
 */
import { pathToFileURL } from "node:url";
import { buildReportFromSnapshot as buildReport } from "../src/metrics/build-report.js";
import { addMonths } from "../src/metrics/calendar.js";
import type { Contribution, StoreSnapshot } from "../src/model/records.js";
import { createRandom } from "../src/sandbox/seeded-random.js";
import { monthRange } from "../test/metrics/snapshot-fixtures.js";

const MONTHS = 24;
const MRS_PER_MONTH = 10_000;
const CONTRIBUTORS_PER_MONTH = 3_000;
const AUTHOR_POOL = 20_000;
const RUNS = 30;
const NOW = new Date("2026-11-16T09:30:00Z");

export function syntheticSnapshot(): StoreSnapshot {
  const random = createRandom(20261116).next;
  const contributions: Contribution[] = [];
  const namesById = new Map<number, { username: string; name: string }>();
  const lastMonth = "2026-11";
  const firstMonth = addMonths(lastMonth, 1 - MONTHS);
  for (let m = 0; m < MONTHS; m++) {
    const { startMs, endMs } = monthRange(addMonths(firstMonth, m), "UTC");
    const until = Math.min(endMs, NOW.getTime());
    // This month's contributors: a quarter from a core of regulars, the rest from the long tail.
    const active = new Set<number>();
    while (active.size < CONTRIBUTORS_PER_MONTH) {
      active.add(random() < 0.25 ? 1 + Math.floor(random() * 1_000) : 1 + Math.floor(random() * AUTHOR_POOL));
    }
    const authors = [...active];
    for (let i = 0; i < MRS_PER_MONTH; i++) {
      // everyone merges once, then a skewed few merge a lot
      const author = i < authors.length ? authors[i] : authors[Math.floor(random() ** 3 * authors.length)];
      const id = author as number;
      // one string per person, as a store handing out rows per author would
      let names = namesById.get(id);
      if (!names) {
        names = { username: `contributor-${id}`, name: `Contributor ${id}` };
        namesById.set(id, names);
      }
      // earlier merges are denser: regulars land early in the month
      const mergedAtMs = Math.floor(startMs + random() ** 1.3 * (until - startMs));
      contributions.push({
        authorId: id,
        username: names.username,
        name: names.name,
        mergedAtMs,
        firstContributionLabel: random() < 0.02,
        projectId: 278964,
        projectPath: "gitlab-org/gitlab",
        groupPath: "gitlab-org",
        communityLabel: true,
        // a few bot-labelled MRs, so the read-time filter has something to drop
        botLabel: random() < 0.01,
      });
    }
  }
  return {
    contributions,
    unmergedMrs: [],
    historyStartMs: monthRange(firstMonth, "UTC").startMs,
    labelledItems: [],
    epics: [],
    syncRuns: [],
    dataAsOf: NOW.toISOString(),
    lastDigestAt: null,
    kpiValues: [],
  };
}

export async function benchBuildReport(print: (line: string) => void): Promise<void> {
  const rssMb = (): number => process.memoryUsage().rss / 1_048_576;
  const rssBefore = rssMb();
  const snapshot = syntheticSnapshot();
  const rssWithSnapshot = rssMb();
  const config = {
    monthlyTarget: 1000,
    timezone: "UTC",
    epics: [],
    gitlabUrl: "https://gitlab.com",
    contributorGroups: ["gitlab-org", "gitlab-com"],
    contributorProjects: undefined,
    botUsernames: [],
    botUserIds: [],
    botLabel: "automation:bot-authored",
    communityLabel: "Community contribution",
    workstreams: [],
  };
  // warm up the JIT and the month-boundary cache
  buildReport(snapshot, config, NOW);
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    count = buildReport(snapshot, config, NOW).contributors.count;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = ((times[(RUNS - 1) >> 1] as number) + (times[RUNS >> 1] as number)) / 2;
  // maxRSS is the process's peak resident set in kilobytes
  const peakMb = process.resourceUsage().maxRSS / 1024;
  print(
    `reference path over ${snapshot.contributions.length} contributions in memory (${count} contributors this month)`,
  );
  print(`reference path median: ${median.toFixed(1)} ms (not served: the bot reads aggregates, below)`);
  print(`reference path peak RSS: ${peakMb.toFixed(0)} MB`);
  // context for the peak: the loader and runtime, then the 240k records themselves, are most of it
  print(`  process RSS before the snapshot ${rssBefore.toFixed(0)} MB, with it ${rssWithSnapshot.toFixed(0)} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchBuildReport((line) => console.log(line));
}
