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
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
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
import type { KpiValue } from "../model/workstreams.js";
import { MIGRATIONS } from "./migrations.js";
import { botUsernames, reportAggregates, reportMonthMrs } from "./report-aggregates.js";
import Database from "./sqlite-driver.js";

export const FIRST_CONTRIBUTION_LABEL = "1st contribution";
const BUSY_TIMEOUT_MS = 5000;
const SNAPSHOT_SYNC_RUNS = 20;
/** README's defaults of COMMUNITY_LABEL and BOT_LABEL, for callers that pass none (tests, exports) */
const DEFAULT_LABELS: ContributionLabels = { community: "Community contribution", bot: "automation:bot-authored" };

type ContributionRow = [number, string, string, number, number, number, string, string, number, number, number | null];
type UnmergedRow = [
  number,
  string,
  number,
  string,
  string,
  number,
  number,
  UnmergedMr["state"],
  number,
  number,
  number | null,
];

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

export class Store {
  private readonly identity: FileIdentity | null;

  private constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly path: string,
    /** true: this open created the file (a first run, or a database that was deleted) */
    readonly createdNew: boolean,
    /** true: opened read-only (asked for, or the file may not be written) */
    readonly readOnly: boolean,
  ) {
    this.identity = identityOf(path);
  }

  static open(path: string, options: OpenOptions = {}): Store {
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
    return new Store(db, path, createdNew, false);
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
    return new Store(db, path, false, true);
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

  /** prepared once: changeMarker() runs on every report request */
  private marker: BetterSqlite3.Statement | undefined;

  /**
   * The connection, for the other modules of store/ (ledger, settings); nothing outside store/ uses it. Refused
   * (StoreError "file-gone") once the file was deleted or replaced: the ledger writes through it.
   */
  get connection(): BetterSqlite3.Database {
    this.guardFile();
    return this.db;
  }

  /**
   * Changes whenever anything was committed to the database, by this connection or another process
   * (data_version moves on other connections' commits, total_changes on this one's): a cheap cache key.
   */
  changeMarker(): string {
    this.marker ??= this.db
      .prepare("SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes()")
      .pluck();
    return this.marker.get() as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs fn in one IMMEDIATE transaction (nested calls become savepoints); rolls back if it throws. */
  transaction<T>(fn: () => T): T {
    return this.writing(() => this.db.transaction(fn).immediate());
  }

  /**
   * SQLite opens a file it may not write read-only without complaint; reads keep working (the bot still
   * answers from the stored data), and the first write says what to fix instead of "attempt to write a readonly database".
   */
  private writing<T>(fn: () => T): T {
    this.guardFile();
    try {
      return fn();
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

  schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  // --- merged community MRs ---

  upsertMergeRequests(rows: readonly MergedMr[]): void {
    if (rows.length === 0) return;
    const statement = this.db.prepare(`
      INSERT INTO merge_requests (id, project_id, project_path, iid, group_path, author_id, author_username,
        author_name, merged_at_ms, created_at_ms, labels, first_contribution, web_url, title)
      VALUES (@id, @projectId, @projectPath, @iid, @groupPath, @authorId, @authorUsername, @authorName,
        @mergedAtMs, @createdAtMs, @labels, @firstContribution, @webUrl, @title)
      ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, project_path = excluded.project_path,
        iid = excluded.iid,
        group_path = excluded.group_path, author_id = excluded.author_id,
        author_username = excluded.author_username, author_name = excluded.author_name,
        merged_at_ms = excluded.merged_at_ms, created_at_ms = coalesce(excluded.created_at_ms, created_at_ms),
        labels = excluded.labels,
        first_contribution = excluded.first_contribution, web_url = excluded.web_url, title = excluded.title`);
    this.transaction(() => {
      for (const row of rows) {
        statement.run({
          ...row,
          createdAtMs: row.createdAtMs ?? null,
          labels: JSON.stringify(row.labels),
          firstContribution: row.labels.includes(FIRST_CONTRIBUTION_LABEL) ? 1 : 0,
        });
      }
    });
  }

  /** Returns how many rows were deleted. */
  deleteMergeRequests(ids: readonly number[]): number {
    if (ids.length === 0) return 0;
    const statement = this.db.prepare("DELETE FROM merge_requests WHERE id = ?");
    return this.transaction(() => ids.reduce((count, id) => count + statement.run(id).changes, 0));
  }

  /** Stored MRs, of one group when given. */
  mergeRequestCount(groupPath?: string): number {
    const count =
      groupPath === undefined
        ? this.db.prepare("SELECT count(*) FROM merge_requests").pluck().get()
        : this.db.prepare("SELECT count(*) FROM merge_requests WHERE group_path = ?").pluck().get(groupPath);
    return count as number;
  }

  /** Stored MRs of one group merged in [fromMs, toMs), by id: what a reconcile window compares against. */
  mergeRequestRefsMergedBetween(groupPath: string, fromMs: number, toMs: number): MergeRequestRef[] {
    return this.db
      .prepare(
        "SELECT id, project_id AS projectId, iid, web_url AS webUrl FROM merge_requests WHERE group_path = ? AND merged_at_ms >= ? AND merged_at_ms < ? ORDER BY id",
      )
      .all(groupPath, fromMs, toMs) as MergeRequestRef[];
  }

  /** Full rows, ordered by id (tests and exports; metrics use contributions()). */
  mergeRequests(): MergedMr[] {
    const rows = this.db.prepare("SELECT * FROM merge_requests ORDER BY id").all() as MergeRequestRow[];
    return rows.map((row) => ({
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
   * Compact and fast: raw arrays, no JSON parsing; whether a row carries each of `labels` is one instr() on the
   * stored JSON array (the quoted name, so "Bug" does not match "Bugfix").
   */
  contributions(labels: ContributionLabels = DEFAULT_LABELS, slice?: RowSlice): Contribution[] {
    const rows = this.db
      .prepare(
        `SELECT author_id, author_username, author_name, merged_at_ms, first_contribution, project_id, project_path,
           group_path, instr(labels, ?) > 0, instr(labels, ?) > 0, created_at_ms FROM merge_requests${sliceSql(slice)}`,
      )
      .raw()
      .all(JSON.stringify(labels.community), JSON.stringify(labels.bot), ...sliceArgs(slice)) as ContributionRow[];
    const out: Contribution[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [authorId, username, name, mergedAtMs, first, projectId, projectPath, groupPath, community, bot, created] =
        rows[i] as ContributionRow;
      out[i] = {
        authorId,
        username,
        name,
        mergedAtMs,
        firstContributionLabel: first === 1,
        projectId,
        projectPath,
        groupPath,
        communityLabel: community === 1,
        botLabel: bot === 1,
        createdAtMs: created,
      };
    }
    return out;
  }

  // --- labelled MRs that are not merged (the funnel) ---

  /** Stores labelled MRs that are opened, locked or closed; an MR that merged since leaves this table (upsertMerged). */
  upsertUnmergedMrs(rows: readonly UnmergedMr[]): void {
    if (rows.length === 0) return;
    const statement = this.db.prepare(`
      INSERT INTO unmerged_merge_requests (id, project_id, project_path, iid, group_path, author_id, author_username,
        author_name, state, created_at_ms, updated_at_ms, closed_at_ms, labels, web_url, title)
      VALUES (@id, @projectId, @projectPath, @iid, @groupPath, @authorId, @authorUsername, @authorName, @state,
        @createdAtMs, @updatedAtMs, @closedAtMs, @labels, @webUrl, @title)
      ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, project_path = excluded.project_path,
        iid = excluded.iid, group_path = excluded.group_path, author_id = excluded.author_id,
        author_username = excluded.author_username, author_name = excluded.author_name, state = excluded.state,
        created_at_ms = excluded.created_at_ms, updated_at_ms = excluded.updated_at_ms,
        closed_at_ms = excluded.closed_at_ms, labels = excluded.labels, web_url = excluded.web_url,
        title = excluded.title`);
    this.transaction(() => {
      for (const row of rows) statement.run({ ...row, labels: JSON.stringify(row.labels) });
    });
  }

  /** Drops MRs from the unmerged table (they merged); returns how many were there. */
  deleteUnmergedMrs(ids: readonly number[]): number {
    if (ids.length === 0) return 0;
    const statement = this.db.prepare("DELETE FROM unmerged_merge_requests WHERE id = ?");
    return this.transaction(() => ids.reduce((count, id) => count + statement.run(id).changes, 0));
  }

  unmergedMrCount(): number {
    return this.db.prepare("SELECT count(*) FROM unmerged_merge_requests").pluck().get() as number;
  }

  /** Compact rows for the metrics, flagged with `labels` as contributions() does. */
  unmergedContributions(labels: ContributionLabels = DEFAULT_LABELS, slice?: RowSlice): UnmergedContribution[] {
    const rows = this.db
      .prepare(
        `SELECT author_id, author_username, project_id, project_path, group_path, instr(labels, ?) > 0,
           instr(labels, ?) > 0, state, created_at_ms, updated_at_ms, closed_at_ms FROM unmerged_merge_requests${sliceSql(slice)}`,
      )
      .raw()
      .all(JSON.stringify(labels.community), JSON.stringify(labels.bot), ...sliceArgs(slice)) as UnmergedRow[];
    return rows.map(
      ([
        authorId,
        username,
        projectId,
        projectPath,
        groupPath,
        community,
        bot,
        state,
        createdAtMs,
        updatedAtMs,
        closedAtMs,
      ]) => ({
        authorId,
        username,
        projectId,
        projectPath,
        groupPath,
        communityLabel: community === 1,
        botLabel: bot === 1,
        state,
        createdAtMs,
        updatedAtMs,
        closedAtMs,
      }),
    );
  }

  // --- labelled issues and epics ---

  upsertLabelledItems(items: readonly LabelledItem[]): void {
    if (items.length === 0) return;
    const statement = this.db.prepare(`
      INSERT INTO labelled_items (kind, id, ref, title, web_url, author, created_at, created_at_ms, state)
      VALUES (@kind, @id, @ref, @title, @webUrl, @author, @createdAt, @createdAtMs, @state)
      ON CONFLICT (kind, id) DO UPDATE SET ref = excluded.ref, title = excluded.title, web_url = excluded.web_url,
        author = excluded.author, created_at = excluded.created_at, created_at_ms = excluded.created_at_ms,
        state = excluded.state`);
    this.transaction(() => {
      for (const item of items) statement.run({ ...item, createdAtMs: Date.parse(item.createdAt) });
    });
  }

  /** Items created at or after sinceMs (all when omitted), newest first. */
  labelledItems(sinceMs?: number): LabelledItem[] {
    const rows = this.db
      .prepare(
        "SELECT kind, id, ref, title, web_url, author, created_at, state FROM labelled_items WHERE created_at_ms >= ? ORDER BY created_at_ms DESC, kind, id",
      )
      .all(sinceMs ?? Number.MIN_SAFE_INTEGER) as LabelledItemRow[];
    return rows.map((row) => ({
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

  upsertEpics(epics: readonly EpicRecord[]): void {
    if (epics.length === 0) return;
    const statement = this.db.prepare(`
      INSERT INTO epics (ref, title, state, start_date, due_date, web_url, closed_issues, total_issues,
        closed_weight, total_weight, available, unavailable_reason, synced_at)
      VALUES (@ref, @title, @state, @startDate, @dueDate, @webUrl, @closedIssues, @totalIssues,
        @closedWeight, @totalWeight, @available, @unavailableReason, @syncedAt)
      ON CONFLICT (ref) DO UPDATE SET title = excluded.title, state = excluded.state,
        start_date = excluded.start_date, due_date = excluded.due_date, web_url = excluded.web_url,
        closed_issues = excluded.closed_issues, total_issues = excluded.total_issues,
        closed_weight = excluded.closed_weight, total_weight = excluded.total_weight,
        available = excluded.available, unavailable_reason = excluded.unavailable_reason,
        synced_at = excluded.synced_at`);
    this.transaction(() => {
      for (const epic of epics) statement.run({ ...epic, available: epic.available ? 1 : 0 });
    });
  }

  /** Stored epics; in the given order (and only those) when refs are passed, else by ref. */
  epics(refs?: readonly string[]): EpicRecord[] {
    const rows = this.db.prepare("SELECT * FROM epics ORDER BY ref").all() as EpicRow[];
    const records = rows.map(
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
  getCursor(source: string): number | null {
    const value = this.db.prepare("SELECT cursor_ms FROM sync_cursors WHERE source = ?").pluck().get(source);
    return typeof value === "number" ? value : null;
  }

  /** Moves a cursor forward only: a slower concurrent sync can never move it back. */
  setCursor(source: string, cursorMs: number, at: Date = new Date()): void {
    this.writing(() =>
      this.db
        .prepare(`
        INSERT INTO sync_cursors (source, cursor_ms, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (source) DO UPDATE SET cursor_ms = max(cursor_ms, excluded.cursor_ms), updated_at = excluded.updated_at`)
        .run(source, cursorMs, at.toISOString()),
    );
  }

  /** Forgets a source's cursor: its next sync lists everything again (a changed scope needs a backfill). */
  deleteCursor(source: string): void {
    this.writing(() => this.db.prepare("DELETE FROM sync_cursors WHERE source = ?").run(source));
  }

  cursors(): Record<string, number> {
    const rows = this.db.prepare("SELECT source, cursor_ms FROM sync_cursors").raw().all() as Array<[string, number]>;
    return Object.fromEntries(rows);
  }

  getMeta(key: string): string | null {
    const value = this.db.prepare("SELECT value FROM store_meta WHERE key = ?").pluck().get(key);
    return typeof value === "string" ? value : null;
  }

  setMeta(key: string, value: string): void {
    this.writing(() =>
      this.db
        .prepare(
          "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(key, value),
    );
  }

  historyStartMs(): number | null {
    const value = this.getMeta("history_start_ms");
    return value === null ? null : Number(value);
  }

  /** Records where the synced history starts; keeps the earliest bound ever recorded. */
  setHistoryStartMs(ms: number): void {
    const current = this.historyStartMs();
    if (current === null || ms < current) this.setMeta("history_start_ms", String(ms));
  }

  startSyncRun(at: Date = new Date()): number {
    const result = this.writing(() =>
      this.db.prepare("INSERT INTO sync_runs (started_at) VALUES (?)").run(at.toISOString()),
    );
    return Number(result.lastInsertRowid);
  }

  finishSyncRun(id: number, outcome: { fetched: number; error: string | null }, at: Date = new Date()): void {
    this.writing(() =>
      this.db
        .prepare("UPDATE sync_runs SET finished_at = ?, fetched = ?, error = ? WHERE id = ?")
        .run(at.toISOString(), outcome.fetched, outcome.error, id),
    );
  }

  /** Newest first. */
  recentSyncRuns(limit: number): SyncRun[] {
    const rows = this.db
      .prepare("SELECT id, started_at, finished_at, fetched, error FROM sync_runs ORDER BY id DESC LIMIT ?")
      .all(limit) as SyncRunRow[];
    return rows.map((row) => ({
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      fetched: row.fetched,
      error: row.error,
    }));
  }

  /** When the last sync that finished without error started: the data is complete up to then. */
  lastSuccessfulSyncAt(): string | null {
    const value = this.db
      .prepare(
        "SELECT started_at FROM sync_runs WHERE finished_at IS NOT NULL AND error IS NULL ORDER BY started_at DESC LIMIT 1",
      )
      .pluck()
      .get();
    return typeof value === "string" ? value : null;
  }

  lastDigestAt(): string | null {
    const value = this.db.prepare("SELECT max(posted_at) FROM digest_ledger WHERE posted_at IS NOT NULL").pluck().get();
    return typeof value === "string" ? value : null;
  }

  // --- recorded workstream KPIs ---

  /** Appends one value; a later one for the same KPI and month supersedes it (kpiValues keeps both). */
  recordKpiValue(value: KpiValue): void {
    this.writing(() =>
      this.db
        .prepare(
          "INSERT INTO kpi_values (kpi, month, value, recorded_by, recorded_at) VALUES (@kpiId, @month, @value, @recordedBy, @recordedAt)",
        )
        .run(value),
    );
  }

  /** Every recorded value, in the order recorded. */
  kpiValues(): KpiValue[] {
    return this.db
      .prepare(
        "SELECT kpi AS kpiId, month, value, recorded_by AS recordedBy, recorded_at AS recordedAt FROM kpi_values ORDER BY id",
      )
      .all() as KpiValue[];
  }

  /** Everything metrics need, read in one transaction so the parts agree with each other. */
  snapshot(options: SnapshotOptions = {}): StoreSnapshot {
    const read = this.db.transaction(
      (): StoreSnapshot => ({
        contributions: this.contributions(options.labels),
        unmergedMrs: this.unmergedContributions(options.labels),
        ...this.snapshotRest(options),
      }),
    );
    return read.deferred();
  }

  /** The small parts every Report reads besides its aggregates, read in one transaction. */
  parts(options: SnapshotOptions = {}): StoreParts {
    return this.db.transaction(() => this.snapshotRest(options)).deferred();
  }

  /** the bot usernames among the stored authors, per store change and BOT_USERNAMES (one scan of both MR tables) */
  private botNames: { key: string; names: string[] } | null = null;

  /**
   * The contributor and funnel figures of one Report (src/model/report-inputs.ts), aggregated in SQL under the
   * query's scope (src/store/report-aggregates.ts): a few thousand numbers, never every MR.
   */
  reportAggregates(query: ReportQuery): ReportAggregates {
    const names = this.botNamesFor(query);
    return this.db.transaction(() => reportAggregates(this.db, query, names)).deferred();
  }

  /** The aggregates and the report month's counted MRs, read in one transaction (`engagement-bot contributors`). */
  reportMonthMrs(query: ReportQuery): { aggregates: ReportAggregates; mrs: ReportMonthMr[] } {
    const names = this.botNamesFor(query);
    return this.db
      .transaction(() => ({
        aggregates: reportAggregates(this.db, query, names),
        mrs: reportMonthMrs(this.db, query, names),
      }))
      .deferred();
  }

  private botNamesFor(query: ReportQuery): string[] {
    const key = JSON.stringify([this.changeMarker(), query.scope.botUsernames]);
    if (this.botNames?.key !== key) this.botNames = { key, names: botUsernames(this.db, query.scope.botUsernames) };
    return this.botNames.names;
  }

  /** The small parts of the snapshot (everything but the MR rows). */
  private snapshotRest(options: SnapshotOptions): StoreParts {
    return {
      historyStartMs: this.historyStartMs(),
      labelledItems: this.labelledItems(),
      epics: this.epics(options.epicRefs),
      syncRuns: this.recentSyncRuns(SNAPSHOT_SYNC_RUNS),
      dataAsOf: this.lastSuccessfulSyncAt(),
      lastDigestAt: this.lastDigestAt(),
      kpiValues: this.kpiValues(),
    };
  }

  /**
   * The same snapshot, read `sliceRows` rows at a time with the event loop free between slices, so Slack answers
   * (src/service/report-service.ts) never queue behind one long read. Not one transaction (a read cannot stay open
   * across turns on the connection a sync writes through): a sync committing between two slices shows in the later
   * ones only, and the changed store makes the next refresh read it all again.
   */
  async snapshotInSlices(options: SnapshotOptions = {}, sliceRows = SNAPSHOT_SLICE_ROWS): Promise<StoreSnapshot> {
    const sliced = async <T>(table: string, read: (slice: RowSlice) => T[]): Promise<T[]> => {
      const ids = this.db.prepare(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?`).pluck();
      const out: T[] = [];
      let afterId = Number.MIN_SAFE_INTEGER;
      for (;;) {
        // the last id of this slice, so the next one starts after it whatever was written in between
        const lastId = ids.get(afterId, sliceRows - 1) as number | undefined;
        const rows = read({ afterId, upToId: lastId ?? Number.MAX_SAFE_INTEGER });
        for (const row of rows) out.push(row);
        if (lastId === undefined) return out;
        afterId = lastId;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const contributions = await sliced("merge_requests", (slice) => this.contributions(options.labels, slice));
    const unmergedMrs = await sliced("unmerged_merge_requests", (slice) =>
      this.unmergedContributions(options.labels, slice),
    );
    const rest = this.db.transaction(() => this.snapshotRest(options));
    return { contributions, unmergedMrs, ...rest.deferred() };
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
