/** A pino logger whose lines are kept in memory, for asserting on log output (and on its secrecy). */
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log.js";

export interface CapturedLog {
  logger: Logger;
  lines: string[];
  /** parsed JSON lines */
  entries(): Array<Record<string, unknown>>;
  text(): string;
}

export function captureLog(level = "debug"): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(line);
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join("\n"),
  };
}
