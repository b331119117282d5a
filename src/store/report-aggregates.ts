/**
 * The store's answer to a ReportQuery (src/model/report-inputs.ts): the contributor and funnel figures of one
 * Report, aggregated by SQL over the contributor summary (src/store/author-months.ts: a row per author and month)
 * instead of every stored MR.
 *
 * Who counts (src/metrics/who-counts.ts) was applied when the summary was built (countedSql). Months are in
 * TIMEZONE: the query carries the window's boundaries as instants, which equal the summary's month starts, so each
 * part selects months by comparing them, never by a date function. The summary's months hold every stored merge; a Report
 * whose end instant falls inside its month with MRs stored after it (a clock set back, a month asked for while
 * the store holds later data) reads that month from the MR rows, with the same SQL that builds the summary, and a
 * store this process may not write reads every month that way. Portable SQL (SQLite and PostgreSQL): CASE,
 * window functions, CTEs (MATERIALIZED: computed once per statement), positional parameters.
 */
import type {
  DriftingAuthor,
  MonthContributor,
  ReportAggregates,
  ReportMonthMr,
  ReportQuery,
} from "../model/report-inputs.js";
import {
  ALL_ROWS,
  AUTHOR_MONTHS_COLUMNS,
  AUTHOR_MONTHS_DDL,
  type AuthorMonthsSource,
  authorHistorySql,
  authorMonthsSql,
  botUsernames,
  countedSql,
  monthStartsCovering,
  Params,
  type RowFilter,
  storedInstantRange,
} from "./author-months.js";
import { type Executor, run, rows as selectRows } from "./query.js";

/** The rows with an instant in [fromMs, untilMs): merged at or opened then. */
const inRange = (fromMs: number, untilMs: number): RowFilter => ({
  merged: (q) =>
    `((merged_at_ms >= ${q.p(fromMs)} AND merged_at_ms < ${q.p(untilMs)}) OR (created_at_ms >= ${q.p(fromMs)} AND created_at_ms < ${q.p(untilMs)}))`,
  unmerged: (q) => `created_at_ms >= ${q.p(fromMs)} AND created_at_ms < ${q.p(untilMs)}`,
});

/** true: an MR stored merged or opened at or after `ms` (the latest instant, read down an index). */
async function storedFrom(db: Executor, ms: number): Promise<boolean> {
  const range = await storedInstantRange(db);
  return range !== null && range.toMs >= ms;
}

/** Where a Report reads its summary rows when the summary cannot serve it as it is: rows built for this Report. */
const SCRATCH = "report_author_months";

/**
 * Fills the scratch table (a TEMP table of this connection) with the summary rows this Report counts: each merge
 * and opening before query.endMs, by author and month. `summary`: the summary is up to date for the query's scope,
 * so only the report month is read from the MR rows; else every month is.
 */
async function fillScratch(db: Executor, query: ReportQuery, summary: boolean): Promise<void> {
  const { monthStarts, endMs, scope } = query;
  const report = monthStarts.length - 2;
  const reportStart = monthStarts[report] as number;
  await run(db, `DROP TABLE IF EXISTS ${SCRATCH}`);
  await run(db, `CREATE TEMP TABLE ${SCRATCH} (${AUTHOR_MONTHS_DDL})`);
  // an author's months by key, for authorHistorySql
  await run(db, `CREATE INDEX ${SCRATCH}_author ON ${SCRATCH}(author_id, month_ms)`);
  const fill = async (source: Omit<AuthorMonthsSource, "scope" | "filter">): Promise<void> => {
    const q = new Params();
    const select = authorMonthsSql(q, { ...source, scope, filter: ALL_ROWS });
    await run(db, `INSERT INTO ${SCRATCH} (${AUTHOR_MONTHS_COLUMNS}) ${select}`, q.values);
  };
  if (summary) {
    await run(
      db,
      `INSERT INTO ${SCRATCH} (${AUTHOR_MONTHS_COLUMNS}) SELECT ${AUTHOR_MONTHS_COLUMNS} FROM author_months WHERE month_ms < ?`,
      [reportStart],
    );
    await fill({
      botNames: await botUsernames(db, scope.botUsernames, inRange(reportStart, endMs)),
      monthStarts: [reportStart, monthStarts[report + 1] as number],
      fromMs: reportStart,
      untilMs: endMs,
    });
  } else {
    const range = await storedInstantRange(db);
    if (range === null || range.fromMs >= endMs) return;
    await fill({
      botNames: await botUsernames(db, scope.botUsernames),
      monthStarts: monthStartsCovering(range.fromMs, Math.min(range.toMs, endMs - 1), query.timezone),
      fromMs: null,
      untilMs: endMs,
    });
  }
  // each row's view of its author's history, over the rows before endMs
  await run(db, authorHistorySql(SCRATCH));
}

