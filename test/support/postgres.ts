/**
 * PostgreSQL for the tests: each test file gets fresh, empty databases (CREATE DATABASE with a unique name,
 * dropped after) on the server TEST_DATABASE_URL names (`npm test` and `.ci/run` start one with
 * scripts/postgres-test-server.sh). A single file run without TEST_DATABASE_URL starts a throwaway server of its own
 * through that script (stopped when the process exits); with no PostgreSQL binaries either, the tests fail saying
 * how to run them: a PostgreSQL test never passes without a server.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";

const SCRIPT = fileURLToPath(new URL("../../scripts/postgres-test-server.sh", import.meta.url));

let serverUrl: string | undefined;

/** The test server's URL (its maintenance database, `postgres`): TEST_DATABASE_URL, or a server started for this process. */
export function testServerUrl(): string {
  serverUrl ??= process.env.TEST_DATABASE_URL || startServer();
  return serverUrl;
}

function startServer(): string {
  let output: string;
  try {
    output = execFileSync("bash", [SCRIPT, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new Error(
      "The PostgreSQL tests need a server and none could be started" +
        (stderr ? ` (${stderr.split("\n").at(-1)})` : "") +
        ": set TEST_DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/postgres (a role that may CREATE DATABASE), " +
        "or install PostgreSQL's server binaries (Debian: apt-get install postgresql) so that " +
        "scripts/postgres-test-server.sh starts a throwaway one; `npm test` and `.ci/run` do that themselves",
    );
  }
  const value = (name: string): string => {
    const match = output.match(new RegExp(`^export ${name}=(.*)$`, "m"));
    if (!match?.[1]) throw new Error(`scripts/postgres-test-server.sh start printed no ${name}`);
    return match[1].replace(/^'(.*)'$/, "$1");
  };
  const dir = value("POSTGRES_TEST_DIR");
  process.on("exit", () => {
    spawnSync("bash", [SCRIPT, "stop", dir], { stdio: "ignore" });
  });
  return value("TEST_DATABASE_URL");
}

/** `url` with another database name (the same server, user and password). */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `fn` on a connection to the server's maintenance database. */
export async function onServer<T>(fn: (client: pg.Client) => Promise<T>, url = testServerUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** its name, unique to this run */
  name: string;
  /** a postgres:// URL of it, password included */
  url: string;
  /** drops it (closing whatever connections are still open on it) */
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test file (or one test). Drop it in `after`:
 *   const db = await freshDatabase(); after(() => db.drop());
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `engagement_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`), server);
  return {
    name,
    url: databaseUrl(server, name),
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), server);
    },
  };
}

/** Ends every other connection to `database` (the server "going away" for its clients); returns how many. */
export async function terminateConnections(database: string): Promise<number> {
  return onServer(async (client) => {
    const result = await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    return result.rowCount ?? 0;
  });
}
