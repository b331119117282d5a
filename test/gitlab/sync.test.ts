import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { sql } from "kysely";
import { type Config, parseConfig } from "../../src/config.js";
import { createGitLabClient } from "../../src/gitlab/client.js";
import { type SyncDeps, syncAll } from "../../src/gitlab/sync.js";
import { countedContributions } from "../../src/metrics/who-counts.js";
import { generateWorld, summarizeWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { GitLabWorld, Sandbox } from "../../src/sandbox/types.js";
import {
  addMergeRequest,
  addUser,
  mergeMergeRequest,
  projectIsInGroup,
  setMergeRequestLabels,
} from "../../src/sandbox/world.js";
import { ReportService } from "../../src/service/report-service.js";
import { Store } from "../../src/store/store.js";
import { formatSyncSummary } from "../../src/text/sync-text.js";
import { memoryLogger } from "./local-server.js";

const NOW = new Date("2026-03-18T12:00:00Z");
const LABEL = "Community contribution";
const root = mkdtempSync(join(tmpdir(), "sync-test-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

interface Harness {
  sandbox: Sandbox;
  world: GitLabWorld;
  config: Config;
  path: string;
  store: Store;
  run(overrides?: Partial<SyncDeps>): ReturnType<typeof syncAll>;
  close(): Promise<void>;
}

async function harness(
  options: { world?: GitLabWorld; env?: Record<string, string>; maxTotalMs?: number } = {},
): Promise<Harness> {
  const world = options.world ?? generateWorld({ seed: 7, now: NOW, months: 4 });
  const sandbox = await startSandbox({ world });
  const path = join(root, `db-${++counter}`, "engagement.db");
  const config = parseConfig({
    GITLAB_URL: sandbox.url,
    GITLAB_TOKEN: "glpat-sync-test-token",
    HISTORY_MONTHS: "6",
    ...options.env,
  });
  const store = await Store.open(path);
  const { logger } = memoryLogger();
  const client = createGitLabClient({
    url: sandbox.url,
    token: config.gitlabToken,
    logger,
    retryBaseMs: 5,
    maxTotalMs: options.maxTotalMs ?? 1500,
  });
  return {
    sandbox,
    world,
    config,
    path,
    store,
    run: (overrides = {}) => syncAll({ store, client, config, logger, now: () => NOW, ...overrides }),
    close: async () => {
      await store.close();
      await sandbox.close();
    },
  };
}

const truthCount = (world: GitLabWorld, config: Config) =>
  summarizeWorld(world, { groups: config.contributorGroups, communityLabel: config.communityLabel, timezone: "UTC" })
    .map((m) => m.mergedMrs)
    .reduce((a, b) => a + b, 0);

/** The stored MRs that count (the store keeps bots' too; who counts is decided at read time). */
const counted = async (store: Store, config: Config) =>
  countedContributions(await store.contributions({ community: config.communityLabel, bot: config.botLabel }), config);
const countedIn = async (store: Store, config: Config) => (await counted(store, config)).length;

/** distinct contributors per month, from the store, to compare with the generator's truth */
async function storedMonths(store: Store, config: Config): Promise<Map<string, number>> {
  const authors = new Map<string, Set<number>>();
  for (const c of await counted(store, config)) {
    const month = new Date(c.mergedAtMs).toISOString().slice(0, 7);
    const set = authors.get(month) ?? new Set<number>();
    set.add(c.authorId);
    authors.set(month, set);
  }
  return new Map([...authors].map(([m, s]) => [m, s.size]));
}

const state = async (store: Store) => ({
  mrs: await store.mergeRequests(),
  items: await store.labelledItems(),
  epics: (await store.epics()).map(({ syncedAt: _s, ...rest }) => rest),
});

test("backfill stores exactly the generator's truth; a second sync with no changes fetches nothing new", async () => {
  const h = await harness();
  try {
    const first = await h.run();
    assert.ok(first.ok, JSON.stringify(first.sources));
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
    const truth = summarizeWorld(h.world, {
      groups: h.config.contributorGroups,
      communityLabel: LABEL,
      timezone: "UTC",
    });
    const stored = await storedMonths(h.store, h.config);
    for (const month of truth) assert.equal(stored.get(month.month) ?? 0, month.contributors, month.month);
    assert.ok((await h.store.historyStartMs()) !== null);
    assert.equal(await h.store.lastSuccessfulSyncAt(), NOW.toISOString());
    const items = await h.store.labelledItems();
    const expectedIssues = h.world.issues.filter(
      (i) => i.labels.includes("User engagement") && i.web_url.includes("/gitlab-com/"),
    ).length;
    assert.equal(items.filter((i) => i.kind === "issue").length, expectedIssues);
    assert.ok(items.some((i) => i.kind === "epic"));

    const before = await state(h.store);
    const second = await h.run();
    assert.ok(second.ok);
    for (const source of second.sources.filter((s) => s.source.startsWith("merge_requests:"))) {
      assert.equal(source.requests, 1, source.source);
      assert.equal(source.pages, 1, source.source);
    }
    assert.deepEqual(await state(h.store), before);
  } finally {
    await h.close();
  }
});

test("new merges are picked up incrementally; labels added or removed after the merge are followed", async () => {
  const h = await harness();
  try {
    await h.run();
    const count = await countedIn(h.store, h.config);
    const author = h.world.users.find((u) => u.username === "root");
    const project = h.world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-org/"));
    assert.ok(author && project);
    const later = new Date(NOW.getTime() + 3_600_000);
    // a fresh labelled merge, and an unlabelled merge that gets the label afterwards
    const fresh = addMergeRequest(h.world, {
      project_id: project.id,
      author,
      labels: [LABEL],
      created_at: NOW.toISOString(),
    });
    mergeMergeRequest(h.world, fresh.id, later);
    const plain = addMergeRequest(h.world, {
      project_id: project.id,
      author,
      labels: [],
      created_at: NOW.toISOString(),
    });
    mergeMergeRequest(h.world, plain.id, later);
    const labelLater = new Date(later.getTime() + 60_000);
    setMergeRequestLabels(h.world, plain.id, [LABEL], labelLater);
    const atLater = () => new Date(labelLater.getTime() + 60_000);
    const incremental = await h.run({ now: atLater, reconcile: false });
    assert.ok(incremental.ok);
    assert.equal(await countedIn(h.store, h.config), count + 2);

    // a label removed after the merge: invisible to the labelled query, dropped by reconcile
    const stored = (await h.store.mergeRequests()).find((m) => m.id === fresh.id);
    assert.ok(stored);
    setMergeRequestLabels(h.world, fresh.id, ["backend"], new Date(labelLater.getTime() + 120_000));
    const atEvenLater = () => new Date(labelLater.getTime() + 180_000);
    await h.run({ now: atEvenLater, reconcile: false });
    assert.equal(await countedIn(h.store, h.config), count + 2, "not seen without a reconcile");
    const reconciled = await h.run({ now: atEvenLater, reconcile: true });
    assert.ok(reconciled.ok);
    assert.equal(reconciled.totals.removed, 1);
    assert.equal(await countedIn(h.store, h.config), count + 1);
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
  } finally {
    await h.close();
  }
});

/** The ids of the world's MRs in `group` labelled LABEL and merged since `historyFromMs`: what the store must hold. */
const worldMergedIds = (world: GitLabWorld, group: string, historyFromMs: number) =>
  world.mergeRequests
    .filter((mr) => mr.labels.includes(LABEL) && mr.merged_at !== null && Date.parse(mr.merged_at) >= historyFromMs)
    .filter((mr) => world.projects.some((p) => p.id === mr.project_id && p.path_with_namespace.startsWith(`${group}/`)))
    .map((mr) => mr.id)
    .sort((a, b) => a - b);

test("MRs updated, created and relabelled while the crawl is between pages: nothing is skipped, the count is the truth", async () => {
  const h = await harness();
  try {
    const gitlabOrg = /\/groups\/gitlab-org\/merge_requests$/;
    // between the 1st and the 2nd page of the backfill, and again between the 3rd and the 4th; all a minute after
    // the crawl began (GitLab's clock runs on while the crawl pages)
    const at = new Date(NOW.getTime() + 60_000).toISOString();
    h.sandbox.inject({ fault: { kind: "mutate_between_pages", at, label: LABEL }, path: gitlabOrg, skip: 1 });
    h.sandbox.inject({ fault: { kind: "mutate_between_pages", at, label: LABEL }, path: gitlabOrg, skip: 1 });
    const crawled = await h.run();
    assert.ok(crawled.ok, JSON.stringify(crawled.sources));
    assert.ok((crawled.sources[0]?.pages ?? 0) >= 4, "the faults fell between pages");
    // what changed after the crawl began is read by the next one (its updated_at is after the crawl's start)
    const later = new Date(NOW.getTime() + 3_600_000);
    const next = await h.run({ now: () => later, reconcile: false });
    assert.ok(next.ok, JSON.stringify(next.sources));
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
    const historyFrom = (await h.store.historyStartMs()) ?? 0;
    const stored = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    const skipped = worldMergedIds(h.world, "gitlab-org", historyFrom).filter((id) => !stored.has(id));
    assert.deepEqual(skipped, [], "labelled merged MRs the crawl skipped");
  } finally {
    await h.close();
  }
});

test("merged MRs without merged_at are not counted, and the summary says how many (never dropped silently)", async () => {
  const h = await harness();
  try {
    const author = h.world.users.find((u) => u.username === "root");
    const project = h.world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-org/"));
    assert.ok(author && project);
    const undated = [1, 2].map((i) => {
      const mr = addMergeRequest(h.world, {
        project_id: project.id,
        author,
        state: "merged",
        labels: [LABEL],
        created_at: new Date(NOW.getTime() - i * 86_400_000).toISOString(),
      });
      mr.merged_at = null; // as GitLab lists some old ones
      return mr;
    });
    const summary = await h.run();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const mrs = summary.sources.find((s) => s.source === "merge_requests:gitlab-org");
    assert.deepEqual(mrs?.mergedWithoutMergedAt, { count: 2, examples: undated.map((mr) => mr.web_url) });
    assert.match(
      formatSyncSummary(summary),
      new RegExp(`⚠ 2 merged MRs without merged_at, not counted: ${undated[0]?.web_url}, ${undated[1]?.web_url}\n`),
    );
    const stored = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    assert.ok(undated.every((mr) => !stored.has(mr.id)));
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
    const other = summary.sources.find((s) => s.source === "merge_requests:gitlab-com");
    assert.equal(other?.mergedWithoutMergedAt, undefined, "said only where there are some");
  } finally {
    await h.close();
  }
});

test("the generated world's bot-labelled MRs, group bots, service accounts and archived project: the Report is the truth", async () => {
  const h = await harness();
  try {
    const { world } = h;
    const archived = world.projects.filter((p) => p.archived);
    const inArchived = world.mergeRequests.filter(
      (mr) => archived.some((p) => p.id === mr.project_id) && mr.state === "merged" && mr.labels.includes(LABEL),
    );
    const byName = (pattern: RegExp) =>
      world.mergeRequests.filter((mr) => pattern.test(mr.author.username) && mr.labels.includes(LABEL));
    const botLabelled = world.mergeRequests.filter(
      (mr) => mr.labels.includes("automation:bot-authored") && !world.meta.botUserIds.has(mr.author.id),
    );
    for (const [what, mrs] of Object.entries({
      "archived project": inArchived,
      "group bot": byName(/^group_\d+_bot_[0-9a-f]+$/),
      "service account": byName(/^service_account_/),
      "bot-labelled by a person-looking account": botLabelled,
    })) {
      assert.ok(mrs.length >= 4, `${what}: ${mrs.length} labelled MRs, one a month at least`);
    }
    const summary = await h.run();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const stored = new Set((await h.store.mergeRequests()).map((mr) => mr.id));
    assert.ok(
      inArchived.every((mr) => stored.has(mr.id)),
      "archived projects' MRs are fetched (non_archived=false)",
    );
    assert.ok(
      botLabelled.every((mr) => stored.has(mr.id)),
      "bots' MRs are stored; who counts is decided at read time",
    );

    const truth = summarizeWorld(world, { groups: h.config.contributorGroups, communityLabel: LABEL, timezone: "UTC" });
    const reports = new ReportService(h.store, h.config, () => NOW);
    for (const month of truth) {
      const report = await reports.report({ month: month.month });
      assert.deepEqual(
        [report?.contributors.count, report?.contributors.firstTime],
        [month.contributors, month.firstTime],
        month.month,
      );
    }
    // the truth itself: without the bot rules and the archived project it would be another number
    const everyone = new Set(
      world.mergeRequests
        .filter((mr) => mr.state === "merged" && mr.labels.includes(LABEL) && mr.merged_at?.startsWith("2026-02"))
        .filter((mr) => h.config.contributorGroups.some((g) => projectIsInGroup(world, mr.project_id, g)))
        .map((mr) => mr.author.id),
    );
    const february = truth.find((m) => m.month === "2026-02");
    assert.ok(february && february.contributors < everyone.size, "bots are left out of the truth");
  } finally {
    await h.close();
  }
});

test("429 with Retry-After: 2 waits at least 2 s, then the sync succeeds", async () => {
  const h = await harness({ maxTotalMs: 10_000 });
  try {
    h.sandbox.inject({ fault: { kind: "status", status: 429, retryAfterSeconds: 2 }, path: /merge_requests$/ });
    const summary = await h.run();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const mrRequests = h.sandbox.requests.filter((r) => r.path.endsWith("/merge_requests"));
    const [limited, retried] = mrRequests;
    assert.ok(limited && retried);
    assert.equal(limited.status, 429);
    assert.ok(retried.at - limited.at >= 2000, `waited ${retried.at - limited.at} ms`);
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
  } finally {
    await h.close();
  }
});

test("500 then success: retried, nothing lost", async () => {
  const h = await harness();
  try {
    h.sandbox.inject({ fault: { kind: "status", status: 500 }, path: /issues$/ });
    const summary = await h.run();
    assert.ok(summary.ok);
    assert.ok(h.sandbox.requests.some((r) => r.status === 500));
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
  } finally {
    await h.close();
  }
});

test("persistent 500 ends the source with a clear error, skips the rest; the store stays intact and dataAsOf unchanged", async () => {
  const h = await harness();
  try {
    await h.run();
    const before = await state(h.store);
    const dataAsOf = await h.store.lastSuccessfulSyncAt();
    h.sandbox.inject({
      fault: { kind: "status", status: 500 },
      path: /groups\/gitlab-org\/merge_requests$/,
      times: Infinity,
    });
    const later = new Date(NOW.getTime() + 3_600_000);
    const summary = await h.run({ now: () => later, reconcile: false });
    assert.equal(summary.ok, false);
    const failed = summary.sources.find((s) => s.source === "merge_requests:gitlab-org");
    assert.match(failed?.error ?? "", /GET groups\/gitlab-org\/merge_requests/);
    assert.match(failed?.error ?? "", /500/);
    // GitLab gave up on a server-side failure: the later sources would only fail the same way
    const rest = summary.sources.slice(summary.sources.findIndex((s) => s.source === "merge_requests:gitlab-org") + 1);
    assert.ok(rest.length >= 3);
    for (const s of rest) assert.deepEqual([s.skipped, s.error], [true, failed?.error], `${s.source} skipped`);
    assert.deepEqual(await state(h.store), before);
    assert.equal(
      await h.store.getCursor("merge_requests:gitlab-org"),
      NOW.getTime(),
      "a crawl that failed moves no cursor",
    );
    assert.equal(await h.store.lastSuccessfulSyncAt(), dataAsOf);
    assert.match((await h.store.recentSyncRuns(1))[0]?.error ?? "", /merge_requests:gitlab-org/);
  } finally {
    await h.close();
  }
});

test("a crash between pages, then a re-run, gives exactly the store of an uninterrupted sync", async () => {
  const world = generateWorld({ seed: 11, now: NOW, months: 4 });
  const clean = await harness({ world });
  const crashed = await harness({ world });
  try {
    const backfill = await clean.run();
    let pages = 0;
    await assert.rejects(
      crashed.run({
        onProgress: (event) => {
          if (event.kind === "page" && event.source === "merge_requests:gitlab-org" && ++pages === 3) {
            throw new Error("simulated crash");
          }
        },
      }),
      /simulated crash/,
    );
    const partial = await crashed.store.mergeRequestCount();
    assert.ok(partial > 0 && partial < (await clean.store.mergeRequestCount()), `partial ${partial}`);
    const rerun = await crashed.run();
    assert.ok(rerun.ok);
    const pagesOf = (summary: typeof rerun) =>
      summary.sources.find((x) => x.source === "merge_requests:gitlab-org")?.pages ?? 0;
    // 3 pages were stored before the crash: the re-run reads what changed since (one page) and the rest
    assert.equal(pagesOf(rerun), pagesOf(backfill) - 3 + 1, "the re-run went on where the crawl stopped");
    assert.deepEqual(await state(crashed.store), await state(clean.store));
  } finally {
    await clean.close();
    await crashed.close();
  }
});

// the Work Items source's unavailable epics: test/gitlab/work-items-epic-source.test.ts
test("an epic answering 404 (or 403) over REST is marked unavailable, the others sync, the run succeeds", async () => {
  const h = await harness({
    world: generateWorld({ seed: 3, now: NOW, months: 2, forbidEpic: "gitlab-com&1796" }),
    env: { EPICS: "gitlab-com&1795,gitlab-com&1796,gitlab-com&424242", EPIC_SOURCE: "rest" },
  });
  try {
    const summary = await h.run();
    assert.ok(summary.ok, JSON.stringify(summary.sources));
    const epics = await h.store.epics(h.config.epics.map((e) => e.ref));
    assert.deepEqual(
      epics.map((e) => [e.ref, e.available]),
      [
        ["gitlab-com&1795", true],
        ["gitlab-com&1796", false],
        ["gitlab-com&424242", false],
      ],
    );
    assert.match(epics[1]?.unavailableReason ?? "", /403/);
    assert.match(epics[2]?.unavailableReason ?? "", /404/);
    assert.ok((epics[0]?.totalIssues ?? 0) > 0);
  } finally {
    await h.close();
  }
});

test("two syncs at once on one database neither corrupt nor double anything", async () => {
  const h = await harness();
  const other = await Store.open(h.path);
  try {
    const { logger } = memoryLogger();
    const client = createGitLabClient({ url: h.sandbox.url, logger, retryBaseMs: 5 });
    const [a, b] = await Promise.all([
      h.run(),
      syncAll({ store: other, client, config: h.config, logger, now: () => NOW }),
    ]);
    assert.ok(a.ok && b.ok);
    assert.equal(await countedIn(h.store, h.config), truthCount(h.world, h.config));
    assert.notEqual(a.runId, b.runId);
  } finally {
    await other.close();
    await h.close();
  }
});

test("bots' MRs are stored and decided at read time; BOT_USER_IDS changes the count with no resync", async () => {
  const h = await harness();
  try {
    await h.run();
    const project = h.world.projects.find((p) => p.path_with_namespace.startsWith("gitlab-org/"));
    assert.ok(project);
    const groupBot = h.world.users.find((u) => u.username === "root");
    assert.ok(groupBot);
    const before = await countedIn(h.store, h.config);
    const stored = await h.store.mergeRequestCount();
    // a group access token's bot and a bot-labelled MR by a person: both stored, neither counted
    const bot = addUser(h.world, { id: 990_001, username: "group_9970_bot_3f2a1b0c", name: "Group bot", bot: true });
    const later = new Date(NOW.getTime() + 3_600_000);
    for (const [author, labels] of [
      [bot, [LABEL]],
      [groupBot, [LABEL, "automation:bot-authored"]],
    ] as const) {
      const item = addMergeRequest(h.world, {
        project_id: project.id,
        author,
        labels: [...labels],
        created_at: NOW.toISOString(),
      });
      mergeMergeRequest(h.world, item.id, later);
    }
    await h.run({ now: () => new Date(later.getTime() + 60_000), reconcile: false });
    assert.equal(await h.store.mergeRequestCount(), stored + 2);
    assert.equal(await countedIn(h.store, h.config), before);
    // the same store, a bot added by id: its MRs stop counting at once
    const someone = (await h.store.contributions())[0];
    assert.ok(someone);
    const theirs = (await counted(h.store, h.config)).filter((c) => c.authorId === someone.authorId).length;
    const narrowed = { ...h.config, botUserIds: [someone.authorId] };
    assert.equal(await countedIn(h.store, narrowed), before - theirs);
  } finally {
    await h.close();
  }
});

test("a changed COMMUNITY_LABEL, or a store from before bots were kept, makes the next sync backfill and say so", async () => {
  const h = await harness();
  try {
    const first = await h.run();
    assert.match(first.sources[0]?.note ?? "", /^new group: backfilling since \d{4}-\d{2}-01/);
    const quiet = await h.run();
    assert.equal(quiet.sources[0]?.note, undefined);
    // as a store written by an earlier version: no record of what it holds
    await sql`DELETE FROM store_meta WHERE key LIKE 'merge_requests_scope:%'`.execute(h.store.connection);
    const old = await h.run();
    assert.match(old.sources[0]?.note ?? "", /^stored before bots' and archived projects' MRs were kept: backfilling/);
    assert.ok((old.sources[0]?.pages ?? 0) > 1, "the whole history listed again");
    const relabelled = await h.run({ config: { ...h.config, communityLabel: "Wider community" } });
    assert.match(
      relabelled.sources[0]?.note ?? "",
      /^COMMUNITY_LABEL changed from "Community contribution" to "Wider community": backfilling since/,
    );
  } finally {
    await h.close();
  }
});

test("the sync stores the labelled MRs that are not merged too (funnel), and drops one from them once it merges", async () => {
  const h = await harness();
  try {
    const first = await h.run();
    assert.ok(first.ok, JSON.stringify(first.sources));
    const groups = h.config.contributorGroups;
    const inGroups = (webUrl: string) => groups.some((g) => webUrl.includes(`/${g}/`));
    const historyStartMs = (await h.store.historyStartMs()) ?? 0;
    const unmerged = h.world.mergeRequests.filter(
      (mr) =>
        mr.state !== "merged" &&
        mr.labels.includes(LABEL) &&
        inGroups(mr.web_url) &&
        (mr.state === "opened" || Date.parse(mr.closed_at ?? mr.updated_at) >= historyStartMs),
    );
    assert.ok(unmerged.some((mr) => mr.state === "opened") && unmerged.some((mr) => mr.state === "closed"));
    assert.equal(await h.store.unmergedMrCount(), unmerged.length);
    assert.ok(
      (await h.store.contributions()).every((c) => typeof c.createdAtMs === "number" && c.createdAtMs <= c.mergedAtMs),
      "merged rows carry their creation time",
    );

    // one of the open MRs merges: it moves to the merged table
    const opened = unmerged.find((mr) => mr.state === "opened");
    assert.ok(opened);
    const mergedBefore = await h.store.mergeRequestCount();
    const later = () => new Date(NOW.getTime() + 3_600_000);
    mergeMergeRequest(h.world, opened.id, new Date(NOW.getTime() + 60_000));
    const second = await h.run({ now: later, reconcile: false });
    assert.ok(second.ok, JSON.stringify(second.sources));
    assert.equal(await h.store.unmergedMrCount(), unmerged.length - 1);
    assert.equal(await h.store.mergeRequestCount(), mergedBefore + 1);

    // a store from before opened and closed MRs were kept backfills by itself, and says so
    await sql
      .raw(
        `UPDATE store_meta SET value = '{"label":"${LABEL}","stores":"all-labelled-mrs-v1"}' WHERE key LIKE 'merge_requests_scope:%'`,
      )
      .execute(h.store.connection);
    const old = await h.run({ now: later, reconcile: false });
    assert.match(old.sources[0]?.note ?? "", /^stored before opened and closed MRs were kept: backfilling since/);
  } finally {
    await h.close();
  }
});
