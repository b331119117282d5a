/** The PostgreSQL test harness gives each test a database of its own on a real server, and takes it away after. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { freshDatabase, onServer, terminateConnections } from "./postgres.js";

const databaseExists = (name: string) =>
  onServer(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount);

describe("freshDatabase", () => {
  it("creates an empty database of its own, reachable at its URL, and drops it", async () => {
    const first = await freshDatabase();
    const second = await freshDatabase();
    try {
      assert.notEqual(first.name, second.name);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      try {
        const current = await client.query<{ name: string }>("SELECT current_database() AS name");
        assert.equal(current.rows[0]?.name, first.name);
        const tables = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
        assert.equal(tables.rowCount, 0);
      } finally {
        await client.end();
      }
    } finally {
      await first.drop();
      await second.drop();
    }
    assert.equal(await databaseExists(first.name), 0);
    assert.equal(await databaseExists(second.name), 0);
  });

  it("can cut a database's connections, as a server going away would", async () => {
    const db = await freshDatabase();
    try {
      const client = new pg.Client({ connectionString: db.url });
      const lost = new Promise<Error>((resolve) => client.on("error", resolve));
      await client.connect();
      assert.equal(await terminateConnections(db.name), 1);
      assert.match((await lost).message, /terminat/i);
      await assert.rejects(client.query("SELECT 1"));
    } finally {
      await db.drop();
    }
  });
});
