/**
 * Moving a store up (issue 16, `engagement-bot copy-store`): every table of a SQLite store copied, row by row as
 * stored, into another store of the same schema version — MRs, cursors, epics, the ledger, settings — so the target
 * answers as the source did, without a backfill and without a second digest that week. The tables are the source's
 * own (whatever the migrations made), read in one snapshot; the target is written in one transaction, in batches,
 * its counts checked before it commits: a failure anywhere leaves it as it was.
 */

import { first, placeholders, rows, run } from "./query.js";
import { SCHEMA_VERSION, type Store, StoreError } from "./store.js";

/** Parameters per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535, whatever the table's width. */
const PARAMS_PER_INSERT = 20_000;

export interface TableCount {
  table: string;
  rows: number;
}

export type CopyOutcome =
  /** the target holds data and --force was not given: nothing was written */
  | { kind: "not-empty"; held: TableCount[] }
  /** copied; rows per table, counted in the target before the commit */
  | { kind: "copied"; tables: TableCount[] };

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The source's tables, by name (SQLite's own bookkeeping left out). */
async function sqliteTables(source: Store): Promise<string[]> {
  const found = await rows<{ name: string }>(
    source.connection,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return found.map((row) => row.name);
}

async function count(store: Store, table: string): Promise<number> {
  const row = await first<{ n: number }>(store.connection, `SELECT count(*) AS n FROM ${quoted(table)}`);
  return Number(row?.n ?? 0);
}

/**
 * Copies every table of `source` (SQLite) into `target`. Both must be at this bot's schema version (the target is
 * migrated by opening it; the source is refused otherwise, since upgrading it would write it). A target holding any
 * row is left alone unless `force`, which replaces what it holds.
 */
export async function copyStore(source: Store, target: Store, options: { force: boolean }): Promise<CopyOutcome> {
  if (source.dialect.name !== "sqlite") throw new StoreError("copy-store copies from a SQLite store only");
  for (const [store, role] of [
    [source, "source"],
    [target, "target"],
  ] as const) {
    const version = await store.schemaVersion();
    if (version !== SCHEMA_VERSION) {
      throw new StoreError(
        `The ${role} database at ${store.location} has schema version ${version}, this bot's is ${SCHEMA_VERSION}: ` +
          "copy-store copies between stores of its own version only; run `engagement-bot sync` with this version on it first",
        { kind: "schema" },
      );
    }
  }
  return source.reading(async () => {
    const tables = await sqliteTables(source);
    return target.transaction(async () => {
      const held: TableCount[] = [];
      for (const table of tables) {
        const rowsHeld = await count(target, table);
        if (rowsHeld > 0) held.push({ table, rows: rowsHeld });
      }
      if (held.length > 0 && !options.force) return { kind: "not-empty", held };
      const copied: TableCount[] = [];
      for (const table of tables) {
        if (held.length > 0) await run(target.connection, `DELETE FROM ${quoted(table)}`);
        await copyTable(source, target, table);
        const expected = await count(source, table);
        const got = await count(target, table);
        if (got !== expected) {
          // thrown inside the transaction: the target is rolled back to what it held
          throw new StoreError(
            `copy-store: ${table} has ${got} rows in the target after the copy, ${expected} in the source; nothing was copied`,
          );
        }
        copied.push({ table, rows: got });
      }
      if (target.dialect.name === "postgres") await advanceIdentities(target);
      return { kind: "copied", tables: copied };
    });
  });
}

/**
 * One table, a batch per INSERT, in the order of its key: the rowid, or for a WITHOUT ROWID table (author_months)
 * its primary key's columns, compared as a row value.
 */
async function copyTable(source: Store, target: Store, table: string): Promise<void> {
  const info = await rows<{ name: string; pk: number }>(
    source.connection,
    "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid",
    [table],
  );
  const columns = info.map((row) => row.name);
  const withoutRowid = await first<{ wr: number }>(source.connection, "SELECT wr FROM pragma_table_list(?)", [table]);
  const key =
    withoutRowid?.wr === 1
      ? info
          .filter((row) => row.pk > 0)
          .sort((x, y) => x.pk - y.pk)
          .map((row) => quoted(row.name))
      : ["rowid"];
  const keyList = key.map((k, i) => `${k} AS copy_key_${i}`).join(", ");
  const batch = Math.max(1, Math.floor(PARAMS_PER_INSERT / columns.length));
  const list = columns.map(quoted).join(", ");
  const insertRow = `(${placeholders(columns.length)})`;
  let after: unknown[] | null = null;
  for (;;) {
    const from = after === null ? "" : `WHERE (${key.join(", ")}) > (${placeholders(key.length)})`;
    const page: Record<string, unknown>[] = await rows<Record<string, unknown>>(
      source.connection,
      `SELECT ${keyList}, ${list} FROM ${quoted(table)} ${from} ORDER BY ${key.join(", ")} LIMIT ?`,
      [...(after ?? []), batch],
    );
    if (page.length === 0) return;
    await run(
      target.connection,
      `INSERT INTO ${quoted(table)} (${list}) VALUES ${page.map(() => insertRow).join(", ")}`,
      page.flatMap((row) => columns.map((column) => row[column])),
    );
    const last = page.at(-1) as Record<string, unknown>;
    after = key.map((_, i) => last[`copy_key_${i}`]);
    if (page.length < batch) return;
  }
}

/**
 * Identity columns (sync_runs.id, kpi_values.id) were given the source's ids: their sequences move past the largest,
 * so the next sync run or recorded KPI gets a new id instead of a duplicate key.
 */
async function advanceIdentities(target: Store): Promise<void> {
  const identities = await rows<{ table_name: string; column_name: string }>(
    target.connection,
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of identities) {
    await rows(
      target.connection,
      `SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(${quoted(column)}), 0) + 1, false) FROM ${quoted(table)}`,
      [table, column],
    );
  }
}
