/**
 * Which better-sqlite3 this Node can run. 12.x (compiled from source by `npm ci`) aborts the process on
 * Node 24 — its Statement destructor trips `Assertion failed: (env) != nullptr` in
 * node::RemoveEnvironmentCleanupHook, at exit and sometimes mid-run — while 13.x (Node-API, shipped
 * prebuilt, installed under the alias `better-sqlite3-napi`) needs Node ≥ 22 and segfaults on Node 20.
 * Both expose the same API; the store loads the one that works here.
 */
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

const require = createRequire(import.meta.url);

export const NODE_MAJOR = Number(process.versions.node.split(".")[0]);

/** The package the store loads on this Node. */
export const SQLITE_DRIVER = NODE_MAJOR >= 22 ? "better-sqlite3-napi" : "better-sqlite3";

const Database = require(SQLITE_DRIVER) as typeof BetterSqlite3;

export default Database;
export type { BetterSqlite3 };