interface Row {
  kind: string;
  k: number;
  x: number | null;
  y: number | null;
  z: number | null;
  s1: string | null;
  s2: string | null;
}

/**
 * The Report's figures over the summary rows in `table` (author_months, or the scratch table): each part reads one
 * range of months by key, and each row carries its author's history, so no part passes over every author.
 */
function aggregatesSql(q: Params, query: ReportQuery, table: string): string {
  const { monthStarts } = query;
  const report = monthStarts.length - 2;
  const at = (i: number): string => q.p(monthStarts[i]);
  /** the report month's end: no month at or after it counts */
  const cut = (): string => at(report + 1);
  return `
    SELECT 'count' AS kind, month_ms AS k, count(*) AS x, 0 AS y, 0 AS z, NULL AS s1, NULL AS s2 FROM ${table}
    WHERE month_ms >= ${at(0)} AND month_ms < ${cut()} AND merged > 0 GROUP BY month_ms
    UNION ALL
    SELECT 'month', author_id, merged, CASE WHEN labelled = 1 OR author_first_merge_month = month_ms THEN 1 ELSE 0 END,
      0, username, name
    FROM ${table} WHERE month_ms = ${at(report)} AND merged > 0
    UNION ALL
    SELECT 'cohort', 0, count(*), sum(CASE WHEN next_merge_month < ${cut()} THEN 1 ELSE 0 END), 0, NULL, NULL
    FROM ${table} WHERE month_ms = ${at(query.cohortMonth)} AND merged > 0
      AND (labelled = 1 OR author_first_merge_month = month_ms)
    UNION ALL
    SELECT 'drifting', author_id, last_merged_ms, merged_before + merged, 0, username, name FROM ${table}
    WHERE month_ms >= ${at(query.recentFrom)} AND month_ms < ${at(query.quietFrom)} AND merged > 0
      AND (next_merge_month IS NULL OR next_merge_month >= ${cut()})
      AND merged_before + merged >= ${q.p(query.driftingMinMerges)}
    UNION ALL
    SELECT 'funnel', month_ms, count(*), sum(CASE WHEN author_first_open_month = month_ms THEN 1 ELSE 0 END),
      sum(CASE WHEN author_first_open_month = month_ms AND author_first_merge_month < ${cut()} THEN 1 ELSE 0 END), NULL, NULL
    FROM ${table} WHERE month_ms >= ${at(query.funnelFrom)} AND month_ms < ${cut()} AND opened = 1 GROUP BY month_ms`;
}

/**
 * The Report's contributor and funnel figures. `summary`: the summary (author_months) is up to date for the
 * query's scope; else every month is read from the MR rows. Run it in one transaction: it may write the scratch table.
 */
