import assert from "node:assert/strict";
import { test } from "node:test";
import Database, { NODE_MAJOR, SQLITE_DRIVER } from "../../src/store/sqlite-driver.js";

test("loads the better-sqlite3 build that works on this Node (12 on Node 20–21, 13 from Node 22)", () => {
  assert.equal(SQLITE_DRIVER, NODE_MAJOR >= 22 ? "better-sqlite3-napi" : "better-sqlite3");
  const db = new Database(":memory:");
  try {
    db.exec("CREATE TABLE t (a INTEGER)");
    db.prepare("INSERT INTO t VALUES (?)").run(42);
    assert.equal(db.prepare("SELECT a FROM t").pluck().get(), 42);
  } finally {
    db.close();
  }
});
