/**
 * The contributor summary: one row per (author, month in TIMEZONE) of the counted MRs (src/metrics/who-counts.ts,
 * spelt in SQL by countedSql): how many merged that month, the first and last merge instants, whether one carried
 * the first-contribution label, whether the author opened an MR that month (merged or not), and the author's name
 * on that month's latest merge. A Report reads these few tens of thousands of rows (src/store/report-aggregates.ts)
 * instead of every stored MR.
 *
 * Kept by the store, not by the report: every write to an MR table marks its authors in author_months_dirty in the
 * same transaction (Store.upsertRows, Store.deleteByIds), and the sync's end or the next Report first rebuilds
 * those authors' rows (Store.refreshSummary, a batch at a time: rebuildDirtyAuthors). The summary is built under one scope and zone, recorded in store_meta; a Report asking
 * under another (a changed .env) rebuilds it whole. One SQL text (authorMonthsSql) turns MR rows into summary rows:
 * for the summary, and for a Report that must read the MR rows themselves (a store it may not write, or MRs stored
 * past the Report's end instant).
 */
import { addMonths, monthKeyOf, monthStartMs, parseMonthKey } from "../metrics/calendar.js";
import { isBotUsername } from "../metrics/who-counts.js";
import type { ContributorScope } from "../model/settings.js";
import { type Executor, first, run, rows as selectRows } from "./query.js";

/** Positional parameters collected in the order the SQL text mentions them (template literals evaluate left to right). */
export class Params {
  readonly values: unknown[] = [];

  p(value: unknown): string {
    this.values.push(value);
    return "?";
  }

  list(values: readonly unknown[]): string {
    return values.map((value) => this.p(value)).join(", ");
  }
}

const NEVER = "0 = 1";

/**
 * The WHERE condition of the MRs that count under `scope` (either MR table: they share these columns): the
 * community label and the bot label (a substring test on the stored JSON array of labels, the quoted name, as
 * Store.contributions() does), the groups (a project path under one of them, or for rows stored before paths were
 * kept, the group they were listed under), the project list, and bot authors by id and by username. GitLab
 * usernames and paths are ASCII, where SQL's lower() and JS's toLowerCase() agree.
 */
export function countedSql(q: Params, scope: ContributorScope, botNames: readonly string[]): string {
  const parts: string[] = [];
  parts.push(`replace(labels, ${q.p(JSON.stringify(scope.communityLabel))}, '') <> labels`);
  const groups = scope.contributorGroups.map((g) => g.toLowerCase());
  if (groups.length === 0) parts.push(NEVER);
  else {
    const byGroup = `project_path = '' AND lower(group_path) IN (${q.list(groups)})`;
    const prefixes = groups.map((g) => `substr(lower(project_path), 1, ${q.p(g.length + 1)}) = ${q.p(`${g}/`)}`);
    parts.push(`((${byGroup}) OR (project_path <> '' AND (${prefixes.join(" OR ")})))`);
  }
  const projects = scope.contributorProjects;
  if (projects !== undefined) {
    const byId = projects.ids.length > 0 ? `project_id IN (${q.list(projects.ids)})` : NEVER;
    const paths = projects.paths.map((p) => p.toLowerCase());
    const byPath = paths.length > 0 ? `lower(project_path) IN (${q.list(paths)})` : NEVER;
    parts.push(`(${byId} OR ${byPath})`);
  }
  parts.push(`replace(labels, ${q.p(JSON.stringify(scope.botLabel))}, '') = labels`);
  if (scope.botUserIds.length > 0) parts.push(`author_id NOT IN (${q.list(scope.botUserIds)})`);
  if (botNames.length > 0) parts.push(`author_username NOT IN (${q.list(botNames)})`);
  return parts.join(" AND ");
}

/** Which MR rows a statement reads: an extra condition per table (its parameters taken as it is written). */
export interface RowFilter {
  merged: (q: Params) => string;
  unmerged: (q: Params) => string;
}

export const ALL_ROWS: RowFilter = { merged: () => "1 = 1", unmerged: () => "1 = 1" };

/**
 * The stored usernames that are bots' (who-counts.ts isBotUsername) among the rows of `filter`. Bot usernames
 * follow patterns SQL cannot match portably, so the usernames that may be bots are read (a loose LIKE on lower())
 * and decided in JS by the one rule; the SQL then excludes them by name.
 */
