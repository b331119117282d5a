/**
 * The only code that touches SQLite: opens the database (WAL, busy timeout, migrations) and offers typed queries.
 * Every write runs in an IMMEDIATE transaction so two processes on one file queue on the write lock
 * (busy_timeout) instead of failing halfway with SQLITE_BUSY.
 *
 * The store knows itself: a database of a newer schema than this bot's is refused (never opened, never written); a
 * file it may not write is opened read-only (reads work, the first write says what to fix); a full disk and a
 * read-only file are named as such (StoreError.kind); and a file deleted or replaced under the running bot is
 * noticed (fileProblem(), /healthz) and never written again, so no ledger entry goes to a file nobody will read.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import type {
  Contribution,
  EpicRecord,
  LabelledItem,
  MergedMr,
  StoreParts,
  StoreSnapshot,
  SyncRun,
  UnmergedContribution,
  UnmergedMr,
} from "../model/records.js";
import type { ReportAggregates, ReportMonthMr, ReportQuery } from "../model/report-inputs.js";
import type { ContributorScope } from "../model/settings.js";
import type { KpiValue } from "../model/workstreams.js";
import { passwordIn, redact } from "../redaction.js";
import { rebuildDirtyAuthors, SUMMARY_KEY_META, startWholeRebuild, summaryKey } from "./author-months.js";
import { MIGRATIONS } from "./migrations.js";
import { migratePostgres, postgresPool, postgresSchemaVersion, shownUrl } from "./postgres.js";
import { type Executor, first, placeholders, rows, run } from "./query.js";
import { DatabaseTimeout, databaseUnreachable, Reachability } from "./reachability.js";
import { reportAggregates, reportMonthMrs } from "./report-aggregates.js";
import Database from "./sqlite-driver.js";

export const FIRST_CONTRIBUTION_LABEL = "1st contribution";
const BUSY_TIMEOUT_MS = 5000;
const SNAPSHOT_SYNC_RUNS = 20;
/** README's defaults of COMMUNITY_LABEL and BOT_LABEL, for callers that pass none (tests, exports) */
const DEFAULT_LABELS: ContributionLabels = { community: "Community contribution", bot: "automation:bot-authored" };

interface ContributionRow {
  author_id: number;
  author_username: string;
  author_name: string;
  merged_at_ms: number;
  first_contribution: number;
  project_id: number;
  project_path: string;
  group_path: string;
  community: number;
  bot: number;
  created_at_ms: number | null;
}

interface UnmergedRow {
  author_id: number;
  author_username: string;
  project_id: number;
  project_path: string;
  group_path: string;
  community: number;
  bot: number;
  state: UnmergedMr["state"];
  created_at_ms: number;
  updated_at_ms: number;
  closed_at_ms: number | null;
}

/** Which store, as /healthz shows it. */
export type StoreDescription =
  | { kind: "sqlite"; path: string }
  | { kind: "postgresql"; host: string; database: string };

/** What went wrong with the store, for callers that must tell a full disk from a missing file. */
export type StoreErrorKind = "open" | "schema" | "newer-schema" | "read-only" | "disk-full" | "file-gone";

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown; kind?: StoreErrorKind }) {
    super(message, options);
    this.name = "StoreError";
    this.kind = options?.kind ?? "open";
  }

  readonly kind: StoreErrorKind;
}

/** Which file a path named when the store opened it: a deleted or replaced file has another (or none). */
interface FileIdentity {
  dev: number;
  ino: number;
}

const identityOf = (path: string): FileIdentity | null => {
  if (path === ":memory:" || path === "") return null;
  const stats = statSync(path);
  return { dev: stats.dev, ino: stats.ino };
};

/** A database written by a newer bot: refused before anything reads or writes it. */
function refuseNewer(db: BetterSqlite3.Database, path: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version <= SCHEMA_VERSION) return;
  db.close();
  throw new StoreError(
    `The database at ${path} has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}: it was written ` +
      "by a newer engagement-bot. Run that version (or a later one), or point DATABASE_PATH at another file; " +
      "this one is left untouched",
    { kind: "newer-schema" },
  );
}

const isReadOnlyError = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_READONLY");

/**
 * The database opened read-only. A WAL database in a directory this process may not write cannot be read in
 * place (SQLite needs to create its -shm file: SQLITE_READONLY_DIRECTORY), so then its checkpointed state is read
 * from a copy in memory, marked as a rollback-journal database; with unsaved pages in a -wal file it refuses.
 */
function openReadOnly(path: string): BetterSqlite3.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("user_version", { simple: true });
    return db;
  } catch (error) {
    db.close();
    if (!isReadOnlyError(error)) throw error;
  }
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new StoreError(
      `The database at ${path} is read-only and its directory too, with changes still in ${wal}: it cannot be ` +
        "read without writing; make the directory writable by the user running the bot (or point DATABASE_PATH elsewhere)",
      { kind: "read-only" },
    );
  }
  const image = readFileSync(path);
  // bytes 18-19 of the header: 2 = WAL; 1 = rollback journal, which an in-memory copy reads without a -shm file
  image[18] = 1;
  image[19] = 1;
  return new Database(image, { readonly: true });
}

/** Where a stored MR is in GitLab: enough to ask for it again (`GET /projects/:id/merge_requests/:iid`). */
export interface MergeRequestRef {
  id: number;
  projectId: number;
  iid: number;
  webUrl: string;
}

export interface OpenOptions {
  readonly?: boolean;
}

