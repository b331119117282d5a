/** The store on PostgreSQL (src/store/postgres.ts): migrations raced by two openers, a newer schema, the password. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { sql } from "kysely";
import { parseConfig, secretsOf } from "../../src/config.js";
import { registerSecrets } from "../../src/log.js";
import { passwordIn } from "../../src/redaction.js";
import { SCHEMA_VERSION, Store, StoreError } from "../../src/store/store.js";
import { captureLog } from "../support/capture-log.js";
import { databaseUrl, freshDatabase, type TestDatabase, testServerUrl } from "../support/postgres.js";

const databases: TestDatabase[] = [];
after(async () => {
  for (const db of databases.splice(0)) await db.drop();
});
const fresh = async () => {
  const db = await freshDatabase();
  databases.push(db);
  return db;
};

test("two openers migrating an empty database at once end with one history, each version applied once", async () => {
  const { url } = await fresh();
  const stores = await Promise.all([Store.openUrl(url), Store.openUrl(url), Store.openUrl(url)]);
  try {
    const history = await sql<{ version: number; n: number }>`
      SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version`.execute(
      stores[0]?.connection as Store["connection"],
    );
    assert.deepEqual(
      history.rows.map((row) => [row.version, Number(row.n)]),
      Array.from({ length: SCHEMA_VERSION }, (_, i) => [i + 1, 1]),
    );
    for (const store of stores) assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
    // exactly one of them found the database empty
    assert.equal(stores.filter((store) => store.createdNew).length, 1);
  } finally {
    for (const store of stores) await store.close();
  }
});

test("a database of a newer schema is refused, named without its password, and left untouched", async () => {
  const { url } = await fresh();
  const store = await Store.openUrl(url);
  await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${SCHEMA_VERSION + 3}, 'later')`.execute(
    store.connection,
  );
  await store.close();
  const error = await Store.openUrl(url).then(
    () => assert.fail("a newer schema must be refused"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof StoreError && error.kind === "newer-schema", String(error));
  assert.match(
    error.message,
    new RegExp(`schema version ${SCHEMA_VERSION + 3}, newer than this bot's ${SCHEMA_VERSION}`),
  );
  const password = passwordIn(url);
  assert.ok(password, "the test server's URL carries a password");
  assert.ok(!error.message.includes(password), error.message);
});

test("a wrong password or an unreachable server: a StoreError naming DATABASE_URL, never the password", async () => {
  const server = new URL(testServerUrl());
  const wrong = new URL(databaseUrl(server.toString(), "postgres"));
  wrong.password = "not-the-password-4711";
  const unreachable = new URL(wrong);
  unreachable.port = "1";
  for (const url of [wrong.toString(), unreachable.toString()]) {
    const error = await Store.openUrl(url).then(
      () => assert.fail("must not open"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof StoreError, String(error));
    assert.match(error.message, /^Cannot open the database at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres: /);
    assert.match(error.message, /check DATABASE_URL/);
    assert.ok(!error.message.includes("not-the-password-4711"), error.message);
    // logged as the bot logs a failure (the error and its cause), the password is not in the line either
    registerSecrets(secretsOf(configWith(url)));
    const log = captureLog("info");
    log.logger.error({ err: error }, "store failed");
    assert.ok(!log.text().includes("not-the-password-4711"), log.text());
  }
});

test("DATABASE_URL: a postgres URL; anything else is a configuration problem that does not echo it", () => {
  assert.equal(
    configWith("postgres://bot:s3cret-pw@db.example:5432/engagement").databaseUrl,
    "postgres://bot:s3cret-pw@db.example:5432/engagement",
  );
  assert.equal(configWith(undefined).databaseUrl, undefined);
  assert.throws(
    () => configWith("mysql://bot:s3cret-pw@db.example/engagement"),
    (error: unknown) =>
      error instanceof Error &&
      /DATABASE_URL must be a PostgreSQL URL, postgres:\/\/USER:PASSWORD@HOST/.test(error.message) &&
      !error.message.includes("s3cret-pw"),
  );
  assert.ok(secretsOf(configWith("postgres://bot:s3cret-pw@db.example/engagement")).includes("s3cret-pw"));
  assert.equal(configWith("postgres://bot:pw-123456@db.example/e", "./x.db").databasePathIgnored, true);
  assert.equal(configWith("postgres://bot:pw-123456@db.example/e").databasePathIgnored, false);
});

function configWith(url: string | undefined, path?: string) {
  return parseConfig({ DATABASE_URL: url, ...(path === undefined ? {} : { DATABASE_PATH: path }) });
}
