/**
 * A sandbox GitLab, a store synced from it once (the "last good data"), and a sync that can be re-run
 * against injected faults, with a GitLab client tuned for short, bounded retries.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { syncAll } from "../../src/gitlab/sync.js";
import type { SyncSummary } from "../../src/model/sync-summary.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { GlMergeRequest, Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest } from "../../src/sandbox/world.js";
import { Store } from "../../src/store/store.js";
import { type CapturedLog, captureLog } from "../support/capture-log.js";

export const NOW = new Date("2026-03-18T12:00:00Z");
export const GITLAB_TOKEN = "glpat-FaultSuiteToken-9x7Q";

export interface FaultHarness {
  sandbox: Sandbox;
  store: Store;
  config: Config;
  log: CapturedLog;
  /** a sync one hour after the previous one (so cursors move on), no reconcile; budgets as given */
  sync(options?: {
    requestBudgetMs?: number;
    retryBudgetMs?: number;
    deadlineMs?: number;
    /** default false */
    reconcile?: boolean | "auto";
  }): Promise<SyncSummary>;
  /** the clock of the last sync (each sync is an hour after the one before) */
  lastSyncAt(): Date;
  /** a merged MR labelled COMMUNITY_LABEL in a gitlab-org project, by a person, merged (and updated) at `atMs` */
  mergeCommunityMr(atMs: number): GlMergeRequest;
  /** everything the store holds that a sync writes (sync times aside, cursors too: a completed crawl moves its cursor to its sync's start) */
  state(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startFaultHarness(
  options: { requestTimeoutMs?: number; maxTotalMs?: number } = {},
): Promise<FaultHarness> {
  const sandbox = await startSandbox({ world: generateWorld({ seed: 21, now: NOW, months: 3 }) });
  const dir = mkdtempSync(join(tmpdir(), "eb-faults-"));
  const config = parseConfig({
    GITLAB_URL: sandbox.url,
    GITLAB_TOKEN,
    HISTORY_MONTHS: "3",
    DATABASE_PATH: join(dir, "engagement.db"),
    // the faults here are aimed at REST routes (configured epics included); the same faults on /api/graphql, with
    // the default EPIC_SOURCE=auto: test/gitlab/work-items-epic-source.test.ts
    EPIC_SOURCE: "rest",
  });
  const store = await Store.open(config.databasePath);
  const log = captureLog("debug");
  const clientWith = (maxTotalMs: number) =>
    createGitLabClient({
      url: sandbox.url,
      token: config.gitlabToken,
      logger: log.logger,
      requestTimeoutMs: options.requestTimeoutMs ?? 2_000,
      maxTotalMs,
      retryBaseMs: 5,
    });
  const client = clientWith(options.maxTotalMs ?? 1_500);
  let clock = NOW.getTime();
  const harness: FaultHarness = {
    sandbox,
    store,
    config,
    log,
    sync: (budgets = {}) => {
      clock += 3_600_000;
      const at = new Date(clock);
      return syncAll({
        store,
        client: budgets.requestBudgetMs === undefined ? client : clientWith(budgets.requestBudgetMs),
        config,
        logger: log.logger,
        now: () => at,
        reconcile: budgets.reconcile ?? false,
        ...(budgets.retryBudgetMs === undefined ? {} : { retryBudgetMs: budgets.retryBudgetMs }),
        ...(budgets.deadlineMs === undefined ? {} : { deadlineMs: budgets.deadlineMs }),
      });
    },
    lastSyncAt: () => new Date(clock),
    mergeCommunityMr: (atMs) => {
      const world = sandbox.world;
      const project = world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-org/"));
      const author = world.users.find((u) => !world.meta.botUserIds.has(u.id));
      if (!project || !author) throw new Error("the generated world has no gitlab-org project or no person");
      const at = new Date(atMs).toISOString();
      const labels = [config.communityLabel];
      return addMergeRequest(world, {
        project_id: project.id,
        author,
        state: "merged",
        merged_at: at,
        updated_at: at,
        labels,
      });
    },
    state: async () => ({
      mrs: await store.mergeRequests(),
      items: await store.labelledItems(),
      epics: (await store.epics()).map(({ syncedAt: _syncedAt, ...rest }) => rest),
    }),
    close: async () => {
      await store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const first = await harness.sync();
  if (!first.ok) throw new Error(`baseline sync failed: ${JSON.stringify(first.sources)}`);
  return harness;
}
