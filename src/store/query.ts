/**
 * The store's one query layer over both dialects: Kysely executes every statement (better-sqlite3 or pg), and
 * statements are portable SQL text with `?` placeholders, which Kysely's sql template turns into the dialect's own
 * (`?` for SQLite, `$1…` for PostgreSQL). Inside Store.transaction, `Executor` is the transaction's connection.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";

/** Kysely over a schema the SQL text names itself (every statement is a sql`` template). */
// biome-ignore lint/suspicious/noExplicitAny: rows are typed per statement (sql<Row>), not by a table map
export type Executor = Kysely<any>;

/**
 * `text` with one value per `?`, as Kysely's sql`` would build it from a template literal. The SQL text of the store
 * never holds a `?` of its own (no literal contains one), so each `?` is a parameter.
 */
export function positional<Row>(text: string, values: readonly unknown[] = []): RawBuilder<Row> {
  const parts = text.split("?");
  if (parts.length - 1 !== values.length) {
    throw new Error(`SQL has ${parts.length - 1} placeholders for ${values.length} values: ${text.slice(0, 80)}`);
  }
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  return sql<Row>(strings, ...values);
}

/** The rows of one statement. */
export async function rows<Row>(db: Executor, text: string, values: readonly unknown[] = []): Promise<Row[]> {
  return (await positional<Row>(text, values).execute(db)).rows;
}

/** The first row of one statement, or undefined. */
export async function first<Row>(
  db: Executor,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row | undefined> {
  return (await rows<Row>(db, text, values))[0];
}

/** How many rows one INSERT, UPDATE or DELETE changed. */
export async function run(db: Executor, text: string, values: readonly unknown[] = []): Promise<number> {
  return Number((await positional(text, values).execute(db)).numAffectedRows ?? 0n);
}

/** The `?, ?, ?` of n values. */
export const placeholders = (n: number): string => new Array<string>(n).fill("?").join(", ");
