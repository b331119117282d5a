/**
 * Whether the store's database answers now, in words an operator can act on: which errors mean "the database is
 * unreachable" (refused, shut down, connection lost, timed out) rather than a bad query, and one record of the
 * current outage, fed by every statement the PostgreSQL pool runs (src/store/postgres.ts), so the log says so once
 * per outage and again once when it is back (src/service/runtime.ts). /healthz asks `store.reachable()` through
 * `cachedCheck`, so a load balancer's probes cost at most one `SELECT 1` per second or two.
 */
import { errorChain } from "../network-failure.js";

/** PostgreSQL SQLSTATEs that mean the server is not there for us: class 08 (connection), shutdowns, starting up. */
const SERVER_GONE = new Set(["57P01", "57P02", "57P03"]);
const SOCKET_GONE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection lost",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "unknown host",
  EAI_AGAIN: "unknown host",
  ETIMEDOUT: "timed out",
};
/** node-postgres says these in words, without a code */
const LOST_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated/, "connection lost"],
  [/timeout exceeded when trying to connect/, "timed out connecting"],
  [/not queryable/, "connection lost"],
];

/** Why the database could not be reached ("connection refused", "the server shut down (57P01)"), or null. */
export function databaseUnreachable(error: unknown): string | null {
  for (const e of errorChain(error)) {
    if (e instanceof DatabaseTimeout) return e.message;
    const code = typeof e.code === "string" ? e.code : "";
    if (code.startsWith("08")) return `connection failed (${code})`;
    if (SERVER_GONE.has(code))
      return code === "57P03" ? `the server is starting up (${code})` : `the server shut down (${code})`;
    const socket = SOCKET_GONE[code];
    if (socket) return socket;
    const message = typeof e.message === "string" ? e.message : "";
    for (const [pattern, reason] of LOST_MESSAGES) if (pattern.test(message)) return reason;
  }
  return null;
}

/** A health check's `SELECT 1` that got no answer in time. */
export class DatabaseTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "DatabaseTimeout";
  }
}

export interface OutageChange {
  /** the reason while unreachable; null: reachable again */
  down: string | null;
  /** when it went down (epoch ms) */
  sinceMs: number;
}

/** The current outage of one database: every statement reports its outcome; listeners hear each change once. */
export class Reachability {
  private down: string | null = null;
  private sinceMs = 0;
  private readonly listeners = new Set<(change: OutageChange) => void>();

  /** why it is unreachable now, or null */
  get problem(): string | null {
    return this.down;
  }

  onChange(listener: (change: OutageChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** a statement failed: an outage begins when the error says the database is unreachable */
  failed(error: unknown): void {
    const reason = databaseUnreachable(error);
    if (reason === null || this.down !== null) return;
    this.down = reason;
    this.sinceMs = Date.now();
    this.emit();
  }

  /** a statement was answered: any outage is over */
  answered(): void {
    if (this.down === null) return;
    this.down = null;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener({ down: this.down, sinceMs: this.sinceMs });
  }
}

/**
 * `check` run at most once per `ttlMs`: callers within it share the last answer (or the one in flight), so a load
 * balancer probing every replica often does not turn into as many queries.
 */
export function cachedCheck<T>(check: () => Promise<T>, ttlMs: number, nowMs: () => number = Date.now) {
  let last: { atMs: number; value: Promise<T> } | null = null;
  return (): Promise<T> => {
    const now = nowMs();
    if (last === null || now - last.atMs >= ttlMs) last = { atMs: now, value: check() };
    return last.value;
  };
}
