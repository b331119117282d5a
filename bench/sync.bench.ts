/**
 * Benchmark: sync against the sandbox GitLab (1 ms latency). A 12-month backfill at ~10,000 community MRs a month
 * (requests and wall time vs the floor of one request per 100 MRs), an incremental sync after 150 new merges
 * (requests vs the floor: the new MRs' pages plus one request per other source), and the process's peak RSS. The same
 * backfill into PostgreSQL too (bench/postgres.ts), from the same sandbox, for its wall time next to SQLite's.
 * Run alone with `node --import tsx bench/sync.bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../src/config.js";
import { createGitLabClient } from "../src/gitlab/client.js";
import { syncAll } from "../src/gitlab/sync.js";
import { createLogger } from "../src/log.js";
import { generateWorld, summarizeWorld } from "../src/sandbox/generator.js";
import { startSandbox } from "../src/sandbox/server.js";
import { addMergeRequest, mergeMergeRequest, pathIsInGroup } from "../src/sandbox/world.js";
import { Store } from "../src/store/store.js";
import { benchDatabase, skippedLine } from "./postgres.js";

const NOW = new Date("2026-03-18T12:00:00Z");
const NEW_MRS = 150;
const LABEL = "Community contribution";

const ratio = (value: number, floor: number) => (floor > 0 ? (value / floor).toFixed(2) : "n/a");

export async function benchSync(print: (line: string) => void): Promise<void> {
  const world = generateWorld({ seed: 2026, now: NOW, months: 12, scale: "large" });
  const sandbox = await startSandbox({ world, latencyMs: 1 });
  const dir = mkdtempSync(join(tmpdir(), "sync-bench-"));
  const store = await Store.open(join(dir, "bench.db"));
  try {
    const config = parseConfig({ GITLAB_URL: sandbox.url, GITLAB_TOKEN: "glpat-bench", HISTORY_MONTHS: "12" });
    const logger = createLogger({ level: "silent", destination: new Writable({ write: (_c, _e, done) => done() }) });
    const client = createGitLabClient({ url: sandbox.url, token: config.gitlabToken, logger });
    // the crawl lists every state (the funnel, issue 18): the floor is one request per 100 labelled MRs of any state
    const labelledMerged = (group: string) =>
      world.mergeRequests.filter((mr) => {
        if (!mr.labels.includes(LABEL)) return false;
        const project = world.projects.find((p) => p.id === mr.project_id);
        return project !== undefined && pathIsInGroup(project.path_with_namespace, group);
      }).length;
    const otherSources = 2 + config.epics.length; // labelled issues, labelled epics, one epic fetch each at least

    const backfillFloor = config.contributorGroups.reduce(
      (sum, g) => sum + Math.max(1, Math.ceil(labelledMerged(g) / 100)),
      0,
    );
    const started = performance.now();
    const backfill = await syncAll({ store, client, config, logger, now: () => NOW });
    const wallMs = performance.now() - started;
    const truth = summarizeWorld(world, { groups: config.contributorGroups, communityLabel: LABEL, timezone: "UTC" })
      .map((m) => m.mergedMrs)
      .reduce((a, b) => a + b, 0);
    const mrRequests = backfill.sources
      .filter((s) => s.source.startsWith("merge_requests:"))
      .reduce((sum, s) => sum + s.requests, 0);
    print(
      `sync backfill MR requests: ${mrRequests} requests (floor ${backfillFloor}, ratio ${ratio(mrRequests, backfillFloor)})`,
    );
    print(
      `sync backfill MRs stored: ${await store.mergeRequestCount()} MRs (floor ${truth}, ratio ${ratio(await store.mergeRequestCount(), truth)})`,
    );
    print(`sync backfill unmerged MRs stored (funnel): ${await store.unmergedMrCount()} MRs (floor n/a, ratio n/a)`);
    print(
      `sync backfill total requests: ${backfill.totals.requests} requests (floor ${backfillFloor + otherSources}, ratio ${ratio(backfill.totals.requests, backfillFloor + otherSources)})`,
    );
    print(
      `sync backfill wall time: ${(wallMs / 1000).toFixed(2)} s (floor ${((backfillFloor * 1) / 1000).toFixed(2)}, ratio ${ratio(wallMs, backfillFloor * 1)})`,
    );

    await benchPostgresBackfill(print, {
      sandbox,
      config,
      logger,
      sqliteMs: wallMs,
      mrs: await store.mergeRequestCount(),
    });

    const author = world.users.find((u) => u.username === "root");
    const project = world.projects.find((p) => pathIsInGroup(p.path_with_namespace, "gitlab-org"));
    if (!author || !project) throw new Error("bench world lacks root user or a gitlab-org project");
    const later = new Date(NOW.getTime() + 3_600_000);
    for (let i = 0; i < NEW_MRS; i++) {
      const mr = addMergeRequest(world, {
        project_id: project.id,
        author,
        labels: [LABEL],
        created_at: NOW.toISOString(),
      });
      mergeMergeRequest(world, mr.id, new Date(later.getTime() + i * 1000));
    }
    const incremental = await syncAll({
      store,
      client,
      config,
      logger,
      now: () => new Date(later.getTime() + 600_000),
      reconcile: false,
    });
    const incrementalFloor = Math.ceil(NEW_MRS / 100) + (config.contributorGroups.length - 1) + otherSources;
    print(
      `sync incremental after ${NEW_MRS} MRs: ${incremental.totals.requests} requests (floor ${incrementalFloor}, ratio ${ratio(incremental.totals.requests, incrementalFloor)})`,
    );
    const rssMb = process.resourceUsage().maxRSS / 1024;
    print(`sync peak RSS: ${rssMb.toFixed(0)} MB (floor n/a, ratio n/a)`);
  } finally {
    await store.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same 12-month backfill into an empty PostgreSQL database, before the world changes. */
async function benchPostgresBackfill(
  print: (line: string) => void,
  parts: {
    sandbox: Awaited<ReturnType<typeof startSandbox>>;
    config: ReturnType<typeof parseConfig>;
    logger: ReturnType<typeof createLogger>;
    sqliteMs: number;
    mrs: number;
  },
): Promise<void> {
  const db = await benchDatabase();
  if ("skipped" in db) {
    print(skippedLine("sync backfill wall time", db.skipped));
    return;
  }
  const store = await Store.openUrl(db.url);
  try {
    const { sandbox, config, logger } = parts;
    const client = createGitLabClient({ url: sandbox.url, token: config.gitlabToken, logger });
    const started = performance.now();
    await syncAll({ store, client, config, logger, now: () => NOW });
    const wallMs = performance.now() - started;
    const stored = await store.mergeRequestCount();
    print(
      `sync backfill wall time on PostgreSQL: ${(wallMs / 1000).toFixed(2)} s (SQLite ${(parts.sqliteMs / 1000).toFixed(2)} s on the same data, ratio ${ratio(wallMs, parts.sqliteMs)}; ${stored} MRs stored, SQLite ${parts.mrs})`,
    );
  } finally {
    await store.close();
    await db.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchSync((line) => console.log(line));
}