export interface SnapshotOptions {
  /** configured epic refs: the snapshot lists epics in this order and only these; default all stored, by ref */
  epicRefs?: readonly string[];
  /** the labels each contribution says it carries or not (COMMUNITY_LABEL, BOT_LABEL) */
  labels?: ContributionLabels;
}

/** COMMUNITY_LABEL and BOT_LABEL, as configured now: contributions() flags the rows that carry them. */
export interface ContributionLabels {
  community: string;
  bot: string;
}

interface MergeRequestRow {
  id: number;
  project_id: number;
  project_path: string;
  iid: number;
  group_path: string;
  author_id: number;
  author_username: string;
  author_name: string;
  merged_at_ms: number;
  created_at_ms: number | null;
  labels: string;
  web_url: string;
  title: string;
}

interface LabelledItemRow {
  kind: LabelledItem["kind"];
  id: number;
  ref: string;
  title: string;
  web_url: string;
  author: string;
  created_at: string;
  state: LabelledItem["state"];
}

interface EpicRow {
  ref: string;
  title: string;
  state: EpicRecord["state"];
  start_date: string | null;
  due_date: string | null;
  web_url: string;
  closed_issues: number;
  total_issues: number;
  closed_weight: number;
  total_weight: number;
  available: number;
  unavailable_reason: string | null;
  synced_at: string;
}

interface SyncRunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  fetched: number;
  error: string | null;
}

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

