/**
 * Runs the command line as an operator would: a child process with a clean environment (nothing inherited
 * from this machine's SLACK_* / GITLAB_*), its own temporary working directory (so no stray .env is read)
 * and DATABASE_PATH inside it. From source through tsx by default, or the built dist/main.js.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE_MAIN = join(REPO_ROOT, "src", "main.ts");
export const BUILT_MAIN = join(REPO_ROOT, "dist", "main.js");
const TSX_LOADER = import.meta.resolve("tsx");

export interface CliOptions {
  /** configuration, on top of DATABASE_PATH in the working directory */
  env?: Record<string, string>;
  /** working directory; default a fresh temporary one, removed afterwards */
  cwd?: string;
  /** see file permissions as an operator does, also when the tests run as root (see operatorSpawn) */
  asOperator?: boolean;
  /** run dist/main.js instead of src/main.ts */
  built?: boolean;
  timeoutMs?: number;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  cwd: string;
  stdout(): string;
  stderr(): string;
  /** resolves when the process has exited */
  exited: Promise<CliResult>;
}

/** A fresh temporary working directory (removed by the caller with removeDir). */
export const tempDir = (prefix = "eb-cli-"): string => mkdtempSync(join(tmpdir(), prefix));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * A pinned clock passes on to the CLI: CI runs the suite under libfaketime (.ci/pinned-clock.sh), whose
 * LD_PRELOAD, FAKETIME* and TZ variables would otherwise be dropped here and the CLI would see today.
 */
const clockEnv = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (entry[0] === "LD_PRELOAD" || entry[0] === "TZ" || entry[0].startsWith("FAKETIME")),
    ),
  );

export function cleanEnv(cwd: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...clockEnv(),
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: cwd,
    NO_COLOR: "1",
    DATABASE_PATH: join(cwd, "data", "engagement.db"),
    ...extra,
  };
}

export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const ownDir = options.cwd === undefined;
  const cwd = options.cwd ?? tempDir();
  const nodeArgs = options.built ? [BUILT_MAIN, ...args] : ["--import", TSX_LOADER, SOURCE_MAIN, ...args];
  const command = options.asOperator
    ? operatorSpawn(process.execPath, nodeArgs)
    : { file: process.execPath, args: nodeArgs };
  const child = spawn(command.file, command.args, {
    cwd,
    env: cleanEnv(cwd, options.env),
    stdio: ["ignore", "pipe", "pipe"],
    ...command.ids,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const exited = new Promise<CliResult>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (ownDir) removeDir(cwd);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, cwd, stdout: () => stdout, stderr: () => stderr, exited };
}

const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((path) => existsSync(path));

/**
 * Root ignores file modes. To see them as an operator (or the container's non-root user) does, a root test
 * runs the CLI without the capabilities that bypass them (util-linux's setpriv), as root still, so it can
 * read the checkout wherever it lives (a 0700 temporary clone included). Without setpriv: as "nobody".
 */
function operatorSpawn(
  file: string,
  args: string[],
): { file: string; args: string[]; ids?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { file, args };
  if (SETPRIV) return { file: SETPRIV, args: ["--bounding-set=-dac_override,-dac_read_search", "--", file, ...args] };
  return { file, args, ids: { uid: 65534, gid: 65534 } };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited;
}

/** Waits until `predicate` holds for the output so far (polling); throws with the output on timeout. */
export async function waitForOutput(
  cli: RunningCli,
  predicate: (stdout: string, stderr: string) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate(cli.stdout(), cli.stderr())) return;
    if (cli.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`CLI output never matched.\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}`);
}

/** A port that was free a moment ago (PORT must be 1–65535, so 0 cannot be passed to the CLI). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
