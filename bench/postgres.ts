/**
 * PostgreSQL for the benchmarks' second store: a fresh database on TEST_DATABASE_URL's server when one is given,
 * else on a throwaway server of its own (scripts/postgres-test-server.sh start, stopped when the process exits).
 * Without PostgreSQL binaries the PostgreSQL figures are skipped, and the bench says why: they are figures, not a gate.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freshDatabase, type TestDatabase } from "../test/support/postgres.js";

// bench/ run by tsx, or .bench-build/bench/ compiled: the script is in the checkout's scripts/ either way
const SCRIPT = ["../scripts/", "../../scripts/"]
  .map((dir) => fileURLToPath(new URL(`${dir}postgres-test-server.sh`, import.meta.url)))
  .find((path) => existsSync(path));

let started: Promise<void> | undefined;

function startServer(): void {
  if (!SCRIPT) throw new Error("scripts/postgres-test-server.sh was not found beside the benchmarks");
  const found = spawnSync("bash", [SCRIPT, "bindir"], { encoding: "utf8" });
  if (found.status !== 0) throw new Error(found.stderr.trim().split("\n").at(-1) ?? "no PostgreSQL server binaries");
  const output = execFileSync("bash", [SCRIPT, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const value = (name: string) =>
    output.match(new RegExp(`^export ${name}=(.*)$`, "m"))?.[1]?.replace(/^'(.*)'$/, "$1");
  const url = value("TEST_DATABASE_URL");
  const dir = value("POSTGRES_TEST_DIR");
  if (!url || !dir) throw new Error("scripts/postgres-test-server.sh start printed no URL");
  process.on("exit", () => {
    spawnSync("bash", [SCRIPT, "stop", dir], { stdio: "ignore" });
  });
  process.env.TEST_DATABASE_URL = url;
}

/** A new, empty database to bench on (drop it after), or why there is none. */
export async function benchDatabase(): Promise<TestDatabase | { skipped: string }> {
  try {
    if (!process.env.TEST_DATABASE_URL) {
      started ??= Promise.resolve().then(startServer);
      await started;
    }
    return await freshDatabase();
  } catch (error) {
    return { skipped: (error as Error).message };
  }
}

export const skippedLine = (what: string, why: string): string => `${what} on PostgreSQL: skipped (${why})`;
