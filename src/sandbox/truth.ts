/**
 * The "truth" of a sandbox world: per-month merged community MRs and distinct contributors, and the contributor
 * funnel of a report month (issue 18's definitions), computed directly from the world with the rules of the README's
 * "What the numbers mean". Tests compare what the bot synced and counted against it.
 * The bot rules, month boundaries and funnel rules are implemented here on purpose independently of src/metrics/
 * (who-counts.ts, calendar.ts, funnel.ts and the store's SQL), so one can check the other.
 */
import type { GitLabWorld, GlMergeRequest } from "./types.js";
import { pathIsInGroup } from "./world.js";

export interface SummaryOptions {
  groups: string[];
  communityLabel: string;
  /** extra bot usernames beyond the built-in patterns */
  botUsernames?: string[];
  /** bot accounts by user id */
  botUserIds?: number[];
  /** MRs with this label never count; default automation:bot-authored */
  botLabel?: string;
  /** when set, only MRs of these projects (full paths) count */
  projects?: string[];
  /** IANA zone of the month boundaries (TIMEZONE) */
  timezone: string;
}

export interface MonthSummary {
  /** YYYY-MM */
  month: string;
  /** merged MRs that count (community label, configured group, non-bot author) */
  mergedMrs: number;
  /** distinct authors of those MRs */
  contributors: number;
  /** of those, authors with no counted merge in an earlier month of the world, or an MR labelled `1st contribution` */
  firstTime: number;
}

export const FIRST_CONTRIBUTION_LABEL = "1st contribution";

export function isBotUsername(username: string, extra: readonly string[] = []): boolean {
  const name = username.toLowerCase();
  if (name === "ghost") return true;
  if (name.endsWith("-bot") || name.endsWith("_bot")) return true;
  if (/^project_\d+_bot/.test(name)) return true;
  if (/^group_\d+_bot_[0-9a-f]+/.test(name)) return true;
  if (name.startsWith("service_account_")) return true;
  return extra.some((e) => e.toLowerCase() === name);
}

/** The labelled MRs of the world in any state that count (scope and bot rules), oldest `created_at` first. */
function labelledInScope(world: GitLabWorld, options: SummaryOptions): GlMergeRequest[] {
  const projectInScope = new Map<number, boolean>();
  for (const project of world.projects) {
    projectInScope.set(
      project.id,
      options.groups.some((g) => pathIsInGroup(project.path_with_namespace, g)) &&
        (options.projects === undefined || options.projects.includes(project.path_with_namespace)),
    );
  }
  return world.mergeRequests.filter(
    (mr) =>
      mr.labels.includes(options.communityLabel) &&
      projectInScope.get(mr.project_id) === true &&
      !mr.labels.includes(options.botLabel ?? "automation:bot-authored") &&
      !(options.botUserIds ?? []).includes(mr.author.id) &&
      !isBotUsername(mr.author.username, options.botUsernames),
  );
}

interface CountedMerge {
  mr: GlMergeRequest;
  mergedMs: number;
  month: string;
}

/** The counted merges, oldest first, each with its month in the zone. */
function countedMerges(world: GitLabWorld, options: SummaryOptions): CountedMerge[] {
  return labelledInScope(world, options)
    .filter((mr) => mr.state === "merged" && mr.merged_at !== null)
    .map((mr) => {
      const mergedMs = Date.parse(mr.merged_at ?? "");
      return { mr, mergedMs, month: monthIn(mergedMs, options.timezone) };
    })
    .sort((a, b) => a.mergedMs - b.mergedMs);
}

export function summarizeWorld(world: GitLabWorld, options: SummaryOptions): MonthSummary[] {
  const firstMergeMonth = new Map<number, string>();
  const months = new Map<string, { mrs: number; authors: Set<number>; firstTime: Set<number> }>();
  for (const { mr, month } of countedMerges(world, options)) {
    let entry = months.get(month);
    if (!entry) {
      entry = { mrs: 0, authors: new Set(), firstTime: new Set() };
      months.set(month, entry);
    }
    entry.mrs += 1;
    entry.authors.add(mr.author.id);
    if (!firstMergeMonth.has(mr.author.id)) firstMergeMonth.set(mr.author.id, month);
    if (firstMergeMonth.get(mr.author.id) === month || mr.labels.includes(FIRST_CONTRIBUTION_LABEL)) {
      entry.firstTime.add(mr.author.id);
    }
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, e]) => ({ month, mergedMrs: e.mrs, contributors: e.authors.size, firstTime: e.firstTime.size }));
}

// --- the contributor funnel of a report month (issue 18, "Definitions") ---

export interface FunnelTruthOptions extends SummaryOptions {
  /** the report month, YYYY-MM in `timezone` */
  month: string;
  /** the report's instant; for a month before the one it falls in, "now" is the end of that month */
  nowMs: number;
}

/** What the Report's contributors.returning, funnel, retention, drifting and openMrs must say. */
export interface FunnelTruth {
  month: string;
  contributors: { count: number; firstTime: number; returning: number };
  funnel: {
    months: Array<{ month: string; openers: number; firstTimeOpeners: number; firstTimeOpenersMerged: number }>;
  };
  retention: { cohortMonth: string; cohort: number; retained: number; rate: number | null };
  drifting: { count: number; top: Array<{ username: string; lastMergedAt: string; mergedCount: number }> };
  openMrs: { count: number; medianAgeDays: number | null; stalled: number };
}

const DAY_MS = 86_400_000;

