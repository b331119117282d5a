/**
 * Benchmark: what the configured epics cost per sync, by EPIC_SOURCE, against the sandbox GitLab (1 ms latency):
 * requests of the sync's `configured_epics` source, and the time of that step alone, for the REST epics API and for Work Items (with
 * GitLab's roll-ups, and walking the tree where a GitLab gives none), on the default three epics and on a deep
 * tree (depth 3, 132 direct children). The floor is one request per configured epic (issue 15, item 4).
 * Run alone with `node --import tsx bench/epic-source.bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../src/config.js";
import { createGitLabClient } from "../src/gitlab/client.js";
import { createEpicSource } from "../src/gitlab/epic-source-choice.js";
import { syncAll } from "../src/gitlab/sync.js";
import { createLogger } from "../src/log.js";
import { generateWorld } from "../src/sandbox/generator.js";
import { startSandbox } from "../src/sandbox/server.js";
import type { GitLabWorld } from "../src/sandbox/types.js";
import { Store } from "../src/store/store.js";
import { counted } from "../src/wording/numbers.js";
import { epicTreeWorld } from "../test/support/epic-tree-world.js";

const NOW = new Date("2026-03-18T12:00:00Z");

interface Measured {
  requests: number;
  ms: number;
}

async function measure(
  world: GitLabWorld,
  env: Record<string, string>,
  options: { workItemRollUps?: boolean } = {},
): Promise<Measured> {
  const sandbox = await startSandbox({ world, latencyMs: 1, ...options });
  const dir = mkdtempSync(join(tmpdir(), "epic-bench-"));
  const store = await Store.open(join(dir, "bench.db"));
  try {
    const config = parseConfig({ GITLAB_URL: sandbox.url, GITLAB_TOKEN: "glpat-bench", HISTORY_MONTHS: "1", ...env });
    const logger = createLogger({ level: "silent", destination: new Writable({ write: (_c, _e, done) => done() }) });
    const client = createGitLabClient({ url: sandbox.url, token: config.gitlabToken, logger });
    const summary = await syncAll({ store, client, config, logger, now: () => NOW, reconcile: false });
    const epics = summary.sources.find((s) => s.source === "configured_epics");
    if (!epics || epics.error) throw new Error(`configured_epics failed: ${epics?.error}`);
    // the time of the same step alone: every configured epic through a fresh source, as the next sync would
    const source = createEpicSource(config.epicSource, { client, logger, now: () => NOW });
    const started = performance.now();
    for (const ref of config.epics) await source.fetch(ref);
    return { requests: epics.requests, ms: performance.now() - started };
  } finally {
    await store.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ratio = (value: number, floor: number) => (value / floor).toFixed(2);

export async function benchEpicSource(print: (line: string) => void): Promise<void> {
  const generated = generateWorld({ seed: 2026, now: NOW, months: 1 });
  const epics = parseConfig({}).epics.length;
  const line = (label: string, m: Measured, floor: number, rest?: Measured) =>
    print(
      `epics ${label}: ${counted(m.requests, "request")} per sync (floor ${floor}, ratio ${ratio(m.requests, floor)}${
        rest ? `; REST ${rest.requests}` : ""
      }), ${m.ms.toFixed(0)} ms`,
    );
  const rest = await measure(generated, { EPIC_SOURCE: "rest" });
  line("REST epics API, 3 epics", rest, epics);
  line("Work Items (auto), 3 epics", await measure(generated, {}), epics, rest);
  line(
    "Work Items without roll-ups (tree walk), 3 epics",
    await measure(generated, {}, { workItemRollUps: false }),
    epics,
    rest,
  );

  const tree = epicTreeWorld();
  const deep = { EPICS: tree.ref };
  const deepRest = await measure(tree.world, { ...deep, EPIC_SOURCE: "rest" });
  line("REST epics API, deep tree", deepRest, 1);
  line("Work Items (auto), deep tree", await measure(tree.world, deep), 1, deepRest);
  line(
    "Work Items without roll-ups (tree walk), deep tree",
    await measure(tree.world, deep, { workItemRollUps: false }),
    1,
    deepRest,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchEpicSource((text) => console.log(text));
}