function migrate(db: BetterSqlite3.Database): void {
  // IMMEDIATE: a second process opening at the same moment waits, then sees the new version and skips.
  db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number;
    for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

/** What differs between the two databases the store runs on; everything else is the same SQL. */
export interface StoreDialect {
  name: "sqlite" | "postgres";
  /** how a transaction begins: a write takes the write lock at once, a read reads one snapshot */
  begin: { write: string; read: string; report: string };
  /** a value that changes whenever anything was committed, by this process or another */
  changeMarker: string;
  /** an ORDER BY term: the row written last first (ties of an instant column) */
  lastWrittenFirst: string;
  /** after a SELECT of the ledger row a claim decides on: holds it until the claim's transaction ends */
  lockRow: string;
}

const SQLITE: StoreDialect = {
  name: "sqlite",
  // IMMEDIATE: two processes on one file queue on the write lock (busy_timeout) instead of failing halfway
  begin: { write: "BEGIN IMMEDIATE", read: "BEGIN", report: "BEGIN" },
  // data_version moves on other connections' commits, total_changes on this one's
  changeMarker: "SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes() AS marker",
  lastWrittenFirst: "rowid DESC",
  // the IMMEDIATE transaction already holds the whole file
  lockRow: "",
};

const POSTGRES: StoreDialect = {
  name: "postgres",
  // READ COMMITTED writes, the ledger's rows locked by the claim; a read is one snapshot of every table
  // a report is one snapshot too, which may write a TEMP table (src/store/report-aggregates.ts: its scratch rows)
  begin: {
    write: "BEGIN",
    read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    report: "BEGIN ISOLATION LEVEL REPEATABLE READ",
  },
  // the transactions in progress and the next id: moves when any write commits (reads take no transaction id)
  changeMarker: "SELECT pg_current_snapshot()::text AS marker",
  lastWrittenFirst: "xmin::text::bigint DESC",
  lockRow: " FOR UPDATE",
};

/** The connection of the transaction this async call runs in (Store.transaction), and how deep it is nested. */
interface TransactionScope {
  conn: Executor;
  depth: number;
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 parameters and PostgreSQL's 65,535 at 15 columns. */
const INSERT_CHUNK_ROWS = 200;

const chunks = <T>(items: readonly T[], size = INSERT_CHUNK_ROWS): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * One row per key, the last one given (what row-by-row upserts would have left); `merge` folds an earlier row into
 * a later one of the same key. One INSERT … ON CONFLICT cannot touch a row twice on PostgreSQL.
 */
function lastByKey<T>(
  items: readonly T[],
  key: (item: T) => string | number,
  merge?: (earlier: T, later: T) => T,
): T[] {
  const byKey = new Map<string | number, T>();
  for (const item of items) {
    const k = key(item);
    const earlier = byKey.get(k);
    byKey.delete(k);
    byKey.set(k, earlier !== undefined && merge ? merge(earlier, item) : item);
  }
  return [...byKey.values()];
}

export class Store {
  private readonly identity: FileIdentity | null;
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  private constructor(
    private readonly db: Executor,
    /** the SQLite file's handle; null on PostgreSQL */
    private readonly sqlite: BetterSqlite3.Database | null,
    /** the file's path, or the PostgreSQL URL as it may be shown (no password) */
    private readonly path: string,
    /** true: this open created the database (a first run, or a file that was deleted) */
    readonly createdNew: boolean,
    /** true: opened read-only (asked for, or the file may not be written) */
    readonly readOnly: boolean,
    readonly dialect: StoreDialect = SQLITE,
    /** PostgreSQL's current outage, fed by every statement (src/store/reachability.ts); SQLite's never has one */
    readonly reachability: Reachability = new Reachability(),
  ) {
    this.identity = sqlite === null ? null : identityOf(path);
  }

  /**
   * The store on PostgreSQL (DATABASE_URL): migrated under the migration lock (src/store/postgres.ts), so replicas
   * starting at once on an empty database end with one history. The password is in no message.
   */
  static async openUrl(url: string, setting = "DATABASE_URL"): Promise<Store> {
    const shown = shownUrl(url);
    const reachability = new Reachability();
    const db: Executor = new Kysely({ dialect: new PostgresDialect({ pool: postgresPool(url, reachability) }) });
    try {
      const found = await migratePostgres(
        db,
        SCHEMA_VERSION,
        (version) =>
          new StoreError(
            `The database at ${shown} has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}: it was ` +
              `written by a newer engagement-bot. Run that version (or a later one), or point ${setting} at ` +
              "another database; this one is left untouched",
            { kind: "newer-schema" },
          ),
      );
      return new Store(db, null, shown, found === 0, false, POSTGRES, reachability);
    } catch (error) {
      await db.destroy().catch(() => undefined);
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        `Cannot open the database at ${shown}: ${redact((error as Error).message, [passwordIn(url)])} (check ${setting})`,
        { cause: error },
      );
    }
  }

  /** What the store runs on, for logs and /healthz: the file's path, or the PostgreSQL URL without its password. */
  get location(): string {
    return this.path;
  }

  static async open(path: string, options: OpenOptions = {}): Promise<Store> {
    const createdNew = !options.readonly && path !== ":memory:" && path !== "" && !existsSync(path);
    let db: BetterSqlite3.Database;
    try {
      if (options.readonly) {
        db = new Database(path, { readonly: true, fileMustExist: true });
      } else {
        if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
        db = new Database(path);
      }
    } catch (error) {
      throw new StoreError(
        `Cannot open the database at ${path}: ${(error as Error).message}` +
          (options.readonly ? " (run `engagement-bot sync` first to create it)" : " (check DATABASE_PATH)"),
        { cause: error },
      );
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      refuseNewer(db, path);
      if (options.readonly) return Store.readOnly(db, path, false);
      if (path !== ":memory:") db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      migrate(db);
    } catch (error) {
      if (!isReadOnlyError(error)) throw error;
      // a file (or directory) it may not write: serve what it holds; the first write says what to fix
      if (db.open) db.close();
      return Store.readOnly(openReadOnly(path), path, options.readonly !== true);
    }
    return Store.over(db, path, createdNew, false);
  }

  private static over(db: BetterSqlite3.Database, path: string, createdNew: boolean, readOnly: boolean): Store {
    return new Store(new Kysely({ dialect: new SqliteDialect({ database: db }) }), db, path, createdNew, readOnly);
  }

  /** A read-only store of the current schema (an older one cannot be upgraded without writing). */
  private static readOnly(db: BetterSqlite3.Database, path: string, forced: boolean): Store {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    refuseNewer(db, path);
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version < SCHEMA_VERSION) {
      db.close();
      throw new StoreError(
        `The database at ${path} has schema version ${version}, this bot needs ${SCHEMA_VERSION}: ` +
          (forced
            ? "it is read-only, so it cannot be upgraded; make the file and its directory writable, then run `engagement-bot sync` once"
            : "run `engagement-bot sync` once to upgrade it"),
        { kind: forced ? "read-only" : "schema" },
      );
    }
    return Store.over(db, path, false, true);
  }

  /**
   * Why the file this store opened is no longer the one at its path — deleted, or replaced by another — or null.
   * Cheap (one stat): /healthz asks it, and every write does.
   */
  fileProblem(): string | null {
    if (this.identity === null) return null;
    let now: FileIdentity | null;
    try {
      now = identityOf(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return `the database file ${this.path} was deleted while the bot was running`;
      return `the database file ${this.path} cannot be checked (${code ?? String(error)})`;
    }
    if (now && (now.ino !== this.identity.ino || now.dev !== this.identity.dev)) {
      return `the database file ${this.path} was replaced by another file while the bot was running`;
    }
    return null;
  }

  /** Refuses to go on with a file that is gone: a write there (the ledger's) would be lost at the next start. */
  private guardFile(): void {
    const problem = this.fileProblem();
    if (problem === null) return;
    throw new StoreError(
      `${problem}: nothing more is written to it, so no digest or alert record goes where the next start would not ` +
        "find it. Put the file back (or restore it from a backup), or restart the bot to begin a new, empty store",
      { kind: "file-gone" },
    );
  }

  /** Which store this is, for /healthz: the SQLite file's path, or PostgreSQL's host and database (no user, no password). */
  describe(): StoreDescription {
    if (this.dialect.name === "sqlite") return { kind: "sqlite", path: this.path };
    try {
      const url = new URL(this.path);
      return { kind: "postgresql", host: url.host, database: decodeURIComponent(url.pathname.replace(/^\//, "")) };
    } catch {
      return { kind: "postgresql", host: "", database: "" };
    }
  }

  /**
   * Why the database does not answer a `SELECT 1` within `timeoutMs` (refused, shut down, timed out), or null: it
   * answers. The SQLite file is in this process, so it always answers (a deleted file is fileProblem()'s to say).
   */
  async reachable(timeoutMs = 2000): Promise<string | null> {
    if (this.sqlite !== null) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseTimeout(timeoutMs)), timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([sql`SELECT 1`.execute(this.db), timeout]);
      return null;
    } catch (error) {
      // a server that hangs is an outage too; a refusal was recorded by the pool already
      this.reachability.failed(error);
      return databaseUnreachable(error) ?? `the check failed (${(error as Error).name})`;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The connection statements run on: the transaction's inside Store.transaction, else the store's. */
  private get q(): Executor {
    return this.scope.getStore()?.conn ?? this.db;
  }

  /**
   * The connection, for the other modules of store/ (ledger, settings) and tests; inside a transaction, that
   * transaction's. Refused (StoreError "file-gone") once the file was deleted or replaced: the ledger writes through it.
   */
  get connection(): Executor {
    this.guardFile();
    return this.q;
  }

  /**
   * Changes whenever anything was committed to the database, by this connection or another process
   * (data_version moves on other connections' commits, total_changes on this one's): a cheap cache key.
   */
  async changeMarker(): Promise<string> {
    const row = await first<{ marker: string }>(this.q, this.dialect.changeMarker);
    return row?.marker ?? "";
  }

  /** Closes the file; a statement after it fails as better-sqlite3 says ("The database connection is not open"). */
  async close(): Promise<void> {
    if (this.sqlite === null) await this.db.destroy();
    else if (this.sqlite.open) this.sqlite.close();
  }

  /**
   * Runs fn in one write transaction (SQLite: IMMEDIATE; nested calls become savepoints); rolls back if it throws.
   * Every statement of the store and the ledger that fn awaits runs in it (the scope follows fn's async calls).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.writing(() => this.within("write", fn));
  }

  /** fn's statements read one snapshot of the database (a deferred transaction). */
  reading<T>(fn: () => Promise<T>): Promise<T> {
    return this.within("read", fn);
  }

  private async within<T>(mode: keyof StoreDialect["begin"], fn: () => Promise<T>): Promise<T> {
    const outer = this.scope.getStore();
    if (outer) {
      const depth = outer.depth + 1;
      const name = `store_savepoint_${depth}`;
      await sql.raw(`SAVEPOINT ${name}`).execute(outer.conn);
      try {
        const result = await this.scope.run({ conn: outer.conn, depth }, fn);
        await sql.raw(`RELEASE SAVEPOINT ${name}`).execute(outer.conn);
        return result;
      } catch (error) {
        await sql
          .raw(`ROLLBACK TO SAVEPOINT ${name}`)
          .execute(outer.conn)
          .then(() => sql.raw(`RELEASE SAVEPOINT ${name}`).execute(outer.conn))
          .catch(() => undefined);
        throw error;
      }
    }
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.dialect.begin[mode]).execute(conn);
      try {
        const result = await this.scope.run({ conn, depth: 0 }, fn);
        await sql.raw("COMMIT").execute(conn);
        return result;
      } catch (error) {
        // SQLite may have rolled back already (SQLITE_FULL): then there is no transaction left to end
        await sql
          .raw("ROLLBACK")
          .execute(conn)
          .catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * SQLite opens a file it may not write read-only without complaint; reads keep working (the bot still
   * answers from the stored data), and the first write says what to fix instead of "attempt to write a readonly database".
   */
  private async writing<T>(fn: () => Promise<T>): Promise<T> {
    this.guardFile();
    try {
      return await fn();
    } catch (error) {
      if (isReadOnlyError(error)) {
        throw new StoreError(
          `The database at ${this.path} is read-only (${(error as { code: string }).code}): stored data can be read, but syncs and the ` +
            "digest/alert ledger cannot be saved; make the file and its directory writable by the user running " +
            "the bot, or point DATABASE_PATH at a writable location",
          { cause: error, kind: "read-only" },
        );
      }
      if (error instanceof Database.SqliteError && error.code === "SQLITE_FULL") {
        throw new StoreError(
          `The disk holding the database at ${this.path} is full (SQLITE_FULL): this change was not saved (the ` +
            "stored data is as it was); free space on that disk or point DATABASE_PATH elsewhere, then run again",
          { cause: error, kind: "disk-full" },
        );
      }
      throw error;
    }
  }

  /** One write statement outside any explicit transaction, with the read-only and full-disk errors named. */
  private write(text: string, values: readonly unknown[] = []): Promise<number> {
    return this.writing(() => run(this.q, text, values));
  }

  async schemaVersion(): Promise<number> {
    if (this.sqlite === null) return postgresSchemaVersion(this.q);
    return this.sqlite.pragma("user_version", { simple: true }) as number;
  }

  // --- merged community MRs ---

  async upsertMergeRequests(rows: readonly MergedMr[]): Promise<void> {
    const unique = lastByKey(
      rows,
      (row) => row.id,
      (earlier, later) => ({ ...later, createdAtMs: later.createdAtMs ?? earlier.createdAtMs ?? null }),
    );
    await this.upsertRows(
      "merge_requests",
      ["id"],
      unique,
      (row) => ({
        id: row.id,
        project_id: row.projectId,
        project_path: row.projectPath,
        iid: row.iid,
        group_path: row.groupPath,
        author_id: row.authorId,
        author_username: row.authorUsername,
        author_name: row.authorName,
        merged_at_ms: row.mergedAtMs,
        created_at_ms: row.createdAtMs ?? null,
        labels: JSON.stringify(row.labels),
        first_contribution: row.labels.includes(FIRST_CONTRIBUTION_LABEL) ? 1 : 0,
        web_url: row.webUrl,
        title: row.title,
      }),
      // a row without created_at_ms keeps the one stored
      { created_at_ms: "coalesce(excluded.created_at_ms, merge_requests.created_at_ms)" },
      unique.map((row) => row.authorId),
    );
  }

  /** Returns how many rows were deleted. */
  deleteMergeRequests(ids: readonly number[]): Promise<number> {
    return this.deleteByIds("merge_requests", ids);
  }

  private async deleteByIds(table: string, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.transaction(async () => {
      let count = 0;
      for (const chunk of chunks([...new Set(ids)], 1000)) {
        // their authors' summary rows are rebuilt before the next Report reads them (src/store/author-months.ts)
        await run(
          this.q,
          `INSERT INTO author_months_dirty (author_id) SELECT DISTINCT author_id FROM ${table}
           WHERE id IN (${placeholders(chunk.length)}) ON CONFLICT (author_id) DO NOTHING`,
          chunk,
        );
        count += await run(this.q, `DELETE FROM ${table} WHERE id IN (${placeholders(chunk.length)})`, chunk);
      }
      return count;
    });
  }

  /** Stored MRs, of one group when given. */
  async mergeRequestCount(groupPath?: string): Promise<number> {
    const row =
      groupPath === undefined
        ? await first<{ n: number }>(this.q, "SELECT count(*) AS n FROM merge_requests")
        : await first<{ n: number }>(this.q, "SELECT count(*) AS n FROM merge_requests WHERE group_path = ?", [
            groupPath,
          ]);
    return Number(row?.n ?? 0);
  }

  /** Stored MRs of one group merged in [fromMs, toMs), by id: what a reconcile window compares against. */
  mergeRequestRefsMergedBetween(groupPath: string, fromMs: number, toMs: number): Promise<MergeRequestRef[]> {
    return rows<MergeRequestRef>(
      this.q,
      `SELECT id, project_id AS "projectId", iid, web_url AS "webUrl" FROM merge_requests
       WHERE group_path = ? AND merged_at_ms >= ? AND merged_at_ms < ? ORDER BY id`,
      [groupPath, fromMs, toMs],
    );
  }

  /** Full rows, ordered by id (tests and exports; metrics use contributions()). */
  async mergeRequests(): Promise<MergedMr[]> {
    const found = await rows<MergeRequestRow>(this.q, "SELECT * FROM merge_requests ORDER BY id");
    return found.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      projectPath: row.project_path,
      iid: row.iid,
      groupPath: row.group_path,
      authorId: row.author_id,
      authorUsername: row.author_username,
      authorName: row.author_name,
      mergedAtMs: row.merged_at_ms,
      createdAtMs: row.created_at_ms,
      labels: JSON.parse(row.labels) as string[],
      webUrl: row.web_url,
      title: row.title,
    }));
  }

  /**
   * Compact: no JSON parsing; whether a row carries each of `labels` is one substring test on the stored JSON array
   * (the quoted name, so "Bug" does not match "Bugfix"). By id: of two merges at one instant, the later id names the
   * author, as in the store's summary (src/store/author-months.ts).
   */
  async contributions(labels: ContributionLabels = DEFAULT_LABELS, slice?: RowSlice): Promise<Contribution[]> {
    const found = await rows<ContributionRow>(
      this.q,
      `SELECT author_id, author_username, author_name, merged_at_ms, first_contribution, project_id, project_path,
         group_path, ${carries("community")}, ${carries("bot")}, created_at_ms FROM merge_requests${sliceSql(slice)}
       ORDER BY id`,
      [JSON.stringify(labels.community), JSON.stringify(labels.bot), ...sliceArgs(slice)],
    );
    const out: Contribution[] = new Array(found.length);
    for (let i = 0; i < found.length; i++) {
      const row = found[i] as ContributionRow;
      out[i] = {
        authorId: row.author_id,
        username: row.author_username,
        name: row.author_name,
        mergedAtMs: row.merged_at_ms,
        firstContributionLabel: row.first_contribution === 1,
        projectId: row.project_id,
        projectPath: row.project_path,
        groupPath: row.group_path,
        communityLabel: row.community === 1,
        botLabel: row.bot === 1,
        createdAtMs: row.created_at_ms,
      };
    }
    return out;
  }

  // --- labelled MRs that are not merged (the funnel) ---

  /** Stores labelled MRs that are opened, locked or closed; an MR that merged since leaves this table (upsertMerged). */
  async upsertUnmergedMrs(rows: readonly UnmergedMr[]): Promise<void> {
    await this.upsertRows(
      "unmerged_merge_requests",
      ["id"],
      lastByKey(rows, (row) => row.id),
      (row) => ({
        id: row.id,
        project_id: row.projectId,
        project_path: row.projectPath,
        iid: row.iid,
        group_path: row.groupPath,
        author_id: row.authorId,
        author_username: row.authorUsername,
        author_name: row.authorName,
        state: row.state,
        created_at_ms: row.createdAtMs,
        updated_at_ms: row.updatedAtMs,
        closed_at_ms: row.closedAtMs,
        labels: JSON.stringify(row.labels),
        web_url: row.webUrl,
        title: row.title,
      }),
      {},
      rows.map((row) => row.authorId),
    );
  }

  /** Drops MRs from the unmerged table (they merged); returns how many were there. */
  deleteUnmergedMrs(ids: readonly number[]): Promise<number> {
    return this.deleteByIds("unmerged_merge_requests", ids);
  }

  async unmergedMrCount(): Promise<number> {
    const row = await first<{ n: number }>(this.q, "SELECT count(*) AS n FROM unmerged_merge_requests");
    return Number(row?.n ?? 0);
  }

  /** Compact rows for the metrics, flagged with `labels` as contributions() does. */
  async unmergedContributions(
    labels: ContributionLabels = DEFAULT_LABELS,
    slice?: RowSlice,
  ): Promise<UnmergedContribution[]> {
    const found = await rows<UnmergedRow>(
      this.q,
      `SELECT author_id, author_username, project_id, project_path, group_path, ${carries("community")},
         ${carries("bot")}, state, created_at_ms, updated_at_ms, closed_at_ms FROM unmerged_merge_requests${sliceSql(slice)}`,
      [JSON.stringify(labels.community), JSON.stringify(labels.bot), ...sliceArgs(slice)],
    );
    return found.map((row) => ({
      authorId: row.author_id,
      username: row.author_username,
      projectId: row.project_id,
      projectPath: row.project_path,
      groupPath: row.group_path,
      communityLabel: row.community === 1,
      botLabel: row.bot === 1,
      state: row.state,
      createdAtMs: row.created_at_ms,
      updatedAtMs: row.updated_at_ms,
      closedAtMs: row.closed_at_ms,
    }));
  }

  // --- labelled issues and epics ---

  async upsertLabelledItems(items: readonly LabelledItem[]): Promise<void> {
    await this.upsertRows(
      "labelled_items",
      ["kind", "id"],
      lastByKey(items, (item) => `${item.kind}:${item.id}`),
      (item) => ({
        kind: item.kind,
        id: item.id,
        ref: item.ref,
        title: item.title,
        web_url: item.webUrl,
        author: item.author,
        created_at: item.createdAt,
        created_at_ms: Date.parse(item.createdAt),
        state: item.state,
      }),
    );
  }

  /** Items created at or after sinceMs (all when omitted), newest first. */
  async labelledItems(sinceMs?: number): Promise<LabelledItem[]> {
    const found = await rows<LabelledItemRow>(
      this.q,
      `SELECT kind, id, ref, title, web_url, author, created_at, state FROM labelled_items
       WHERE created_at_ms >= ? ORDER BY created_at_ms DESC, kind, id`,
      [sinceMs ?? Number.MIN_SAFE_INTEGER],
    );
    return found.map((row) => ({
      kind: row.kind,
      id: row.id,
      ref: row.ref,
      title: row.title,
      webUrl: row.web_url,
      author: row.author,
      createdAt: row.created_at,
      state: row.state,
    }));
  }

  // --- configured epics ---

  async upsertEpics(epics: readonly EpicRecord[]): Promise<void> {
    await this.upsertRows(
      "epics",
      ["ref"],
      lastByKey(epics, (epic) => epic.ref),
      (epic) => ({
        ref: epic.ref,
        title: epic.title,
        state: epic.state,
        start_date: epic.startDate,
        due_date: epic.dueDate,
        web_url: epic.webUrl,
        closed_issues: epic.closedIssues,
        total_issues: epic.totalIssues,
        closed_weight: epic.closedWeight,
        total_weight: epic.totalWeight,
        available: epic.available ? 1 : 0,
        unavailable_reason: epic.unavailableReason,
        synced_at: epic.syncedAt,
      }),
    );
  }

  /**
   * INSERT … ON CONFLICT (key) DO UPDATE of every other column, `rows` in multi-row chunks within one transaction:
   * the one upsert of the MR, item and epic tables. `toColumns` names each column once, with its value; `update`
   * spells a column's update where "the new value" is not the rule. Rows must be unique by key (lastByKey).
   */
  private async upsertRows<T>(
    table: string,
    key: readonly string[],
    rows: readonly T[],
    toColumns: (row: T) => Record<string, unknown>,
    update: Record<string, string> = {},
    /** an MR table's: the authors whose summary rows these rows change (src/store/author-months.ts) */
    authors: readonly number[] = [],
  ): Promise<void> {
    const [first] = rows;
    if (first === undefined) return;
    const columns = Object.keys(toColumns(first));
    const sets = columns
      .filter((column) => !key.includes(column))
      .map((column) => `${column} = ${update[column] ?? `excluded.${column}`}`)
      .join(", ");
    await this.transaction(async () => {
      for (const chunk of chunks(rows)) {
        const values = chunk.flatMap((row) => {
          const named = toColumns(row);
          return columns.map((column) => named[column]);
        });
        await run(
          this.q,
          `INSERT INTO ${table} (${columns.join(", ")})
          VALUES ${chunk.map(() => `(${placeholders(columns.length)})`).join(", ")}
          ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${sets}`,
          values,
        );
      }
      for (const chunk of chunks([...new Set(authors)], 500)) {
        await run(
          this.q,
          `INSERT INTO author_months_dirty (author_id) VALUES ${chunk.map(() => "(?)").join(", ")}
           ON CONFLICT (author_id) DO NOTHING`,
          chunk,
        );
      }
    });
  }

  /** Stored epics; in the given order (and only those) when refs are passed, else by ref. */
  async epics(refs?: readonly string[]): Promise<EpicRecord[]> {
    const found = await rows<EpicRow>(this.q, "SELECT * FROM epics ORDER BY ref");
    const records = found.map(
      (row): EpicRecord => ({
        ref: row.ref,
        title: row.title,
        state: row.state,
        startDate: row.start_date,
        dueDate: row.due_date,
        webUrl: row.web_url,
        closedIssues: row.closed_issues,
        totalIssues: row.total_issues,
        closedWeight: row.closed_weight,
        totalWeight: row.total_weight,
        available: row.available === 1,
        unavailableReason: row.unavailable_reason,
        syncedAt: row.synced_at,
      }),
    );
    if (!refs) return records;
    const byRef = new Map(records.map((r) => [r.ref, r]));
    return refs.flatMap((ref) => {
      const record = byRef.get(ref);
      return record ? [record] : [];
    });
  }

  // --- sync cursors and bookkeeping ---

  /** epoch ms up to which a source has been stored; null before its first sync */
  async getCursor(source: string): Promise<number | null> {
    const row = await first<{ cursor_ms: number }>(this.q, "SELECT cursor_ms FROM sync_cursors WHERE source = ?", [
      source,
    ]);
    return row === undefined ? null : Number(row.cursor_ms);
  }

  /** Moves a cursor forward only: a slower concurrent sync can never move it back. */
  async setCursor(source: string, cursorMs: number, at: Date = new Date()): Promise<void> {
    await this.write(
      `INSERT INTO sync_cursors (source, cursor_ms, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET cursor_ms = CASE WHEN excluded.cursor_ms > sync_cursors.cursor_ms
         THEN excluded.cursor_ms ELSE sync_cursors.cursor_ms END, updated_at = excluded.updated_at`,
      [source, cursorMs, at.toISOString()],
    );
  }

  /** Forgets a source's cursor: its next sync lists everything again (a changed scope needs a backfill). */
  async deleteCursor(source: string): Promise<void> {
    await this.write("DELETE FROM sync_cursors WHERE source = ?", [source]);
  }

  async cursors(): Promise<Record<string, number>> {
    const found = await rows<{ source: string; cursor_ms: number }>(
      this.q,
      "SELECT source, cursor_ms FROM sync_cursors",
    );
    return Object.fromEntries(found.map((row) => [row.source, Number(row.cursor_ms)]));
  }

  async getMeta(key: string): Promise<string | null> {
    const row = await first<{ value: string }>(this.q, "SELECT value FROM store_meta WHERE key = ?", [key]);
    return typeof row?.value === "string" ? row.value : null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.write(
      "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }

  async historyStartMs(): Promise<number | null> {
    const value = await this.getMeta("history_start_ms");
    return value === null ? null : Number(value);
  }

  /** Records where the synced history starts; keeps the earliest bound ever recorded. */
  async setHistoryStartMs(ms: number): Promise<void> {
    const current = await this.historyStartMs();
    if (current === null || ms < current) await this.setMeta("history_start_ms", String(ms));
  }

  async startSyncRun(at: Date = new Date()): Promise<number> {
    const row = await this.writing(() =>
      first<{ id: number }>(this.q, "INSERT INTO sync_runs (started_at) VALUES (?) RETURNING id", [at.toISOString()]),
    );
    return Number(row?.id);
  }

  async finishSyncRun(id: number, outcome: { fetched: number; error: string | null }, at: Date = new Date()) {
    await this.write("UPDATE sync_runs SET finished_at = ?, fetched = ?, error = ? WHERE id = ?", [
      at.toISOString(),
      outcome.fetched,
      outcome.error,
      id,
    ]);
  }

  /** Newest first. */
  async recentSyncRuns(limit: number): Promise<SyncRun[]> {
    const found = await rows<SyncRunRow>(
      this.q,
      "SELECT id, started_at, finished_at, fetched, error FROM sync_runs ORDER BY id DESC LIMIT ?",
      [limit],
    );
    return found.map((row) => ({
      id: Number(row.id),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      fetched: Number(row.fetched),
      error: row.error,
    }));
  }

  /** When the last sync that finished without error started: the data is complete up to then. */
  async lastSuccessfulSyncAt(): Promise<string | null> {
    const row = await first<{ started_at: string }>(
      this.q,
      "SELECT started_at FROM sync_runs WHERE finished_at IS NOT NULL AND error IS NULL ORDER BY started_at DESC LIMIT 1",
    );
    return typeof row?.started_at === "string" ? row.started_at : null;
  }

  async lastDigestAt(): Promise<string | null> {
    const row = await first<{ at: string | null }>(
      this.q,
      "SELECT max(posted_at) AS at FROM digest_ledger WHERE posted_at IS NOT NULL",
    );
    return typeof row?.at === "string" ? row.at : null;
  }

  // --- recorded workstream KPIs ---

  /** Appends one value; a later one for the same KPI and month supersedes it (kpiValues keeps both). */
  async recordKpiValue(value: KpiValue): Promise<void> {
    await this.write("INSERT INTO kpi_values (kpi, month, value, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)", [
      value.kpiId,
      value.month,
      value.value,
      value.recordedBy,
      value.recordedAt,
    ]);
  }

  /** Every recorded value, in the order recorded. */
  async kpiValues(): Promise<KpiValue[]> {
    const found = await rows<KpiValue>(
      this.q,
      `SELECT kpi AS "kpiId", month, value, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM kpi_values ORDER BY id`,
    );
    return found.map((row) => ({ ...row, value: Number(row.value) }));
  }

  /** Everything metrics need, read in one transaction so the parts agree with each other. */
  snapshot(options: SnapshotOptions = {}): Promise<StoreSnapshot> {
    return this.reading(async () => ({
      contributions: await this.contributions(options.labels),
      unmergedMrs: await this.unmergedContributions(options.labels),
      ...(await this.snapshotRest(options)),
    }));
  }

  /** The small parts every Report reads besides its aggregates, read in one transaction. */
  parts(options: SnapshotOptions = {}): Promise<StoreParts> {
    return this.reading(() => this.snapshotRest(options));
  }

  /**
   * The contributor and funnel figures of one Report (src/model/report-inputs.ts) under the query's scope
   * (src/store/report-aggregates.ts), read from the contributor summary (src/store/author-months.ts) once it is
   * brought up to date; from the MR rows themselves on a store this process may not write.
   */
  async reportAggregates(query: ReportQuery): Promise<ReportAggregates> {
    const summary = await this.summaryReady(query.scope, query.timezone);
    return this.within("report", () => reportAggregates(this.q, query, summary));
  }

  /** The aggregates and the report month's counted MRs, read in one transaction (`engagement-bot contributors`). */
  async reportMonthMrs(query: ReportQuery): Promise<{ aggregates: ReportAggregates; mrs: ReportMonthMr[] }> {
    const summary = await this.summaryReady(query.scope, query.timezone);
    return this.within("report", async () => ({
      aggregates: await reportAggregates(this.q, query, summary),
      mrs: await reportMonthMrs(this.q, query),
    }));
  }

  /**
   * Rebuilds what the contributor summary lacks for `scope` in `timeZone` (the authors written since, or all of it
   * under a new scope). The sync calls it when it ends, so no Report after it pays; a Report calls it too, for writes
   * made elsewhere. Returns what was rebuilt.
   */
  async refreshSummary(scope: ContributorScope, timeZone: string): Promise<"whole" | "authors" | "none"> {
    const key = summaryKey(scope, timeZone);
    let rebuilt: "whole" | "authors" | "none" = "none";
    // PostgreSQL: a writer marking authors dirty waits for a batch to commit, so no mark is cleared unread
    const lockMarks = async (): Promise<void> => {
      if (this.dialect.name === "postgres") await run(this.q, "LOCK TABLE author_months_dirty IN EXCLUSIVE MODE");
    };
    if ((await this.getMeta(SUMMARY_KEY_META)) !== key) {
      await this.transaction(async () => {
        await lockMarks();
        // another replica may have started it meanwhile
        if ((await this.getMeta(SUMMARY_KEY_META)) === key) return;
        await startWholeRebuild(this.q, this.dialect.name);
        await this.setMeta(SUMMARY_KEY_META, key);
        rebuilt = "whole";
      });
    }
    // the common case: nothing dirty, two small reads and no write
    while ((await first<{ one: number }>(this.q, "SELECT 1 AS one FROM author_months_dirty LIMIT 1")) !== undefined) {
      const count = await this.transaction(async () => {
        await lockMarks();
        return rebuildDirtyAuthors(this.q, scope, timeZone);
      });
      if (count > 0 && rebuilt === "none") rebuilt = "authors";
      // between batches, Slack's requests are answered (better-sqlite3 holds the event loop while a statement runs)
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rebuilt;
  }

  /**
   * refreshSummary, for a reader: true when the summary answers for this scope; false when this store cannot be
   * written (read-only, a full disk), so Reports read the MR rows instead.
   */
  async summaryReady(scope: ContributorScope, timeZone: string): Promise<boolean> {
    if (this.readOnly) return false;
    try {
      await this.refreshSummary(scope, timeZone);
      return true;
    } catch (error) {
      if (error instanceof StoreError && (error.kind === "read-only" || error.kind === "disk-full")) return false;
      throw error;
    }
  }

  /** The small parts of the snapshot (everything but the MR rows). */
  private async snapshotRest(options: SnapshotOptions): Promise<StoreParts> {
    return {
      historyStartMs: await this.historyStartMs(),
      labelledItems: await this.labelledItems(),
      epics: await this.epics(options.epicRefs),
      syncRuns: await this.recentSyncRuns(SNAPSHOT_SYNC_RUNS),
      dataAsOf: await this.lastSuccessfulSyncAt(),
      lastDigestAt: await this.lastDigestAt(),
      kpiValues: await this.kpiValues(),
    };
  }

  /**
   * The same snapshot, read `sliceRows` rows at a time with the event loop free between slices, so Slack answers
   * (src/service/report-service.ts) never queue behind one long read. Not one transaction (a read cannot stay open
   * across turns on the connection a sync writes through): a sync committing between two slices shows in the later
   * ones only, and the changed store makes the next refresh read it all again.
   */
  async snapshotInSlices(options: SnapshotOptions = {}, sliceRows = SNAPSHOT_SLICE_ROWS): Promise<StoreSnapshot> {
    const sliced = async <T>(table: string, read: (slice: RowSlice) => Promise<T[]>): Promise<T[]> => {
      const out: T[] = [];
      let afterId = Number.MIN_SAFE_INTEGER;
      for (;;) {
        // the last id of this slice, so the next one starts after it whatever was written in between
        const last = await first<{ id: number }>(
          this.q,
          `SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?`,
          [afterId, sliceRows - 1],
        );
        const lastId = last === undefined ? undefined : Number(last.id);
        const found = await read({ afterId, upToId: lastId ?? Number.MAX_SAFE_INTEGER });
        for (const row of found) out.push(row);
        if (lastId === undefined) return out;
        afterId = lastId;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const contributions = await sliced("merge_requests", (slice) => this.contributions(options.labels, slice));
    const unmergedMrs = await sliced("unmerged_merge_requests", (slice) =>
      this.unmergedContributions(options.labels, slice),
    );
    return { contributions, unmergedMrs, ...(await this.parts(options)) };
  }
}

/** Rows with `afterId < id <= upToId` (ids are the tables' INTEGER PRIMARY KEY). */
interface RowSlice {
  afterId: number;
  upToId: number;
}

/** ~10 ms of reading per slice on this machine kind (240,000 MRs take ~500 ms in one read) */
const SNAPSHOT_SLICE_ROWS = 5_000;

const sliceSql = (slice: RowSlice | undefined): string => (slice ? " WHERE id > ? AND id <= ?" : "");
const sliceArgs = (slice: RowSlice | undefined): number[] => (slice ? [slice.afterId, slice.upToId] : []);

/** 1 when the stored JSON array of labels holds the quoted name bound to the next `?`, else 0 (both dialects). */
const carries = (alias: string): string => `CASE WHEN replace(labels, ?, '') <> labels THEN 1 ELSE 0 END AS ${alias}`;
