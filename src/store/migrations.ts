/**
 * Versioned schema, one history for both databases. Applied in order at open: on SQLite `PRAGMA user_version`
 * records the last one applied, on PostgreSQL the table schema_migrations (one row per version, src/store/postgres.ts).
 * Append new entries at the end (never edit an applied one): other parts of the bot add their tables here.
 */
export interface Migration {
  version: number;
  /** SQLite */
  sql: string;
  /** the same change in PostgreSQL's words: instants and ids as BIGINT (read back as numbers), identity columns */
  postgres: string;
}

/** a migration whose SQL is the same in both dialects */
const SAME = "";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE merge_requests (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL,
        iid INTEGER NOT NULL,
        group_path TEXT NOT NULL,
        author_id INTEGER NOT NULL,
        author_username TEXT NOT NULL,
        author_name TEXT NOT NULL,
        merged_at_ms INTEGER NOT NULL,
        labels TEXT NOT NULL,
        -- precomputed so contributions() never parses the labels JSON of 240k rows
        first_contribution INTEGER NOT NULL,
        web_url TEXT NOT NULL,
        title TEXT NOT NULL
      );
      CREATE INDEX merge_requests_group_merged ON merge_requests(group_path, merged_at_ms);

      CREATE TABLE labelled_items (
        kind TEXT NOT NULL,
        id INTEGER NOT NULL,
        ref TEXT NOT NULL,
        title TEXT NOT NULL,
        web_url TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX labelled_items_created ON labelled_items(created_at_ms);

      CREATE TABLE epics (
        ref TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        state TEXT NOT NULL,
        start_date TEXT,
        due_date TEXT,
        web_url TEXT NOT NULL,
        closed_issues INTEGER NOT NULL,
        total_issues INTEGER NOT NULL,
        closed_weight INTEGER NOT NULL,
        total_weight INTEGER NOT NULL,
        available INTEGER NOT NULL,
        unavailable_reason TEXT,
        synced_at TEXT NOT NULL
      );

      CREATE TABLE sync_cursors (
        source TEXT PRIMARY KEY,
        cursor_ms INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        fetched INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );

      CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE digest_ledger (
        period TEXT PRIMARY KEY,
        claimed_by TEXT,
        claimed_at TEXT,
        claim_expires_at TEXT,
        posted_at TEXT,
        channel TEXT,
        ts TEXT,
        permalink TEXT
      );

      CREATE TABLE alert_ledger (
        month TEXT,
        status TEXT,
        kind TEXT,
        posted_at TEXT,
        channel TEXT,
        ts TEXT,
        PRIMARY KEY (month, status, kind)
      );

      CREATE TABLE pace_state (
        month TEXT PRIMARY KEY,
        status TEXT,
        evaluated_at TEXT
      );

      CREATE TABLE channel_settings (
        channel TEXT PRIMARY KEY,
        alerts_muted INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT,
        updated_at TEXT
      );
    `,
    postgres: `
      CREATE TABLE merge_requests (
        id BIGINT PRIMARY KEY,
        project_id BIGINT NOT NULL,
        iid BIGINT NOT NULL,
        group_path TEXT NOT NULL,
        author_id BIGINT NOT NULL,
        author_username TEXT NOT NULL,
        author_name TEXT NOT NULL,
        merged_at_ms BIGINT NOT NULL,
        labels TEXT NOT NULL,
        first_contribution INTEGER NOT NULL,
        web_url TEXT NOT NULL,
        title TEXT NOT NULL
      );
      CREATE INDEX merge_requests_group_merged ON merge_requests(group_path, merged_at_ms);
      CREATE TABLE labelled_items (
        kind TEXT NOT NULL,
        id BIGINT NOT NULL,
        ref TEXT NOT NULL,
        title TEXT NOT NULL,
        web_url TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX labelled_items_created ON labelled_items(created_at_ms);
      CREATE TABLE epics (
        ref TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        state TEXT NOT NULL,
        start_date TEXT,
        due_date TEXT,
        web_url TEXT NOT NULL,
        closed_issues INTEGER NOT NULL,
        total_issues INTEGER NOT NULL,
        closed_weight INTEGER NOT NULL,
        total_weight INTEGER NOT NULL,
        available INTEGER NOT NULL,
        unavailable_reason TEXT,
        synced_at TEXT NOT NULL
      );
      CREATE TABLE sync_cursors (
        source TEXT PRIMARY KEY,
        cursor_ms BIGINT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sync_runs (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        fetched INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE digest_ledger (
        period TEXT PRIMARY KEY,
        claimed_by TEXT,
        claimed_at TEXT,
        claim_expires_at TEXT,
        posted_at TEXT,
        channel TEXT,
        ts TEXT,
        permalink TEXT
      );
      CREATE TABLE alert_ledger (
        month TEXT,
        status TEXT,
        kind TEXT,
        posted_at TEXT,
        channel TEXT,
        ts TEXT,
        PRIMARY KEY (month, status, kind)
      );
      CREATE TABLE pace_state (
        month TEXT PRIMARY KEY,
        status TEXT,
        evaluated_at TEXT
      );
      CREATE TABLE channel_settings (
        channel TEXT PRIMARY KEY,
        alerts_muted INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT,
        updated_at TEXT
      );
    `,
  },
  {
    version: 2,
    // Alerts need the same cross-process claim as digests (store/ledger.ts): who is posting one, and until when.
    sql: `
      ALTER TABLE alert_ledger ADD COLUMN claimed_by TEXT;
      ALTER TABLE alert_ledger ADD COLUMN claim_expires_at TEXT;
    `,
    postgres: SAME,
  },
  {
    version: 3,
    // Workstream KPIs recorded by people (src/model/workstreams.ts). Append-only: a correction is a new row for the
    // same KPI and month, and the newest row counts, so the history keeps who recorded what, and when.
    sql: `
      CREATE TABLE kpi_values (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kpi TEXT NOT NULL,
        month TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value >= 0),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX kpi_values_kpi_month ON kpi_values(kpi, month);
    `,
    postgres: `
      CREATE TABLE kpi_values (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        kpi TEXT NOT NULL,
        month TEXT NOT NULL,
        value BIGINT NOT NULL CHECK (value >= 0),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX kpi_values_kpi_month ON kpi_values(kpi, month);
    `,
  },
  {
    version: 4,
    // Who counts is decided when the report is built (src/metrics/who-counts.ts): a project list needs each MR's
    // project path. Rows stored before it get theirs from their web_url (https://host/<path>/-/merge_requests/<iid>).
    sql: `
      ALTER TABLE merge_requests ADD COLUMN project_path TEXT NOT NULL DEFAULT '';
      UPDATE merge_requests SET project_path = coalesce((
        SELECT CASE WHEN instr(tail, '/-/') > 0 THEN substr(tail, 1, instr(tail, '/-/') - 1) ELSE '' END
        FROM (SELECT substr(rest, instr(rest, '/') + 1) AS tail
              FROM (SELECT substr(web_url, instr(web_url, '://') + 3) AS rest))
      ), '');
    `,
    postgres: `
      ALTER TABLE merge_requests ADD COLUMN project_path TEXT NOT NULL DEFAULT '';
      UPDATE merge_requests SET project_path = coalesce((
        SELECT CASE WHEN strpos(tail, '/-/') > 0 THEN substr(tail, 1, strpos(tail, '/-/') - 1) ELSE '' END
        FROM (SELECT substr(rest, strpos(rest, '/') + 1) AS tail
              FROM (SELECT substr(web_url, strpos(web_url, '://') + 3) AS rest) AS r) AS t
      ), '');
    `,
  },
  {
    version: 5,
    // A post whose answer was lost may be in the channel: the attempt outlives its claim (store/ledger.ts), so
    // no later run posts again before it has looked the message up (schedule/post-once.ts).
    sql: `
      ALTER TABLE digest_ledger ADD COLUMN attempted_at TEXT;
      ALTER TABLE digest_ledger ADD COLUMN attempt_channel TEXT;
      ALTER TABLE alert_ledger ADD COLUMN attempted_at TEXT;
      ALTER TABLE alert_ledger ADD COLUMN attempt_channel TEXT;
    `,
    postgres: SAME,
  },
  {
    version: 6,
    // The contributor funnel (src/metrics/funnel.ts) needs when each MR was opened, and the labelled MRs that are not
    // merged (opened, locked, closed). Merged rows stored before this have no creation time (NULL) until the next
    // sync lists them again, which it does at once: the MR source backfills a group whose store predates this.
    sql: `
      ALTER TABLE merge_requests ADD COLUMN created_at_ms INTEGER;
      CREATE TABLE unmerged_merge_requests (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL,
        project_path TEXT NOT NULL,
        iid INTEGER NOT NULL,
        group_path TEXT NOT NULL,
        author_id INTEGER NOT NULL,
        author_username TEXT NOT NULL,
        author_name TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        closed_at_ms INTEGER,
        labels TEXT NOT NULL,
        web_url TEXT NOT NULL,
        title TEXT NOT NULL
      );
    `,
    postgres: `
      ALTER TABLE merge_requests ADD COLUMN created_at_ms BIGINT;
      CREATE TABLE unmerged_merge_requests (
        id BIGINT PRIMARY KEY,
        project_id BIGINT NOT NULL,
        project_path TEXT NOT NULL,
        iid BIGINT NOT NULL,
        group_path TEXT NOT NULL,
        author_id BIGINT NOT NULL,
        author_username TEXT NOT NULL,
        author_name TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        updated_at_ms BIGINT NOT NULL,
        closed_at_ms BIGINT,
        labels TEXT NOT NULL,
        web_url TEXT NOT NULL,
        title TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    // Interactions acted on within Slack's replay window (store/ledger.ts firstInteraction): a replayed
    // "Post to channel" click, on this instance or another one sharing the file, posts nothing.
    sql: `
      CREATE TABLE seen_interactions (
        key TEXT PRIMARY KEY,
        seen_at_ms INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE seen_interactions (
        key TEXT PRIMARY KEY,
        seen_at_ms BIGINT NOT NULL
      );
    `,
  },
];

/** The SQL of `migration` for the dialect. */
export const migrationSql = (migration: Migration, dialect: "sqlite" | "postgres"): string =>
  dialect === "postgres" && migration.postgres !== SAME ? migration.postgres : migration.sql;
