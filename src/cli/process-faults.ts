/**
 * What `start` does with a failure nothing caught (src/cli/start-command.ts installs it first thing).
 * - unhandledRejection: logged, and the bot keeps running. Every request and job awaits its own work and answers
 *   its own errors; a promise nobody awaited is a lost side task (a log line, a cache refresh), and Node's default —
 *   ending the process — would drop every listener and schedule for it.
 * - uncaughtException: logged, then exit 1. A throw out of an event handler can leave any state half-changed; the
 *   container restarts the bot, and the ledger (src/store/ledger.ts) keeps a restart from posting twice.
 */
import type { Logger } from "../log.js";
import { EXIT } from "./exit-codes.js";

/** The part of `process` used here (tests pass their own). */
export type ProcessLike = Pick<NodeJS.EventEmitter, "on" | "off"> & { exit(code: number): void };

const text = (reason: unknown): string => (reason instanceof Error ? reason.message : String(reason));

/** Installs both handlers; returns a function that removes them. */
export function handleProcessFaults(logger: Logger, target: ProcessLike = process): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, `unhandled promise rejection (the bot keeps running): ${text(reason)}`);
  };
  const onException = (error: Error) => {
    logger.fatal({ err: error }, `uncaught exception, stopping (exit 1): ${text(error)}`);
    target.exit(EXIT.failure);
  };
  target.on("unhandledRejection", onRejection);
  target.on("uncaughtException", onException);
  return () => {
    target.off("unhandledRejection", onRejection);
    target.off("uncaughtException", onException);
  };
}
