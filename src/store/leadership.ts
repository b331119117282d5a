/**
 * Which replica runs the scheduled jobs (sync, the digest and its catch-up, the pace check): exactly one at a time.
 * On the SQLite file there is one process, and it leads (`soleLeadership`). On PostgreSQL, replicas share the store
 * and the leader is whoever holds a session advisory lock (`advisoryLeadership`), on a connection of its own — not
 * the store's pool, whose connections come and go. The lock lives as long as that session: when the leader dies
 * (SIGKILL, a crash, a cut network) PostgreSQL ends the session and releases the lock, and a standby that retries
 * every few seconds takes it. A leader whose connection fails steps down at once, then reconnects and competes again.
 * The exactly-once ledger (src/store/ledger.ts) still guards every post, so a brief overlap cannot post twice.
 */
import pg from "pg";
import type { Logger } from "../log.js";
import { passwordIn, redact } from "../redaction.js";

export interface Leadership {
  /** whether this process runs the scheduled jobs now */
  isLeader(): boolean;
  /** called with true when this process becomes the leader, false when it stops being it; returns an unsubscribe */
  onChange(listener: (leading: boolean) => void): () => void;
  /** gives leadership up (the lock is released) and stops competing */
  stop(): Promise<void>;
}

/** The pg_try_advisory_lock key of the schedules (the migrations use 7_362_514_001, src/store/postgres.ts). */
export const SCHEDULES_LOCK_KEY = 7_362_514_002;
/** How often a standby tries the lock and a leader checks its connection: a dead leader is replaced within this. */
export const DEFAULT_LEADERSHIP_RETRY_MS = 5_000;
/**
 * How long connecting or a check may take: a leader whose database stops answering steps down after this (a busy
 * server is not a dead one, so not after one retry interval). Retry + timeout stays well under the 60 s takeover.
 */
const DEFAULT_LEADERSHIP_TIMEOUT_MS = 10_000;

/** Listeners of a Leadership, each called on every change. */
function listeners() {
  const set = new Set<(leading: boolean) => void>();
  return {
    add(listener: (leading: boolean) => void): () => void {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(leading: boolean) {
      for (const listener of [...set]) listener(leading);
    },
  };
}

/** One process on the store (the SQLite file): it leads from the start until stop(). */
export function soleLeadership(): Leadership {
  let leading = true;
  const changes = listeners();
  return {
    isLeader: () => leading,
    onChange: (listener) => changes.add(listener),
    stop: async () => {
      if (!leading) return;
      leading = false;
      changes.emit(false);
    },
  };
}

export interface AdvisoryLeadershipOptions {
  /** the store's postgres:// URL (password included; it is never logged) */
  url: string;
  logger: Logger;
  /** how often a standby tries the lock and the leader checks its connection; default 5 s */
  retryMs?: number;
  /** the advisory lock key; default SCHEDULES_LOCK_KEY */
  key?: number;
  /** how long connecting or a statement may take before the connection counts as lost; default 10 s */
  timeoutMs?: number;
}

/**
 * Leadership by `pg_try_advisory_lock(key)` on a connection of its own, tried at once and then every `retryMs`.
 * While leading, each round checks the connection (a statement that must answer within `timeoutMs`); an error on it
 * or its end steps down at once. Log lines: gaining and losing leadership, a standby's wait (once), an unreachable
 * database (once per distinct reason) and its return.
 */
export function advisoryLeadership(options: AdvisoryLeadershipOptions): Leadership {
  const { url } = options;
  const log = options.logger.child({ component: "leadership" });
  const retryMs = options.retryMs ?? DEFAULT_LEADERSHIP_RETRY_MS;
  const key = options.key ?? SCHEDULES_LOCK_KEY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LEADERSHIP_TIMEOUT_MS;
  const secrets = [passwordIn(url)];
  const reasonOf = (error: unknown) => redact(error instanceof Error ? error.message : String(error), secrets);
  const changes = listeners();
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let standbyLogged = false;
  let problem: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  /** Forgets the connection (ending it, which releases the lock server-side) and steps down if leading. */
  const drop = (reason: string) => {
    const old = client;
    client = null;
    old?.end().catch(() => undefined);
    if (leading) {
      leading = false;
      standbyLogged = false;
      log.warn(
        { reason },
        `lost the schedules' leadership (${reason}): this replica stops running the scheduled jobs and tries to lead again`,
      );
      changes.emit(false);
    }
  };

  const connect = async (): Promise<pg.Client> => {
    const candidate = new pg.Client({
      connectionString: url,
      application_name: "engagement-bot leadership",
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
      // the server, too, must notice a leader gone silent (a cut network sends no FIN): its TCP keepalives end the
      // session, and free the lock, after about 25 s instead of the system's default two hours
      options: "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
    });
    // the server ending the session (pg_terminate_backend, a restart) or the network failing: step down now
    candidate.on("error", (error) => {
      if (client === candidate) drop(reasonOf(error));
    });
    candidate.on("end", () => {
      if (client === candidate) drop("the connection to PostgreSQL closed");
    });
    try {
      await candidate.connect();
    } catch (error) {
      candidate.end().catch(() => undefined);
      throw error;
    }
    return candidate;
  };

  const attempt = async () => {
    try {
      if (client === null) {
        const connected = await connect();
        if (stopped) {
          await connected.end();
          return;
        }
        client = connected;
      }
      const current = client;
      if (leading) {
        await current.query("SELECT 1");
        return;
      }
      const result = await current.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key]);
      if (problem !== null) {
        log.info({ was: problem }, "PostgreSQL is reachable again for the schedules' leadership");
        problem = null;
      }
      if (result.rows[0]?.locked === true && client === current && !stopped) {
        leading = true;
        log.info({ lockKey: key }, "leading: this replica runs the scheduled jobs (sync, digest, pace check)");
        changes.emit(true);
      } else if (!standbyLogged) {
        standbyLogged = true;
        log.info(
          { lockKey: key, retryMs },
          "standing by: another replica runs the scheduled jobs; this one answers Slack and takes over if the leader goes away",
        );
      }
    } catch (error) {
      const reason = reasonOf(error);
      drop(reason);
      if (reason !== problem) {
        problem = reason;
        log.warn(
          { reason, retryMs },
          `cannot hold the schedules' leadership: PostgreSQL did not answer (${reason}); retrying every ${Math.round(retryMs / 1000)} s`,
        );
      }
    }
  };

  const loop = () => {
    if (stopped) return;
    round = attempt().finally(() => {
      if (stopped) return;
      timer = setTimeout(loop, retryMs);
      timer.unref();
    });
  };
  loop();

  return {
    isLeader: () => leading,
    onChange: (listener) => changes.add(listener),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await round;
      const wasLeading = leading;
      leading = false;
      const last = client;
      client = null;
      // ending the session releases the lock: a standby takes over at its next try
      await last?.end().catch(() => undefined);
      if (wasLeading) {
        log.info("gave up the schedules' leadership (stopping): another replica takes over");
        changes.emit(false);
      }
    },
  };
}

/**
 * The leadership of a store: on PostgreSQL (its postgres:// URL) the advisory lock, replicas competing for it; on
 * the SQLite file (undefined) this process leads.
 */
export function leadershipOf(databaseUrl: string | undefined, logger: Logger): Leadership {
  return databaseUrl === undefined ? soleLeadership() : advisoryLeadership({ url: databaseUrl, logger });
}
