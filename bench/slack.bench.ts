/**
 * Benchmark: `/engagement status` latency over HTTP, the bot (HTTP mode, fake Slack on 127.0.0.1, a store holding
 * 24 months × 10,000 merged MRs) against a bare Bolt App whose `/engagement` handler only acks: signed requests at
 * 20 concurrent for 10 s each, p50/p99 of both and the ratio of the p99s. Then the same while a GitLab backfill runs
 * (the sandbox on 127.0.0.1, slowed so the sync commits page after page for the whole measurement): the bot's p99
 * and a bare Bolt ack's p99 under that same load (issue 13 item 10). The other store-wide cards too: each one's first
 * answer (a new Report shape, read from the store) against Slack's 3 s, then p50/p99 over a short run and the ratio to
 * the bare ack's p99. Then status on PostgreSQL (bench/postgres.ts): the same seeded store, p50/p99 at 20 concurrent next
 * to SQLite's and its p99 ratio to the bare ack. Figures, not assertions: test/slack/listeners/large-store-ack.test.ts checks only that every
 * answer rides on the ack.
 * Run alone with `node --import tsx bench/slack.bench.ts`, or through bench/run.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { App } from "@slack/bolt";
import { parseConfig } from "../src/config.js";
import { createLogger, slackLogger } from "../src/log.js";
import { contributorScopeOf } from "../src/metrics/report-query.js";
import { generateWorld } from "../src/sandbox/generator.js";
import { startSandbox } from "../src/sandbox/server.js";
import { storeAlertSettings } from "../src/schedule/alert-settings.js";
import { openRuntime } from "../src/service/runtime.js";
import { startSlackApp } from "../src/slack/app.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { sign, slashCommandBody } from "../test/support/slack-requests.js";
import { seedLargeStore } from "../test/support/store-fixtures.js";
import { benchDatabase, skippedLine } from "./postgres.js";

const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench-0000-token";
const CONCURRENCY = 20;
const DURATION_MS = 10_000;
const WARMUP_REQUESTS = 200;
/** Slack's limit for acknowledging a slash command */
const SLACK_ACK_LIMIT_MS = 3_000;
/** the store-wide cards besides status, as large-store-ack.test.ts sends them */
const OTHER_CARDS = ["contributors", "contributors 2025-06", "digest", "epics", "issues 30"];
const CARD_DURATION_MS = 3_000;
/** per GitLab request during the backfill: ~150 pages of MRs then take well over the two 10 s windows */
const BACKFILL_LATENCY_MS = 150;

interface LoadResult {
  latencies: number[];
  failures: number;
}

/** One signed slash command; resolves with the HTTP status once the whole answer has arrived. */
function postCommand(agent: Agent, url: URL, text: string): Promise<number> {
  const body = slashCommandBody({ text, response_url: "http://127.0.0.1:9/unused" });
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": sign(SECRET, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `concurrency` loops sending requests back to back until the time is up (no new request starts after it). */
async function load(agent: Agent, url: URL, text: string, durationMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const status = await postCommand(agent, url, text).catch(() => 0);
      if (status === 200) latencies.push(performance.now() - started);
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, failures };
}

/** The bot's status answer, as the body a bare app can ack with. */
async function fetchCard(url: URL): Promise<Record<string, unknown>> {
  const body = slashCommandBody({ text: "status", response_url: "http://127.0.0.1:9/unused" });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign(SECRET, timestamp, body),
    },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}

async function warm(agent: Agent, url: URL, text: string): Promise<void> {
  for (let sent = 0; sent < WARMUP_REQUESTS; sent += CONCURRENCY) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => postCommand(agent, url, text)));
  }
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * A Bolt App with nothing behind `/engagement` but ack(): the floor our bot is compared with. With `card`, it
 * acks with that ready-made body instead — the floor for answering with a card of the same size.
 */
