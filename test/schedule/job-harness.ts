/**
 * Job instances for tests: a store holding a real sync of the sandbox GitLab (synced once, then copied per test),
 * the fake Slack, a clock the test moves, and as many "app instances" on one database file as a test needs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { syncAll } from "../../src/gitlab/sync.js";
import { slackLogger } from "../../src/log.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import type { JobDeps, SyncResult } from "../../src/schedule/job-deps.js";
import { ReportService } from "../../src/service/report-service.js";
import { SlackWebClient } from "../../src/slack/web-client.js";
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";
import { type CapturedLog, captureLog } from "../support/capture-log.js";
import type { FakeSlack } from "../support/fake-slack.js";

/** Wednesday of ISO week 2026-W12; the Monday 09:00 digest of that week has passed. */
export const NOW = new Date("2026-03-18T12:00:00Z");
export const TIMEZONE = "Europe/Amsterdam";
const SEED = 12;

const root = mkdtempSync(join(tmpdir(), "schedule-test-"));
let counter = 0;
let template: Promise<{ path: string; sandbox: Sandbox }> | null = null;

/** One sandbox GitLab for the whole file, and a database synced from it once. */
function seeded(): Promise<{ path: string; sandbox: Sandbox }> {
  template ??= (async () => {
    const sandbox = await startSandbox({ world: generateWorld({ seed: SEED, now: NOW, months: 3 }) });
    const path = join(root, "template.db");
    const store = await Store.open(path);
    const config = testConfig(sandbox.url, "");
    const { logger } = captureLog("silent");
    const client = createGitLabClient({ url: sandbox.url, logger, retryBaseMs: 5, maxTotalMs: 1000 });
    const summary = await syncAll({ store, client, config, logger, now: () => new Date(NOW.getTime() - 60_000) });
    await store.close();
    if (!summary.ok) throw new Error(`template sync failed: ${JSON.stringify(summary.sources)}`);
    return { path, sandbox };
  })();
  return template;
}

export async function closeSandbox(): Promise<void> {
  if (template) await (await template).sandbox.close();
  rmSync(root, { recursive: true, force: true });
}

export function testConfig(gitlabUrl: string, slackApiUrl: string, env: Record<string, string> = {}): Config {
  return parseConfig({
    GITLAB_URL: gitlabUrl,
    ...(slackApiUrl ? { SLACK_API_URL: slackApiUrl } : {}),
    SLACK_BOT_TOKEN: "xoxb-schedule-test-token",
    TIMEZONE,
    HISTORY_MONTHS: "3",
    ...env,
  });
}

/** how long a job's Slack call waits for an answer in these tests (a fake Slack that hangs) */
export const SLACK_TEST_TIMEOUT_MS = 1_000;

export interface Clock {
  ms: number;
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start: Date = NOW): Clock {
  const clock: Clock = {
    ms: start.getTime(),
    now: () => new Date(clock.ms),
    set: (iso) => {
      clock.ms = Date.parse(iso);
    },
    advance: (ms) => {
      clock.ms += ms;
    },
  };
  return clock;
}

/** A fresh copy of the synced database; every instance of one test opens this same file. */
export async function freshDatabase(): Promise<{ path: string; gitlabUrl: string; sandbox: Sandbox }> {
  const { path, sandbox } = await seeded();
  const dir = join(root, `db-${++counter}`);
  mkdirSync(dir);
  const copy = join(dir, "engagement.db");
  copyFileSync(path, copy);
  return { path: copy, gitlabUrl: sandbox.url, sandbox };
}

export interface InstanceOptions {
  path: string;
  gitlabUrl: string;
  fake: FakeSlack;
  clock: Clock;
  owner: string;
  env?: Record<string, string>;
  /** default: a sync that succeeds without changing anything */
  sync?: () => Promise<SyncResult>;
  /** a real GitLab sync against the sandbox, with a small retry budget */
  realSync?: boolean;
  claimTtlMs?: number;
}

export interface Instance {
  deps: JobDeps;
  store: Store;
  log: CapturedLog;
  close(): Promise<void>;
}

/** One "app instance": its own connection to the database, its own Slack client and owner id. */
export async function instance(options: InstanceOptions): Promise<Instance> {
  const log = captureLog("info");
  const config = testConfig(options.gitlabUrl, options.fake.apiUrl, options.env);
  const store = await Store.open(options.path);
  // the jobs' client type (no blind repeat of a post), without retry waits and with a short timeout
  const slack = new SlackWebClient(config.slackBotToken, {
    slackApiUrl: config.slackApiUrl,
    logger: slackLogger(log.logger),
    retryConfig: { retries: 0 },
    timeout: SLACK_TEST_TIMEOUT_MS,
  });
  let sync = options.sync ?? (async () => ({ ok: true }));
  if (options.realSync) {
    const client = createGitLabClient({ url: options.gitlabUrl, logger: log.logger, retryBaseMs: 5, maxTotalMs: 300 });
    sync = async () => {
      const summary = await syncAll({ store, client, config, logger: log.logger, now: options.clock.now });
      return { ok: summary.ok, error: summary.sources.find((s) => s.error)?.error };
    };
  }
  const deps: JobDeps = {
    reports: new ReportService(store, config, options.clock.now),
    ledger: new Ledger(store),
    slack,
    config,
    logger: log.logger,
    now: options.clock.now,
    sync,
    owner: options.owner,
    staleAfterMs: 30 * 60_000,
    ...(options.claimTtlMs === undefined ? {} : { claimTtlMs: options.claimTtlMs }),
  };
  return { deps, store, log, close: () => store.close() };
}

/** chat.postMessage calls that started a message (not thread replies). */
export const topPosts = (fake: FakeSlack) => fake.callsOf("chat.postMessage").filter((c) => !c.params.thread_ts);
