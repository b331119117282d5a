/**
 * Terminal output for people (issue 11 item 6), as a process: in a terminal the logs are readable lines
 * (pino-pretty), in a pipe JSON lines, and LOG_FORMAT forces either. The terminal is a real pseudo-terminal
 * (util-linux's `script`); the log line is the .env warning every command logs.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { cleanEnv, REPO_ROOT, removeDir, runCli, tempDir } from "./spawn-cli.js";

const WARNING = /unknown key MONTLY_TARGET is ignored/;
const JSON_WARNING = /\{"level":40,.*"msg":"[^"]*unknown key MONTLY_TARGET/;
/** matched on the text without its colour codes (stripVTControlCharacters) */
const READABLE_WARNING = /^\[\d\d:\d\d:\d\d\] WARN: .*unknown key MONTLY_TARGET/m;

const quote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** The CLI in a pseudo-terminal: what a person at a terminal sees (stdout and stderr together). */
function inTerminal(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, "--import", import.meta.resolve("tsx"), join(REPO_ROOT, "src", "main.ts"), ...args]
    .map(quote)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], {
      cwd,
      env: cleanEnv(cwd, env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

describe("log format of the command line", () => {
  let dir: string;
  // --no-sync: nothing but the store is touched; the warning is logged before the command runs
  const args = ["status", "--no-sync", "--json"];
  before(() => {
    dir = tempDir("eb-log-format-");
    writeFileSync(join(dir, ".env"), "MONTLY_TARGET=900\n");
  });
  after(() => removeDir(dir));

  it("in a terminal: readable lines", async () => {
    const output = await inTerminal(args, dir);
    assert.match(stripVTControlCharacters(output), READABLE_WARNING);
    assert.doesNotMatch(output, JSON_WARNING);
  });

  it("in a pipe: JSON lines", async () => {
    const result = await runCli(args, { cwd: dir });
    assert.match(result.stderr, JSON_WARNING);
  });

  it("LOG_FORMAT=json in a terminal gives JSON lines; LOG_FORMAT=pretty in a pipe readable lines", async () => {
    assert.match(await inTerminal(args, dir, { LOG_FORMAT: "json" }), JSON_WARNING);
    const piped = await runCli(args, { cwd: dir, env: { LOG_FORMAT: "pretty" } });
    assert.match(piped.stderr, READABLE_WARNING);
    assert.doesNotMatch(piped.stderr, JSON_WARNING);
    assert.match(piped.stderr, WARNING);
  });

  it("a LOG_FORMAT that is neither is a configuration error (exit 2)", async () => {
    const result = await runCli(args, { cwd: dir, env: { LOG_FORMAT: "yaml" } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /LOG_FORMAT must be one of json, pretty \(got "yaml"\)/);
  });
});
