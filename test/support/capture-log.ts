/** A pino logger whose lines are kept in memory, for asserting on log output (and on its secrecy). */
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log.js";
import { Arrivals } from "./arrivals.js";

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

export function captureLog(level = "debug"): CapturedLog {
  const arrived = new Arrivals<string>();
  const lines = arrived.items;
  const entries = () => lines.map((l) => JSON.parse(l) as LogEntry);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      arrived.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((line) => line !== ""),
      );
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines,
    entries,
    text: () => lines.join("\n"),
    waitFor: async (match, count = 1) => {
      const found = await arrived.waitFor(
        (line) => match(JSON.parse(line) as LogEntry),
        count,
        "the log: matching lines",
      );
      return found.slice(0, count).map((line) => JSON.parse(line) as LogEntry);
    },
  };
}
