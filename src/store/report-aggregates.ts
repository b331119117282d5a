/**
 * The store's answer to a ReportQuery (src/model/report-inputs.ts): the contributor and funnel figures of one
 * Report, aggregated by SQL over the stored MRs instead of read row by row into memory.
 *
 * Who counts (src/metrics/who-counts.ts) is applied in the WHERE clauses, rule for rule: the community label and
 * the bot label (a substring test on the stored JSON array of labels, the quoted name, as contributions() does),
 * the groups (a project path under one of them, or for rows stored before paths were kept, the group they were
 * listed under), the project list, and bot authors by id and by username. Bot usernames follow patterns SQL
 * cannot match portably, so the distinct usernames that may be bots are read first (a loose LIKE on lower()),
 * decided in JS by the one rule (isBotUsername), and excluded by name. GitLab usernames and paths are ASCII, where
 * SQL's lower() and JS's toLowerCase() agree.
 *
 * Months are in TIMEZONE: the query carries their boundaries as instants and every bucket is a CASE over those
 * parameters, never a date function. Portable SQL (SQLite and PostgreSQL): CASE, replace, substr, lower, LIKE,
 * window functions, CTEs (MATERIALIZED: computed once per statement), positional parameters.
 */
import { isBotUsername } from "../metrics/who-counts.js";
import type {
  DriftingAuthor,
  MonthContributor,
  ReportAggregates,
  ReportMonthMr,
  ReportQuery,
} from "../model/report-inputs.js";
import type { ContributorScope } from "../model/settings.js";
import { type Executor, rows as selectRows } from "./query.js";