export async function reportAggregates(db: Executor, query: ReportQuery, summary: boolean): Promise<ReportAggregates> {
  const { monthStarts, endMs } = query;
  const report = monthStarts.length - 2;
  const direct = summary && (endMs >= (monthStarts[report + 1] as number) || !(await storedFrom(db, endMs)));
  if (!direct) await fillScratch(db, query, summary);
  const q = new Params();
  const table = direct ? "author_months" : SCRATCH;
  const rows = await selectRows<Row>(db, aggregatesSql(q, query, table), q.values);
  // the pace months' first merges: tens of thousands of instants, read apart as two columns (a third of the cost)
  const firsts = await selectRows<{ m: number; f: number }>(
    db,
    `SELECT month_ms AS m, first_merged_ms AS f FROM ${table} WHERE month_ms >= ? AND month_ms <= ? AND merged > 0`,
    [monthStarts[query.firstMergeMonths.from], monthStarts[query.firstMergeMonths.to]],
  );
  if (!direct) await run(db, `DROP TABLE ${SCRATCH}`);
  const monthIndex = new Map(monthStarts.map((start, i) => [start, i]));

  const months = monthStarts.length - 1;
  const counts = new Array<number>(months).fill(0);
  const firstMerges: number[][] = Array.from({ length: months }, () => []);
  const reportMonth: MonthContributor[] = [];
  const drifting: DriftingAuthor[] = [];
  const funnelMonths = months - query.funnelFrom;
  const funnel = Array.from({ length: funnelMonths }, () => ({
    openers: 0,
    firstTimeOpeners: 0,
    firstTimeOpenersMerged: 0,
  }));
  const retention = { cohort: 0, retained: 0 };
  for (const { kind, k, x, y, z, s1, s2 } of rows) {
    switch (kind) {
      case "count":
        counts[monthIndex.get(Number(k)) as number] = Number(x ?? 0);
        break;
      case "month":
        reportMonth.push({
          authorId: k,
          username: s1 as string,
          name: s2 as string,
          mergedCount: x as number,
          firstTime: y === 1,
        });
        break;
      case "cohort":
        retention.cohort = x ?? 0;
        retention.retained = y ?? 0;
        break;
      case "drifting":
        drifting.push({
          authorId: k,
          username: s1 as string,
          name: s2 as string,
          lastMergedMs: x as number,
          mergedCount: y as number,
        });
        break;
      case "funnel":
        funnel[(monthIndex.get(Number(k)) as number) - query.funnelFrom] = {
          openers: x ?? 0,
          firstTimeOpeners: y ?? 0,
          firstTimeOpenersMerged: z ?? 0,
        };
        break;
    }
  }
  for (const { m, f } of firsts) (firstMerges[monthIndex.get(Number(m)) as number] as number[]).push(Number(f));
  for (const times of firstMerges) times.sort((a, b) => a - b);
  return { counts, firstMerges, reportMonth, retention, drifting, funnel, openMrs: await openMrs(db, query) };
}

/** Labelled MRs open at endMs: unmerged ones neither closed by then, and merged ones opened before and merged after. */
async function openMrs(db: Executor, query: ReportQuery): Promise<ReportAggregates["openMrs"]> {
  const { endMs } = query;
  const open: RowFilter = {
    // not closed by then (states: opened, locked, closed), each arm an index range of (state, closed_at_ms); unary +:
    // not the created_at index, which would read every row
    unmerged: (q) =>
      `(state IN ('opened', 'locked') OR (state = 'closed' AND closed_at_ms >= ${q.p(endMs)})) AND +created_at_ms < ${q.p(endMs)}`,
    // unary +: the merged_at index finds these few rows; without table statistics SQLite would take created_at's
    merged: (q) => `merged_at_ms >= ${q.p(endMs)} AND created_at_ms IS NOT NULL AND +created_at_ms < ${q.p(endMs)}`,
  };
  const botNames = await botUsernames(db, query.scope.botUsernames, open);
  const q = new Params();
  const sql = `
    SELECT created_at_ms AS created, CASE WHEN updated_at_ms < ${q.p(query.stalledBeforeMs)} THEN 1 ELSE 0 END AS stalled
    FROM unmerged_merge_requests WHERE ${open.unmerged(q)} AND ${countedSql(q, query.scope, botNames)}
    UNION ALL
    SELECT created_at_ms, 0 FROM merge_requests WHERE ${open.merged(q)} AND ${countedSql(q, query.scope, botNames)}`;
  const rows = await selectRows<{ created: number; stalled: number }>(db, sql, q.values);
  let stalled = 0;
  const createdMs = rows.map((row) => {
    stalled += row.stalled;
    return row.created;
  });
  return { createdMs, stalled };
}

/**
 * The counted MRs merged in the report month up to endMs, by merge time: the same rows, under the same
 * countedSql, whose authors the summary lists as the month's contributors.
 */
export async function reportMonthMrs(db: Executor, query: ReportQuery): Promise<ReportMonthMr[]> {
  const { monthStarts, endMs, scope } = query;
  const report = monthStarts.length - 2;
  const month: RowFilter = {
    merged: (q) =>
      `merged_at_ms >= ${q.p(monthStarts[report])} AND merged_at_ms < ${q.p(monthStarts[report + 1])} AND merged_at_ms < ${q.p(endMs)}`,
    unmerged: () => "0 = 1",
  };
  const botNames = await botUsernames(db, scope.botUsernames, month);
  const q = new Params();
  const sql = `SELECT author_id, web_url, merged_at_ms FROM merge_requests
    WHERE ${month.merged(q)} AND ${countedSql(q, scope, botNames)}
    ORDER BY merged_at_ms, id`;
  const rows = await selectRows<{ author_id: number; web_url: string; merged_at_ms: number }>(db, sql, q.values);
  return rows.map((row) => ({ authorId: row.author_id, webUrl: row.web_url, mergedAtMs: row.merged_at_ms }));
}
