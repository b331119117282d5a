/** A pino logger whose lines are kept in memory, for asserting on log output (and on its secrecy). */
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log.js";

type LogEntry = Record<string, unknown>;

export interface CapturedLog {
  logger: Logger;
  lines: string[];
  /** parsed JSON lines */
  entries(): LogEntry[];
  text(): string;
  /**
   * The first `count` entries that match, as soon as they are logged (those already logged count): no polling, so a
   * loaded machine only makes it later; only a line that never comes fails it, after a long hang guard.
   */
  waitFor(match: (entry: LogEntry) => boolean, count?: number): Promise<LogEntry[]>;
}

/** waitFor's guard against a line that never comes: far beyond any loaded machine's delay */
const HANG_GUARD_MS = 120_000;

export function captureLog(level = "debug"): CapturedLog {
  const lines: string[] = [];
  const entries = () => lines.map((l) => JSON.parse(l) as LogEntry);
  const waiters = new Set<() => boolean>();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(line);
      for (const settled of [...waiters]) if (settled()) waiters.delete(settled);
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines,
    entries,
    text: () => lines.join("\n"),
    waitFor: (match, count = 1) =>
      new Promise((resolve, reject) => {
        let guard: NodeJS.Timeout | undefined;
        const settled = (): boolean => {
          const found = entries().filter(match);
          if (found.length < count) return false;
          clearTimeout(guard);
          resolve(found.slice(0, count));
          return true;
        };
        if (settled()) return;
        waiters.add(settled);
        // not a deadline for the test (a line comes when it comes): a line that never comes fails instead of hanging
        guard = setTimeout(() => {
          waiters.delete(settled);
          reject(new Error(`the log never had ${count} matching line(s) (waited ${HANG_GUARD_MS / 1000} s)`));
        }, HANG_GUARD_MS);
        guard.unref();
      }),
  };
}