export function funnelTruth(world: GitLabWorld, options: FunnelTruthOptions): FunnelTruth {
  const zone = options.timezone;
  const M = options.month;
  const month = (ms: number) => monthIn(ms, zone);
  // "now": the report's instant, or the first instant after the report month; what happens later has not happened
  const nextMonthStartMs = monthStartIn(shiftMonth(M, 1), zone);
  const current = options.nowMs < nextMonthStartMs;
  const atMs = current ? options.nowMs : nextMonthStartMs;
  const happened = (ms: number) => (current ? ms <= atMs : ms < atMs);
  const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

  const all = labelledInScope(world, options).filter((mr) => happened(Date.parse(mr.created_at)));
  const merges = countedMerges(world, options).filter((m) => happened(m.mergedMs));

  // contributors of M, first-time ones (no counted merge in an earlier month, or a `1st contribution` MR in M)
  const firstMergeMonth = new Map<number, string>();
  for (const m of merges) if (!firstMergeMonth.has(m.mr.author.id)) firstMergeMonth.set(m.mr.author.id, m.month);
  const contributorsOf = (key: string) => new Set(merges.filter((m) => m.month === key).map((m) => m.mr.author.id));
  const firstTimeOf = (key: string) =>
    new Set(
      merges
        .filter((m) => m.month === key)
        .filter((m) => firstMergeMonth.get(m.mr.author.id) === key || m.mr.labels.includes(FIRST_CONTRIBUTION_LABEL))
        .map((m) => m.mr.author.id),
    );
  const count = contributorsOf(M).size;
  const firstTime = firstTimeOf(M).size;

  // funnel: openers by creation month; first-time openers by their earliest labelled MR; merged by now
  const firstOpenedMonth = new Map<number, string>();
  for (const mr of [...all].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))) {
    if (!firstOpenedMonth.has(mr.author.id)) firstOpenedMonth.set(mr.author.id, month(Date.parse(mr.created_at)));
  }
  const mergedByNow = new Set(merges.map((m) => m.mr.author.id));
  const funnelMonths = [-5, -4, -3, -2, -1, 0].map((back) => {
    const key = shiftMonth(M, back);
    const openers = new Set(all.filter((mr) => month(Date.parse(mr.created_at)) === key).map((mr) => mr.author.id));
    const firstTimeOpeners = [...openers].filter((id) => firstOpenedMonth.get(id) === key);
    return {
      month: key,
      openers: openers.size,
      firstTimeOpeners: firstTimeOpeners.length,
      firstTimeOpenersMerged: firstTimeOpeners.filter((id) => mergedByNow.has(id)).length,
    };
  });

  // retention of the first-time contributors of M − 3
  const cohortMonth = shiftMonth(M, -3);
  const cohort = firstTimeOf(cohortMonth);
  const later = new Set(merges.filter((m) => m.month > cohortMonth).map((m) => m.mr.author.id));
  const retained = [...cohort].filter((id) => later.has(id)).length;

  // drifting: 3+ merges before M − 2, one of them in M − 5 … M − 3, none in M − 2 … now
  const quietFrom = shiftMonth(M, -2);
  const recentFrom = shiftMonth(M, -5);
  const byAuthor = new Map<number, CountedMerge[]>();
  for (const m of merges) byAuthor.set(m.mr.author.id, [...(byAuthor.get(m.mr.author.id) ?? []), m]);
  const drifting = [...byAuthor.values()]
    .filter((own) => {
      const before = own.filter((m) => m.month < quietFrom);
      return before.length >= 3 && before.some((m) => m.month >= recentFrom) && own.every((m) => m.month < quietFrom);
    })
    .map((own) => {
      const last = own[own.length - 1] as CountedMerge;
      return { username: last.mr.author.username, lastMergedAt: last.mr.merged_at ?? "", mergedCount: own.length };
    })
    .sort((a, b) => b.lastMergedAt.localeCompare(a.lastMergedAt) || (a.username < b.username ? -1 : 1));

  // open MRs at now: created, and neither merged nor closed yet
  const open = all.filter((mr) => {
    const done = ms(mr.merged_at) ?? ms(mr.closed_at);
    return done === null || !happened(done);
  });
  const ages = open.map((mr) => (atMs - Date.parse(mr.created_at)) / DAY_MS).sort((a, b) => a - b);
  const half = Math.floor(ages.length / 2);
  const median =
    ages.length === 0
      ? null
      : ages.length % 2 === 1
        ? (ages[half] as number)
        : ((ages[half - 1] as number) + (ages[half] as number)) / 2;

  return {
    month: M,
    contributors: { count, firstTime, returning: count - firstTime },
    funnel: { months: funnelMonths },
    retention: {
      cohortMonth,
      cohort: cohort.size,
      retained,
      rate: cohort.size === 0 ? null : Math.round((retained / cohort.size) * 1000) / 1000,
    },
    drifting: { count: drifting.length, top: drifting.slice(0, 10) },
    openMrs: {
      count: open.length,
      medianAgeDays: median === null ? null : Math.round(median * 10) / 10,
      stalled: open.filter((mr) => Date.parse(mr.updated_at) < atMs - 14 * DAY_MS).length,
    },
  };
}

// --- months in a time zone, by Intl alone ---

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM of the instant in the zone. */
export function monthIn(ms: number, timeZone: string): string {
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit" });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}`;
}

/** YYYY-MM, `n` months later (or earlier). */
export function shiftMonth(key: string, n: number): string {
  const total = Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/** The first instant of the month in the zone: the first millisecond whose month there is `key` (zones are < 1 day off UTC). */
function monthStartIn(key: string, timeZone: string): number {
  let low = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1) - DAY_MS;
  let high = low + 2 * DAY_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (monthIn(middle, timeZone) >= key) high = middle;
    else low = middle;
  }
  return high;
}