async function startBareBolt(
  slackApiUrl: string,
  logLevel: string,
  card?: Record<string, unknown>,
): Promise<{ url: URL; stop: () => Promise<void> }> {
  const logger = createLogger({ level: logLevel, destination: discard() });
  const app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    logger: slackLogger(logger),
    clientOptions: { slackApiUrl },
    deferInitialization: true,
  });
  await app.init();
  app.command("/engagement", async ({ ack }) => {
    await (card ? ack(card) : ack());
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/slack/events`), stop: () => app.stop() as Promise<void> };
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

export async function benchSlack(print: (line: string) => void): Promise<void> {
  const logLevel = process.env.LOG_LEVEL ?? "info";
  // one seed for both stores: PostgreSQL's figures are on the same data as SQLite's
  const seed = { now: new Date(), months: 24, perMonth: 10_000, contributors: 3_000 };
  const dir = mkdtempSync(join(tmpdir(), "slack-bench-"));
  const slack = await startFakeSlack();
  // 24 months of GitLab for the backfill (~15,000 MRs); the seeded store has no cursors, so the sync fetches it all
  const sandbox = await startSandbox({ world: generateWorld({ seed: 13, now: new Date(), months: 24 }) });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const config = parseConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    GITLAB_URL: sandbox.url,
    DATABASE_PATH: join(dir, "bench.db"),
    LOG_LEVEL: logLevel,
  });
  const logger = createLogger({ level: logLevel, destination: discard() });
  const runtime = await openRuntime(config, logger);
  let bot: Awaited<ReturnType<typeof startSlackApp>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareBolt>> | undefined;
  let bareCard: Awaited<ReturnType<typeof startBareBolt>> | undefined;
  try {
    const seeded = performance.now();
    const stored = await seedLargeStore(runtime.store, seed);
    print(`store: ${stored} merged MRs seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    await buildSummary(print, runtime, config, "");
    bot = await startSlackApp({ services: runtime.botServices(storeAlertSettings(runtime.ledger)), port: 0 });
    bare = await startBareBolt(slack.apiUrl, logLevel);
    const botUrl = new URL(`http://127.0.0.1:${bot.port}/slack/events`);

    // the first status reads the whole store (cold cache); time it once, then warm both servers
    const cold = performance.now();
    const coldStatus = await postCommand(agent, botUrl, "status");
    print(
      `slack status cold (first, reads the store): ${(performance.now() - cold).toFixed(0)} ms (target < ${SLACK_ACK_LIMIT_MS} ms), HTTP ${coldStatus}`,
    );
    await warm(agent, botUrl, "status");
    await warm(agent, bare.url, "status");
    const card = await fetchCard(botUrl);
    bareCard = await startBareBolt(slack.apiUrl, logLevel, card);
    await warm(agent, bareCard.url, "status");

    const ours = await load(agent, botUrl, "status", DURATION_MS);
    const floor = await load(agent, bare.url, "status", DURATION_MS);
    const cardFloor = await load(agent, bareCard.url, "status", DURATION_MS);
    const oursSorted = [...ours.latencies].sort((a, b) => a - b);
    const floorSorted = [...floor.latencies].sort((a, b) => a - b);
    const oursP99 = percentile(oursSorted, 0.99);
    const floorP99 = percentile(floorSorted, 0.99);
    const seconds = DURATION_MS / 1000;
    print(
      `slack status: ${oursSorted.length} answers in ${seconds} s at ${CONCURRENCY} concurrent (${(oursSorted.length / seconds).toFixed(0)}/s), ${ours.failures} failed`,
    );
    print(`slack status p50: ${percentile(oursSorted, 0.5).toFixed(1)} ms`);
    print(`slack status p99: ${oursP99.toFixed(1)} ms (target ≤ 100 ms)`);
    print(
      `bare bolt ack: ${floorSorted.length} answers in ${seconds} s (${(floorSorted.length / seconds).toFixed(0)}/s), ${floor.failures} failed`,
    );
    print(`bare bolt ack p50: ${percentile(floorSorted, 0.5).toFixed(1)} ms`);
    print(`bare bolt ack p99: ${floorP99.toFixed(1)} ms`);
    print(`slack p99 ratio: ${(oursP99 / floorP99).toFixed(2)} (target ≤ 1.5)`);
    const cardSorted = [...cardFloor.latencies].sort((a, b) => a - b);
    const cardP99 = percentile(cardSorted, 0.99);
    print(`bare bolt acking the same ${JSON.stringify(card).length}-byte card p99: ${cardP99.toFixed(1)} ms`);
    print(`slack p99 ratio vs the same-card ack (our own code's share): ${(oursP99 / cardP99).toFixed(2)}`);
    // context: the load generator shares this process (and its event loop) with both servers
    print("  load generator, bot and bare Bolt share one process; latency includes the client's side");

    await benchPostgresStatus(print, {
      agent,
      seed,
      env: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: logLevel },
      logger,
      bareP99: floorP99,
      sqlite: { p50: percentile(oursSorted, 0.5), p99: oursP99 },
    });

    await benchOtherCards(print, agent, botUrl, floorP99);
    await benchDuringBackfill(print, { agent, botUrl, bareUrl: bare.url, runtime, sandbox });
  } finally {
    agent.destroy();
    await bot?.stop();
    await bare?.stop();
    await bareCard?.stop();
    await runtime.close();
    await slack.stop();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** status on PostgreSQL: the same store seeded there, a bot of its own on it, the same load. */
async function benchPostgresStatus(
  print: (line: string) => void,
  parts: {
    agent: Agent;
    seed: Parameters<typeof seedLargeStore>[1];
    env: Record<string, string>;
    logger: ReturnType<typeof createLogger>;
    bareP99: number;
    sqlite: { p50: number; p99: number };
  },
): Promise<void> {
  const db = await benchDatabase();
  if ("skipped" in db) {
    print(skippedLine("slack status", db.skipped));
    return;
  }
  const config = parseConfig({ ...parts.env, DATABASE_URL: db.url });
  const runtime = await openRuntime(config, parts.logger);
  let bot: Awaited<ReturnType<typeof startSlackApp>> | undefined;
  try {
    const seeded = performance.now();
    const stored = await seedLargeStore(runtime.store, parts.seed);
    print(`store on PostgreSQL: ${stored} merged MRs seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    await buildSummary(print, runtime, config, " on PostgreSQL");
    bot = await startSlackApp({ services: runtime.botServices(storeAlertSettings(runtime.ledger)), port: 0 });
    const url = new URL(`http://127.0.0.1:${bot.port}/slack/events`);
    const cold = performance.now();
    const coldStatus = await postCommand(parts.agent, url, "status");
    print(
      `slack status cold on PostgreSQL: ${(performance.now() - cold).toFixed(0)} ms (target < ${SLACK_ACK_LIMIT_MS} ms), HTTP ${coldStatus}`,
    );
    await warm(parts.agent, url, "status");
    const run = await load(parts.agent, url, "status", DURATION_MS);
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 0.99);
    print(
      `slack status on PostgreSQL: ${sorted.length} answers in ${DURATION_MS / 1000} s at ${CONCURRENCY} concurrent, ${run.failures} failed`,
    );
    print(
      `slack status p50 on PostgreSQL: ${percentile(sorted, 0.5).toFixed(1)} ms (SQLite ${parts.sqlite.p50.toFixed(1)} ms)`,
    );
    print(
      `slack status p99 on PostgreSQL: ${p99.toFixed(1)} ms (SQLite ${parts.sqlite.p99.toFixed(1)} ms; target ≤ 100 ms)`,
    );
    print(`slack p99 ratio on PostgreSQL: ${(p99 / parts.bareP99).toFixed(2)} (target ≤ 1.5)`);
  } finally {
    await bot?.stop();
    await runtime.close();
    await db.drop();
  }
}

/** The contributor summary built whole, as the first sync's end builds it (src/store/author-months.ts). */
async function buildSummary(
  print: (line: string) => void,
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  config: ReturnType<typeof parseConfig>,
  where: string,
): Promise<void> {
  const started = performance.now();
  await runtime.store.summaryReady(contributorScopeOf(config), config.timezone);
  print(
    `contributor summary built whole${where} (the first sync's end): ${(performance.now() - started).toFixed(0)} ms`,
  );
}

/** Each other store-wide card: its first answer (cold for that Report), then p50/p99 and the p99 ratio to a bare ack. */
async function benchOtherCards(print: (line: string) => void, agent: Agent, botUrl: URL, bareP99: number) {
  for (const text of OTHER_CARDS) {
    const first = performance.now();
    const status = await postCommand(agent, botUrl, text);
    print(
      `slack ${text} first answer: ${(performance.now() - first).toFixed(0)} ms (target < ${SLACK_ACK_LIMIT_MS} ms), HTTP ${status}`,
    );
    const run = await load(agent, botUrl, text, CARD_DURATION_MS);
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 0.99);
    print(
      `slack ${text}: ${sorted.length} answers (${run.failures} failed), p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
    print(`slack ${text} p99 ratio to the bare bolt ack: ${(p99 / bareP99).toFixed(2)}`);
  }
}

/**
 * status while a backfill commits pages: the bot, then a bare Bolt ack, each for DURATION_MS with the sync running
 * throughout (in this process, as in `start`: the sandbox serving it shares the event loop too).
 */
async function benchDuringBackfill(
  print: (line: string) => void,
  parts: {
    agent: Agent;
    botUrl: URL;
    bareUrl: URL;
    runtime: Awaited<ReturnType<typeof openRuntime>>;
    sandbox: Awaited<ReturnType<typeof startSandbox>>;
  },
): Promise<void> {
  const { agent, botUrl, bareUrl, runtime, sandbox } = parts;
  sandbox.setLatency(BACKFILL_LATENCY_MS);
  const started = performance.now();
  let finishedAt: number | null = null;
  const sync = runtime.runSync().finally(() => {
    finishedAt = performance.now();
  });
  const marker = await runtime.store.changeMarker();
  while ((await runtime.store.changeMarker()) === marker && finishedAt === null) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const windowMs = performance.now() - started;
  const before = await runtime.store.mergeRequestCount();
  const ours = await load(agent, botUrl, "status", DURATION_MS);
  const during = await runtime.store.mergeRequestCount();
  const floor = await load(agent, bareUrl, "status", DURATION_MS);
  const afterBare = await runtime.store.mergeRequestCount();
  const stillRunning = finishedAt === null;
  sandbox.setLatency(0);
  const summary = await sync;
  const oursSorted = [...ours.latencies].sort((a, b) => a - b);
  const floorSorted = [...floor.latencies].sort((a, b) => a - b);
  const oursP99 = percentile(oursSorted, 0.99);
  const floorP99 = percentile(floorSorted, 0.99);
  print(
    `backfill: first page committed after ${(windowMs / 1000).toFixed(1)} s; ${during - before} MRs stored while the bot was measured, ${afterBare - during} during the bare ack; ${stillRunning ? "still running after both" : "ENDED before both windows were over"} (sync ${summary.ok ? "ok" : "failed"}, ${((((finishedAt ?? performance.now()) as number) - started) / 1000).toFixed(1)} s)`,
  );
  print(
    `slack status during a backfill: ${oursSorted.length} answers (${ours.failures} failed), p50 ${percentile(oursSorted, 0.5).toFixed(1)} ms`,
  );
  print(`slack status p99 during a backfill: ${oursP99.toFixed(1)} ms (target ≤ 100 ms)`);
  print(`bare bolt ack p99 during a backfill: ${floorP99.toFixed(1)} ms (${floorSorted.length} answers)`);
  print(`slack p99 ratio during a backfill: ${(oursP99 / floorP99).toFixed(2)} (target ≤ 1.5)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSlack((line) => console.log(line));
}
