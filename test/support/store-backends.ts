/**
 * The two databases the store runs on, for the suites that must hold on both (test/store/): a new, empty SQLite file
 * in a temporary directory, or a new, empty PostgreSQL database on the test server (test/support/postgres.ts). Every
 * database made is removed when the test file ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { Store } from "../../src/store/store.js";
import { freshDatabase, type TestDatabase } from "./postgres.js";

export interface StoreBackend {
  name: "SQLite" | "PostgreSQL";
  /** where a new, empty database is: a file path, or a postgres:// URL */
  fresh(): Promise<string>;
  /** a store on a new, empty database */
  openFresh(): Promise<Store>;
}

/** The store at `location` as the bot opens it: DATABASE_URL's PostgreSQL or DATABASE_PATH's file. */
export const openStoreAt = (location: string): Promise<Store> =>
  /^postgres(ql)?:\/\//.test(location) ? Store.openUrl(location) : Store.open(location);

const root = mkdtempSync(join(tmpdir(), "store-backend-"));
const databases: TestDatabase[] = [];
after(async () => {
  rmSync(root, { recursive: true, force: true });
  for (const db of databases.splice(0)) await db.drop();
});
let counter = 0;

const backend = (name: StoreBackend["name"], fresh: () => Promise<string>): StoreBackend => ({
  name,
  fresh,
  openFresh: async () => openStoreAt(await fresh()),
});

export const STORE_BACKENDS: readonly StoreBackend[] = [
  backend("SQLite", async () => join(root, `db-${++counter}`, "engagement.db")),
  backend("PostgreSQL", async () => {
    const db = await freshDatabase();
    databases.push(db);
    return db.url;
  }),
];