/** Positional parameters collected in the order the SQL text mentions them (template literals evaluate left to right). */
class Params {
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
 * The WHERE condition of the MRs that count under `scope` (either MR table: they share these columns). Each part
 * takes its parameters as it is written, so they line up with the text.
 */
function countedSql(q: Params, scope: ContributorScope, botNames: readonly string[]): string {
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

/** The stored usernames that are bots' (who-counts.ts isBotUsername), over both MR tables. */
export async function botUsernames(db: Executor, extra: readonly string[]): Promise<string[]> {
  const q = new Params();
  const extras = extra.map((e) => e.toLowerCase());
  const candidate = (): string =>
    `lower(author_username) LIKE '%bot%' OR lower(author_username) LIKE '%service%account%' OR lower(author_username) = 'ghost'` +
    (extras.length > 0 ? ` OR lower(author_username) IN (${q.list(extras)})` : "");
  const sql = `SELECT DISTINCT author_username FROM merge_requests WHERE ${candidate()}
    UNION SELECT DISTINCT author_username FROM unmerged_merge_requests WHERE ${candidate()}`;
  const found = await selectRows<{ author_username: string }>(db, sql, q.values);
  const names = found.map((row) => row.author_username);
  return names.filter((name) => isBotUsername(name, extra)).sort();
}

/** The window month of instant `column`: -1 before the window, i for monthStarts[i] ≤ t < monthStarts[i + 1]. */
function bucketSql(q: Params, column: string, starts: readonly number[]): string {
  const arms = starts.map((start, i) => `WHEN ${column} < ${q.p(start)} THEN ${i - 1}`).join(" ");
  return `CASE ${arms} ELSE ${starts.length - 1} END`;
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

export async function reportAggregates(
  db: Executor,
  query: ReportQuery,
  botNames: readonly string[],
): Promise<ReportAggregates> {
  const { monthStarts, endMs, scope } = query;
  const report = monthStarts.length - 2;
  const reportStart = monthStarts[report] as number;
  const recentStart = monthStarts[query.recentFrom] as number;
  const quietStart = monthStarts[query.quietFrom] as number;
  const q = new Params();
  const counted = (): string => countedSql(q, scope, botNames);
  const sql = `
    WITH merged AS MATERIALIZED (
      SELECT author_id AS a,
        CASE WHEN merged_at_ms >= ${q.p(endMs)} THEN NULL ELSE ${bucketSql(q, "merged_at_ms", monthStarts)} END AS b,
        CASE WHEN created_at_ms IS NULL OR created_at_ms >= ${q.p(endMs)} THEN NULL
          ELSE ${bucketSql(q, "created_at_ms", monthStarts)} END AS cb,
        min(merged_at_ms) AS f, max(merged_at_ms) AS l, count(*) AS n, max(first_contribution) AS lab
      FROM merge_requests WHERE ${counted()}
      GROUP BY 1, 2, 3
    ),
    cm AS MATERIALIZED (
      SELECT a, b, min(f) AS f, sum(n) AS n, max(lab) AS lab FROM merged WHERE b IS NOT NULL GROUP BY a, b
    ),
    ca AS MATERIALIZED (
      SELECT a, min(b) AS fb, max(b) AS lb, sum(n) AS total, max(l) AS last_ms,
        sum(CASE WHEN b < ${q.p(query.quietFrom)} THEN n ELSE 0 END) AS before_quiet,
        max(CASE WHEN b >= ${q.p(query.recentFrom)} AND b < ${q.p(query.quietFrom)} THEN 1 ELSE 0 END) AS recent
      FROM merged WHERE b IS NOT NULL GROUP BY a
    ),
    latest AS MATERIALIZED (
      SELECT a, part, username, name FROM (
        SELECT author_id AS a, CASE WHEN merged_at_ms >= ${q.p(reportStart)} THEN 1 ELSE 0 END AS part,
          author_username AS username, author_name AS name,
          row_number() OVER (PARTITION BY author_id, CASE WHEN merged_at_ms >= ${q.p(reportStart)} THEN 1 ELSE 0 END
            ORDER BY merged_at_ms DESC, id DESC) AS rn
        FROM merge_requests
        WHERE ((merged_at_ms >= ${q.p(recentStart)} AND merged_at_ms < ${q.p(quietStart)})
          OR (merged_at_ms >= ${q.p(reportStart)} AND merged_at_ms < ${q.p(endMs)})) AND ${counted()}
      ) ranked WHERE rn = 1
    ),
    opened AS MATERIALIZED (
      SELECT a, cb AS b FROM merged WHERE cb IS NOT NULL
      UNION
      SELECT author_id, ${bucketSql(q, "created_at_ms", monthStarts)} FROM unmerged_merge_requests
      WHERE created_at_ms < ${q.p(endMs)} AND ${counted()}
    ),
    first_opened AS (SELECT a, min(b) AS fb FROM opened GROUP BY a)
    SELECT 'count' AS kind, b AS k, count(*) AS x, 0 AS y, 0 AS z, NULL AS s1, NULL AS s2 FROM cm WHERE b >= 0 GROUP BY b
    UNION ALL
    SELECT 'first', b, f, 0, 0, NULL, NULL FROM cm
    WHERE b >= ${q.p(query.firstMergeMonths.from)} AND b <= ${q.p(query.firstMergeMonths.to)}
    UNION ALL
    SELECT 'month', cm.a, cm.n, CASE WHEN ca.fb = ${q.p(report)} OR cm.lab = 1 THEN 1 ELSE 0 END, 0,
      latest.username, latest.name
    FROM cm JOIN ca ON ca.a = cm.a JOIN latest ON latest.a = cm.a AND latest.part = 1 WHERE cm.b = ${q.p(report)}
    UNION ALL
    SELECT 'cohort', 0, count(*), sum(CASE WHEN ca.lb > ${q.p(query.cohortMonth)} THEN 1 ELSE 0 END), 0, NULL, NULL
    FROM cm JOIN ca ON ca.a = cm.a
    WHERE cm.b = ${q.p(query.cohortMonth)} AND (ca.fb = ${q.p(query.cohortMonth)} OR cm.lab = 1)
    UNION ALL
    SELECT 'drifting', ca.a, ca.last_ms, ca.total, 0, latest.username, latest.name
    FROM ca JOIN latest ON latest.a = ca.a AND latest.part = 0
    WHERE ca.before_quiet >= ${q.p(query.driftingMinMerges)} AND ca.recent = 1 AND ca.lb < ${q.p(query.quietFrom)}
    UNION ALL
    SELECT 'funnel', opened.b, count(*), sum(CASE WHEN first_opened.fb = opened.b THEN 1 ELSE 0 END),
      sum(CASE WHEN first_opened.fb = opened.b AND ca.a IS NOT NULL THEN 1 ELSE 0 END), NULL, NULL
    FROM opened JOIN first_opened ON first_opened.a = opened.a LEFT JOIN ca ON ca.a = opened.a
    WHERE opened.b >= ${q.p(query.funnelFrom)} GROUP BY opened.b`;
  const rows = await selectRows<Row>(db, sql, q.values);

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
        counts[k] = x ?? 0;
        break;
      case "first":
        (firstMerges[k] as number[]).push(x as number);
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
        funnel[k - query.funnelFrom] = { openers: x ?? 0, firstTimeOpeners: y ?? 0, firstTimeOpenersMerged: z ?? 0 };
        break;
    }
  }
  for (const times of firstMerges) times.sort((a, b) => a - b);
  return { counts, firstMerges, reportMonth, retention, drifting, funnel, openMrs: await openMrs(db, query, botNames) };
}

/** Labelled MRs open at endMs: unmerged ones neither closed by then, and merged ones opened before and merged after. */
async function openMrs(
  db: Executor,
  query: ReportQuery,
  botNames: readonly string[],
): Promise<ReportAggregates["openMrs"]> {
  const q = new Params();
  const { endMs } = query;
  const sql = `
    SELECT created_at_ms AS created, CASE WHEN updated_at_ms < ${q.p(query.stalledBeforeMs)} THEN 1 ELSE 0 END AS stalled
    FROM unmerged_merge_requests
    WHERE created_at_ms < ${q.p(endMs)}
      AND NOT (state = 'closed' AND (closed_at_ms IS NULL OR closed_at_ms < ${q.p(endMs)}))
      AND ${countedSql(q, query.scope, botNames)}
    UNION ALL
    SELECT created_at_ms, 0 FROM merge_requests
    WHERE merged_at_ms >= ${q.p(endMs)} AND created_at_ms IS NOT NULL AND created_at_ms < ${q.p(endMs)}
      AND ${countedSql(q, query.scope, botNames)}`;
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
 * countedSql, whose authors reportAggregates lists as the month's contributors.
 */
export async function reportMonthMrs(
  db: Executor,
  query: ReportQuery,
  botNames: readonly string[],
): Promise<ReportMonthMr[]> {
  const { monthStarts, endMs, scope } = query;
  const report = monthStarts.length - 2;
  const q = new Params();
  const sql = `SELECT author_id, web_url, merged_at_ms FROM merge_requests
    WHERE merged_at_ms >= ${q.p(monthStarts[report])} AND merged_at_ms < ${q.p(monthStarts[report + 1])}
      AND merged_at_ms < ${q.p(endMs)} AND ${countedSql(q, scope, botNames)}
    ORDER BY merged_at_ms, id`;
  const rows = await selectRows<{ author_id: number; web_url: string; merged_at_ms: number }>(db, sql, q.values);
  return rows.map((row) => ({ authorId: row.author_id, webUrl: row.web_url, mergedAtMs: row.merged_at_ms }));
}
