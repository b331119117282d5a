/**
 * PostgreSQL for the store (DATABASE_URL): the pool Kysely's PostgresDialect runs on, the versioned migrations taken
 * under an advisory lock (two replicas starting at once on an empty database: one migrates, the other waits, then
 * finds the history complete), and the URL as it may be shown — never with its password.
 */
import { sql } from "kysely";
import pg from "pg";
import { MIGRATIONS, migrationSql } from "./migrations.js";
import type { Executor } from "./query.js";

/** pg_advisory_xact_lock key of the migrations; advisory locks are per database, so one key serves every store. */
const MIGRATION_LOCK = 7_362_514_001;

/** int8 (counts, ids, epoch ms) and numeric (sums) read back as numbers: every such value here is an integer < 2^53. */
const NUMBER_TYPES = new Set([20, 1700]);

/** `url` as logs and messages may show it: scheme, user, host, port and database, no password. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "the DATABASE_URL (unreadable as a URL)";
  }
}

export function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        NUMBER_TYPES.has(oid)
          ? Number
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // an idle connection the server dropped: the next statement gets a fresh one or says what failed; without a
  // listener the pool's 'error' event would end the process
  pool.on("error", () => undefined);
  return pool;
}

/**
 * Applies the migrations this database has not had, in one transaction under the migration lock. Returns the version
 * it found (0: an empty database), or throws `refuse(found)` for a database of a newer schema, left untouched.
 */
export async function migratePostgres(db: Executor, latest: number, refuse: (found: number) => Error): Promise<number> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(conn);
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(
        conn,
      );
      const found = await postgresSchemaVersion(conn);
      if (found > latest) throw refuse(found);
      for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
        if (migration.version <= found) continue;
        await sql.raw(migrationSql(migration, "postgres")).execute(conn);
        await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${migration.version}, ${new Date().toISOString()})`.execute(
          conn,
        );
      }
      await sql`COMMIT`.execute(conn);
      return found;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** The last migration applied (0 before any). */
export async function postgresSchemaVersion(db: Executor): Promise<number> {
  const row = (await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(db)).rows[0];
  return Number(row?.v ?? 0);
}