export async function botUsernames(
  db: Executor,
  extra: readonly string[],
  filter: RowFilter = ALL_ROWS,
): Promise<string[]> {
  const q = new Params();
  const extras = extra.map((e) => e.toLowerCase());
  const candidate = (): string =>
    `(lower(author_username) LIKE '%bot%' OR lower(author_username) LIKE '%service%account%' OR lower(author_username) = 'ghost'` +
    (extras.length > 0 ? ` OR lower(author_username) IN (${q.list(extras)})` : "") +
    ")";
  const sql = `SELECT DISTINCT author_username FROM merge_requests WHERE ${candidate()} AND ${filter.merged(q)}
    UNION SELECT DISTINCT author_username FROM unmerged_merge_requests WHERE ${candidate()} AND ${filter.unmerged(q)}`;
  const found = await selectRows<{ author_username: string }>(db, sql, q.values);
  return found
    .map((row) => row.author_username)
    .filter((name) => isBotUsername(name, extra))
    .sort();
}

/**
 * `column` mapped to values[i] for starts[i] ≤ column < starts[i + 1], as a balanced tree of CASEs: log2(months)
 * comparisons a row, never a date function. Below starts[0] is `below`; at or past the last end, the last month.
 */
function monthCaseSql(
  q: Params,
  column: string,
  starts: readonly number[],
  /** month i's SQL, asked for where it is written (so its parameters line up) */
  value: (i: number) => string,
  below: string,
): string {
  const months = starts.length - 1;
  const node = (lo: number, hi: number): string => {
    if (hi - lo === 1) return value(lo);
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${column} < ${q.p(starts[mid])} THEN ${node(lo, mid)} ELSE ${node(mid, hi)} END`;
  };
  if (months <= 0) return below;
  return `CASE WHEN ${column} < ${q.p(starts[0])} THEN ${below} ELSE ${node(0, months)} END`;
}

/** The month starts in `timeZone` from the month of fromMs through the month of toMs, and the end of the last. */
export function monthStartsCovering(fromMs: number, toMs: number, timeZone: string): number[] {
  const firstKey = monthKeyOf(fromMs, timeZone);
  const a = parseMonthKey(firstKey);
  const b = parseMonthKey(monthKeyOf(toMs, timeZone));
  if (a === null || b === null) return [];
  const count = (b.year - a.year) * 12 + (b.month - a.month) + 1;
  return Array.from({ length: count + 1 }, (_, i) => monthStartMs(addMonths(firstKey, i), timeZone));
}

/** What authorMonthsSql reads: the rows of `filter` with their instants in [fromMs, untilMs), months in the zone. */
export interface AuthorMonthsSource {
  scope: ContributorScope;
  botNames: readonly string[];
  /** month starts covering every instant read (monthStartsCovering) */
  monthStarts: readonly number[];
  fromMs: number | null;
  untilMs: number | null;
  filter: RowFilter;
}

/** author_months' columns (migration 8), for a TEMP table of the same shape: BIGINT is an INTEGER to SQLite */
export const AUTHOR_MONTHS_DDL = `author_id BIGINT NOT NULL, month_ms BIGINT NOT NULL, merged INTEGER NOT NULL,
  first_merged_ms BIGINT, last_merged_ms BIGINT, labelled INTEGER NOT NULL, opened INTEGER NOT NULL, username TEXT,
  name TEXT, author_first_merge_month BIGINT, author_first_open_month BIGINT, merged_before INTEGER,
  next_merge_month BIGINT, PRIMARY KEY (month_ms, author_id)`;

/**
 * Sets each row's view of its author's history (author_first_merge_month, author_first_open_month, merged_before,
 * next_merge_month) from the author's rows in `table`, as authorMonthsSql computes them when it reads an author's
 * every month: for a table filled from parts (the scratch table of src/store/report-aggregates.ts).
 */
export function authorHistorySql(table: string): string {
  const other = (pick: string, condition: string): string =>
    `(SELECT ${pick} FROM ${table} x WHERE x.author_id = ${table}.author_id AND ${condition})`;
  return `UPDATE ${table} SET
    author_first_merge_month = ${other("min(x.month_ms)", "x.merged > 0")},
    author_first_open_month = ${other("min(x.month_ms)", "x.opened = 1")},
    merged_before = ${other("coalesce(sum(x.merged), 0)", `x.month_ms < ${table}.month_ms`)},
    next_merge_month = ${other("min(x.month_ms)", `x.month_ms > ${table}.month_ms AND x.merged > 0`)}`;
}

export const AUTHOR_MONTHS_COLUMNS =
  "author_id, month_ms, merged, first_merged_ms, last_merged_ms, labelled, opened, username, name, " +
  "author_first_merge_month, author_first_open_month, merged_before, next_merge_month";

/**
 * SELECT of summary rows (AUTHOR_MONTHS_COLUMNS) from the MR rows of `source`: merges by the month of merged_at,
 * openings by the month of created_at (merged MRs opened then, and those that did not merge), the name as on the
 * month's latest merge (ties: the later id).
 */
export function authorMonthsSql(q: Params, source: AuthorMonthsSource): string {
  const starts = source.monthStarts;
  const within = (column: string): string =>
    [
      source.fromMs === null ? null : `${column} >= ${q.p(source.fromMs)}`,
      source.untilMs === null ? null : `${column} < ${q.p(source.untilMs)}`,
    ]
      .filter((part) => part !== null)
      .join(" AND ") || "1 = 1";
  // the cast: PostgreSQL cannot tell a CASE's type from parameters alone
  const monthOf = (column: string): string =>
    monthCaseSql(q, column, starts, (i) => `CAST(${q.p(starts[i])} AS BIGINT)`, "NULL");
  const counted = (): string => countedSql(q, source.scope, source.botNames);
  return `
    WITH mm AS MATERIALIZED (
      SELECT author_id AS a, ${monthOf("merged_at_ms")} AS m, merged_at_ms AS t, id, author_username AS u,
        author_name AS nm, first_contribution AS lab
      FROM merge_requests WHERE ${within("merged_at_ms")} AND ${source.filter.merged(q)} AND ${counted()}
    ),
    ms AS MATERIALIZED (SELECT a, m, count(*) AS n, min(t) AS f, max(t) AS l, max(lab) AS lab FROM mm GROUP BY a, m),
    mu AS MATERIALIZED (
      SELECT a, m, u, nm FROM (
        SELECT a, m, u, nm, row_number() OVER (PARTITION BY a, m ORDER BY t DESC, id DESC) AS rn FROM mm
      ) ranked WHERE rn = 1
    ),
    op AS MATERIALIZED (
      SELECT author_id AS a, ${monthOf("created_at_ms")} AS m FROM merge_requests
      WHERE created_at_ms IS NOT NULL AND ${within("created_at_ms")} AND ${source.filter.merged(q)} AND ${counted()}
      UNION
      SELECT author_id, ${monthOf("created_at_ms")} FROM unmerged_merge_requests
      WHERE ${within("created_at_ms")} AND ${source.filter.unmerged(q)} AND ${counted()}
    ),
    k AS (SELECT a, m FROM ms UNION SELECT a, m FROM op)
    SELECT k.a AS author_id, k.m AS month_ms, coalesce(ms.n, 0) AS merged, ms.f AS first_merged_ms,
      ms.l AS last_merged_ms, coalesce(ms.lab, 0) AS labelled, CASE WHEN op.a IS NULL THEN 0 ELSE 1 END AS opened,
      mu.u AS username, mu.nm AS name,
      min(CASE WHEN ms.n > 0 THEN k.m END) OVER (PARTITION BY k.a) AS author_first_merge_month,
      min(CASE WHEN op.a IS NOT NULL THEN k.m END) OVER (PARTITION BY k.a) AS author_first_open_month,
      coalesce(sum(ms.n) OVER (PARTITION BY k.a ORDER BY k.m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
        AS merged_before,
      min(CASE WHEN ms.n > 0 THEN k.m END) OVER (PARTITION BY k.a ORDER BY k.m
        ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_merge_month
    FROM k LEFT JOIN ms ON ms.a = k.a AND ms.m = k.m LEFT JOIN mu ON mu.a = k.a AND mu.m = k.m
      LEFT JOIN op ON op.a = k.a AND op.m = k.m`;
}

/** The instant columns a summary covers: each merge, and each opening, merged or not. */
const INSTANTS = [
  ["merge_requests", "merged_at_ms"],
  ["merge_requests", "created_at_ms"],
  ["unmerged_merge_requests", "created_at_ms"],
] as const;

/** The first and last instant of any stored MR (merged, opened): what the summary's months must cover. */
export async function storedInstantRange(db: Executor): Promise<{ fromMs: number; toMs: number } | null> {
  // one min() or max() per subquery: each is one step down an index, not a pass over the table
  const ends = INSTANTS.flatMap(([table, column]) =>
    (["min", "max"] as const).map((fn) => `(SELECT ${fn}(${column}) FROM ${table}) AS ${fn}_${table}_${column}`),
  );
  const row = await first<Record<string, number | string | null>>(db, `SELECT ${ends.join(", ")}`);
  const found = (fn: "min" | "max"): number[] =>
    INSTANTS.map(([table, column]) => row?.[`${fn}_${table}_${column}`])
      .filter((value) => value !== null && value !== undefined)
      .map(Number);
  const lows = found("min");
  const highs = found("max");
  if (lows.length === 0 || highs.length === 0) return null;
  return { fromMs: Math.min(...lows), toMs: Math.max(...highs) };
}

/** The scope and zone a summary is built under; a Report under another one rebuilds it. */
export const summaryKey = (scope: ContributorScope, timeZone: string): string =>
  JSON.stringify({
    timeZone,
    communityLabel: scope.communityLabel,
    botLabel: scope.botLabel,
    groups: scope.contributorGroups.map((g) => g.toLowerCase()),
    projects:
      scope.contributorProjects === undefined
        ? null
        : { ids: scope.contributorProjects.ids, paths: scope.contributorProjects.paths.map((p) => p.toLowerCase()) },
    botUserIds: scope.botUserIds,
    botUsernames: scope.botUsernames.map((u) => u.toLowerCase()),
  });

export const SUMMARY_KEY_META = "author_months_key";

/** Authors rebuilt per transaction: each batch holds the write lock (and, on SQLite, the event loop) for tens of ms. */
export const REBUILD_BATCH_AUTHORS = 200;

/**
 * Starts a whole rebuild, in the caller's write transaction (which records the new key, Store.refreshSummary): no
 * summary rows, every stored author marked dirty. rebuildDirtyAuthors then builds it a batch at a time; a Report
 * reads it only once no author is dirty.
 */
export async function startWholeRebuild(db: Executor, dialect: "sqlite" | "postgres"): Promise<void> {
  // PostgreSQL: TRUNCATE, since a DELETE's dead rows would slow every insert of the rebuild
  await run(db, dialect === "postgres" ? "TRUNCATE author_months" : "DELETE FROM author_months");
  await run(
    db,
    // WHERE true: SQLite reads ON CONFLICT after a bare SELECT as a join's ON otherwise
    `INSERT INTO author_months_dirty (author_id) SELECT author_id FROM (SELECT author_id FROM merge_requests
     UNION SELECT author_id FROM unmerged_merge_requests) authors WHERE true ON CONFLICT (author_id) DO NOTHING`,
  );
}

/**
 * Rebuilds the summary rows of up to REBUILD_BATCH_AUTHORS dirty authors from their MR rows, in the caller's write
 * transaction, and clears their marks. Returns how many it rebuilt (0: none was dirty).
 */
export async function rebuildDirtyAuthors(db: Executor, scope: ContributorScope, timeZone: string): Promise<number> {
  const dirty = await selectRows<{ author_id: number }>(
    db,
    "SELECT author_id FROM author_months_dirty ORDER BY author_id LIMIT ?",
    [REBUILD_BATCH_AUTHORS],
  );
  const ids = dirty.map((row) => Number(row.author_id));
  if (ids.length === 0) return 0;
  const theirs = (q: Params): string => `author_id IN (${q.list(ids)})`;
  const filter: RowFilter = { merged: theirs, unmerged: theirs };
  const statement = async (build: (q: Params) => string): Promise<void> => {
    const q = new Params();
    const text = build(q);
    await run(db, text, q.values);
  };
  await statement((q) => `DELETE FROM author_months WHERE ${theirs(q)}`);
  const range = await storedInstantRange(db);
  if (range !== null) {
    const botNames = await botUsernames(db, scope.botUsernames, filter);
    const monthStarts = monthStartsCovering(range.fromMs, range.toMs, timeZone);
    await statement(
      (q) =>
        `INSERT INTO author_months (${AUTHOR_MONTHS_COLUMNS}) ${authorMonthsSql(q, { scope, botNames, monthStarts, fromMs: null, untilMs: null, filter })}`,
    );
  }
  await statement((q) => `DELETE FROM author_months_dirty WHERE ${theirs(q)}`);
  return ids.length;
}
