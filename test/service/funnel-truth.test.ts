/**
 * The funnel against the sandbox's known truth (issue 18, item 5): a generated world served over HTTP, the real sync
 * into the real store, the Report as every surface gets it (ReportService), and funnelTruth computed from the world by
 * the definitions (src/sandbox/truth.ts, independent of src/metrics/ and the store's SQL). For a few seeds,
 * time zones, scope and bot settings, and report months (the current one and past ones, where "now" is the month's
 * end), contributors.returning, funnel, retention, drifting and openMrs must equal the truth.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseConfig } from "../../src/config.js";
import type { Report } from "../../src/model/report.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { type FunnelTruth, funnelTruth, isBotUsername, monthIn, shiftMonth } from "../../src/sandbox/truth.js";
import type { GitLabWorld } from "../../src/sandbox/types.js";
import { openRuntime } from "../../src/service/runtime.js";
import { captureLog } from "../support/capture-log.js";

const LABEL = "Community contribution";
const MONTHS = 10;
const root = mkdtempSync(join(tmpdir(), "funnel-truth-"));
after(() => rmSync(root, { recursive: true, force: true }));

interface Case {
  seed: number;
  now: string;
  timezone: string;
  groups: string[];
  /** name a prolific contributor in BOT_USERNAMES and another in BOT_USER_IDS */
  bots: boolean;
}

const CASES: Case[] = [
  { seed: 5, now: "2026-11-16T09:30:00Z", timezone: "UTC", groups: ["gitlab-org", "gitlab-com"], bots: false },
  // 04:00 UTC on 1 March is still February in Los Angeles: the report month is 2026-02 there
  { seed: 11, now: "2026-03-01T04:00:00Z", timezone: "America/Los_Angeles", groups: ["gitlab-org"], bots: true },
  {
    seed: 29,
    now: "2026-07-31T20:15:00Z",
    timezone: "Pacific/Auckland",
    groups: ["gitlab-org", "gitlab-com"],
    bots: true,
  },
];

/** The two non-bot authors with the most labelled MRs: one by username, one by id. */
function prolificAuthors(world: GitLabWorld): { username: string; id: number } {
  const counts = new Map<number, { username: string; n: number }>();
  for (const mr of world.mergeRequests) {
    if (!mr.labels.includes(LABEL) || isBotUsername(mr.author.username)) continue;
    const entry = counts.get(mr.author.id) ?? { username: mr.author.username, n: 0 };
    entry.n++;
    counts.set(mr.author.id, entry);
  }
  const [first, second] = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0] - b[0]);
  assert.ok(first && second);
  return { username: first[1].username, id: second[0] };
}

/** The Report's funnel parts in the truth's shape. */
const funnelOf = (report: Report): FunnelTruth => ({
  month: report.month,
  contributors: {
    count: report.contributors.count,
    firstTime: report.contributors.firstTime,
    returning: report.contributors.returning,
  },
  funnel: report.funnel,
  retention: report.retention,
  drifting: {
    count: report.drifting.count,
    top: report.drifting.top.map(({ username, lastMergedAt, mergedCount }) => ({
      username,
      lastMergedAt,
      mergedCount,
    })),
  },
  openMrs: report.openMrs,
});

describe("the Report's funnel equals the sandbox world's truth", () => {
  for (const c of CASES) {
    it(`seed ${c.seed}, ${c.timezone}, groups ${c.groups.join("+")}${c.bots ? ", extra bots" : ""}`, async () => {
      const nowMs = Date.parse(c.now);
      const world = generateWorld({ seed: c.seed, now: new Date(nowMs), months: MONTHS });
      const bots = c.bots ? prolificAuthors(world) : undefined;
      const sandbox = await startSandbox({ world });
      const config = parseConfig({
        GITLAB_URL: sandbox.url,
        // one month more than the world holds: the synced history is the whole world
        HISTORY_MONTHS: String(MONTHS),
        TIMEZONE: c.timezone,
        CONTRIBUTOR_GROUPS: c.groups.join(","),
        BOT_USERNAMES: bots?.username ?? "",
        BOT_USER_IDS: bots === undefined ? "" : String(bots.id),
        DATABASE_PATH: join(root, `seed-${c.seed}`, "engagement.db"),
      });
      const runtime = await openRuntime(config, captureLog("warn").logger, { now: () => new Date(nowMs) });
      try {
        const summary = await runtime.runSync();
        assert.ok(summary.ok, JSON.stringify(summary.sources));
        const current = monthIn(nowMs, c.timezone);
        for (const month of [current, shiftMonth(current, -1), shiftMonth(current, -3)]) {
          const report = await runtime.reports.report({ month });
          assert.ok(report, "the store has synced");
          const truth = funnelTruth(world, {
            groups: c.groups,
            communityLabel: LABEL,
            timezone: c.timezone,
            ...(bots ? { botUsernames: [bots.username], botUserIds: [bots.id] } : {}),
            month,
            nowMs,
          });
          assert.deepEqual(funnelOf(report), truth, `report month ${month}`);
          // the world gives every part something to count, so a wrong rule shows
          assert.ok(truth.contributors.returning > 0 && truth.contributors.firstTime > 0, month);
          assert.ok(truth.retention.cohort > 0 && truth.retention.retained > 0, month);
          assert.ok(truth.drifting.count > 10, month);
          assert.ok(truth.openMrs.count > 0, month);
          assert.ok(
            truth.funnel.months.every((m) => m.openers > m.firstTimeOpeners),
            month,
          );
        }
      } finally {
        await runtime.close();
        await sandbox.close();
      }
    });
  }
});
