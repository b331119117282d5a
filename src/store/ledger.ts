/**
 * The exactly-once ledger: digests keyed by period (ISO week), alerts keyed by (month, status, kind).
 * A poster first claims the key (one IMMEDIATE transaction, so two processes on one database file queue on
 * the write lock and only one wins), records the attempt, posts, then records the message; a refused post
 * releases the claim and clears the attempt. A claim expires, so a process that died between claim and post does
 * not block the key for ever; an attempt does not: a post whose outcome is unknown (lost answer, a crash or a full
 * disk before the record) is handed to the next claimer, who must find out before posting again.
 * Also holds the pace state per month, the per-channel alert mute, and since when this store's schedules run
 * (so a first start does not post a digest "missed" before the bot ever ran).
 */
import type { PaceStatus } from "../model/report.js";
import { first, run } from "./query.js";
import type { Store } from "./store.js";

export interface PostedDigest {
  period: string;
  channel: string;
  ts: string;
  permalink: string | null;
  postedAt: string;
}

export interface PostedAlert {
  month: string;
  status: PaceStatus;
  kind: AlertKind;
  channel: string;
  ts: string;
  postedAt: string;
}

export type AlertKind = "alert" | "recovery";

/** A post that was sent but never recorded: it may be in `channel` (an ID, or a name when none was known). */
export interface PostAttempt {
  at: string;
  channel: string;
}

/** What a claim attempt found; `attempt` when an earlier post of this key may have reached Slack. */
export type Claim<Posted> =
  | { kind: "claimed"; attempt?: PostAttempt }
  | { kind: "posted"; record: Posted }
  | { kind: "busy"; owner: string; expiresAt: string };

export interface ClaimOptions {
  /** who claims (instance id) */
  owner: string;
  nowMs: number;
  /** how long the claim holds if its owner never records or releases it */
  ttlMs: number;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  postedAtMs: number;
}

export interface PaceState {
  status: PaceStatus;
  evaluatedAt: string;
}

interface AttemptColumns {
  attempted_at: string | null;
  attempt_channel: string | null;
}

interface DigestRow extends AttemptColumns {
  period: string;
  claimed_by: string | null;
  claim_expires_at: string | null;
  posted_at: string | null;
  channel: string | null;
  ts: string | null;
  permalink: string | null;
}

interface AlertRow extends AttemptColumns {
  month: string;
  status: PaceStatus;
  kind: AlertKind;
  claimed_by: string | null;
  claim_expires_at: string | null;
  posted_at: string | null;
  channel: string | null;
  ts: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const SCHEDULES_SINCE_KEY = "schedules_since";

/** An unexpired claim by anyone (the same owner included: a second run in one process must not post either). */
function activeClaim(
  row: { claimed_by: string | null; claim_expires_at: string | null } | undefined,
  nowMs: number,
): { owner: string; expiresAt: string } | null {
  if (!row?.claimed_by || !row.claim_expires_at) return null;
  return Date.parse(row.claim_expires_at) > nowMs ? { owner: row.claimed_by, expiresAt: row.claim_expires_at } : null;
}

/** `{ kind: "claimed" }`, with the unresolved earlier attempt if the row has one. */
const claimed = (row: AttemptColumns | undefined): { kind: "claimed"; attempt?: PostAttempt } =>
  row?.attempted_at
    ? { kind: "claimed", attempt: { at: row.attempted_at, channel: row.attempt_channel ?? "" } }
    : { kind: "claimed" };

const toPostedDigest = (row: DigestRow): PostedDigest | null =>
  row.posted_at === null
    ? null
    : {
        period: row.period,
        channel: row.channel ?? "",
        ts: row.ts ?? "",
        permalink: row.permalink,
        postedAt: row.posted_at,
      };

const toPostedAlert = (row: AlertRow): PostedAlert | null =>
  row.posted_at === null
    ? null
    : {
        month: row.month,
        status: row.status,
        kind: row.kind,
        channel: row.channel ?? "",
        ts: row.ts ?? "",
        postedAt: row.posted_at,
      };

export class Ledger {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.connection;
  }

  private get lockRow() {
    return this.store.dialect.lockRow;
  }

  // --- weekly digest ---

  /**
   * Claims the digest of `period`. `repost: true` claims even a period already posted (a deliberate re-post);
   * an unexpired claim still wins over it.
   */
  claimDigest(period: string, options: ClaimOptions & { repost?: boolean }): Promise<Claim<PostedDigest>> {
    return this.store.transaction(async (): Promise<Claim<PostedDigest>> => {
      // the row exists, then is locked: a second claimer (another replica on PostgreSQL) waits here for this one
      await run(this.db, "INSERT INTO digest_ledger (period) VALUES (?) ON CONFLICT (period) DO NOTHING", [period]);
      const row = await first<DigestRow>(this.db, `SELECT * FROM digest_ledger WHERE period = ?${this.lockRow}`, [
        period,
      ]);
      const posted = row ? toPostedDigest(row) : null;
      if (posted && !options.repost) return { kind: "posted", record: posted };
      const busy = activeClaim(row, options.nowMs);
      if (busy) return { kind: "busy", ...busy };
      await run(
        this.db,
        `INSERT INTO digest_ledger (period, claimed_by, claimed_at, claim_expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (period) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
           claim_expires_at = excluded.claim_expires_at`,
        [period, options.owner, iso(options.nowMs), iso(options.nowMs + options.ttlMs)],
      );
      // a deliberate re-post starts afresh: the earlier attempt belongs to the digest already recorded
      return posted ? { kind: "claimed" } : claimed(row);
    });
  }

  /** Before the post goes out: the claimer is about to post to `channel` (kept until the post is resolved). */
  async markDigestAttempt(period: string, owner: string, channel: string, nowMs: number): Promise<void> {
    await run(
      this.db,
      "UPDATE digest_ledger SET attempted_at = ?, attempt_channel = ? WHERE period = ? AND claimed_by = ?",
      [iso(nowMs), channel, period, owner],
    );
  }

  /** Slack refused the post (or never received it): nothing of this attempt is in the channel. */
  async clearDigestAttempt(period: string, owner: string): Promise<void> {
    await run(
      this.db,
      "UPDATE digest_ledger SET attempted_at = NULL, attempt_channel = NULL WHERE period = ? AND claimed_by = ?",
      [period, owner],
    );
  }

  /** Records the posted message (as soon as Slack confirms it, before any follow-up) and ends the claim. */
  async markDigestPosted(period: string, message: PostedMessage & { permalink: string | null }): Promise<void> {
    await run(
      this.db,
      `INSERT INTO digest_ledger (period, posted_at, channel, ts, permalink) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (period) DO UPDATE SET posted_at = excluded.posted_at, channel = excluded.channel, ts = excluded.ts,
         permalink = excluded.permalink, claimed_by = NULL, claim_expires_at = NULL, attempted_at = NULL,
         attempt_channel = NULL`,
      [period, iso(message.postedAtMs), message.channel, message.ts, message.permalink],
    );
  }

  /** The permalink, once Slack gave it (after the post was recorded). */
  async setDigestPermalink(period: string, permalink: string): Promise<void> {
    await run(this.db, "UPDATE digest_ledger SET permalink = ? WHERE period = ?", [permalink, period]);
  }

  /**
   * Gives a claim back, so the next run may try again; only the owner's claim is released. An attempt whose
   * outcome is unknown stays for the next claimer.
   */
  async releaseDigestClaim(period: string, owner: string): Promise<void> {
    await run(
      this.db,
      "UPDATE digest_ledger SET claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL WHERE period = ? AND claimed_by = ?",
      [period, owner],
    );
  }

  async postedDigest(period: string): Promise<PostedDigest | null> {
    const row = await first<DigestRow>(this.db, "SELECT * FROM digest_ledger WHERE period = ?", [period]);
    return row ? toPostedDigest(row) : null;
  }

  // --- since when the schedules run on this store ---

  /**
   * When `start` first ran its schedules on this store (earliest start kept). A store from before this was
   * recorded dates from its first posted digest. Returns the recorded instant, recording `nowMs` when none is.
   */
  schedulesSince(nowMs: number): Promise<number> {
    return this.store.transaction(async () => {
      const recorded = await this.store.getMeta(SCHEDULES_SINCE_KEY);
      if (recorded !== null) return Date.parse(recorded);
      const firstPosted = await first<{ at: string | null }>(
        this.db,
        "SELECT min(posted_at) AS at FROM digest_ledger WHERE posted_at IS NOT NULL",
      );
      const at = firstPosted?.at ?? null;
      const since = at === null ? nowMs : Math.min(nowMs, Date.parse(at));
      await this.store.setMeta(SCHEDULES_SINCE_KEY, iso(since));
      return since;
    });
  }

  // --- pace alerts ---

  claimAlert(month: string, status: PaceStatus, kind: AlertKind, options: ClaimOptions): Promise<Claim<PostedAlert>> {
    return this.store.transaction(async (): Promise<Claim<PostedAlert>> => {
      await run(
        this.db,
        "INSERT INTO alert_ledger (month, status, kind) VALUES (?, ?, ?) ON CONFLICT (month, status, kind) DO NOTHING",
        [month, status, kind],
      );
      const row = await first<AlertRow>(
        this.db,
        `SELECT * FROM alert_ledger WHERE month = ? AND status = ? AND kind = ?${this.lockRow}`,
        [month, status, kind],
      );
      const posted = row ? toPostedAlert(row) : null;
      if (posted) return { kind: "posted", record: posted };
      const busy = activeClaim(row, options.nowMs);
      if (busy) return { kind: "busy", ...busy };
      await run(
        this.db,
        `INSERT INTO alert_ledger (month, status, kind, claimed_by, claim_expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (month, status, kind) DO UPDATE SET claimed_by = excluded.claimed_by,
           claim_expires_at = excluded.claim_expires_at`,
        [month, status, kind, options.owner, iso(options.nowMs + options.ttlMs)],
      );
      return claimed(row);
    });
  }

  /** Before the alert goes out (see markDigestAttempt). */
  async markAlertAttempt(
    month: string,
    status: PaceStatus,
    kind: AlertKind,
    owner: string,
    channel: string,
    nowMs: number,
  ): Promise<void> {
    await run(
      this.db,
      `UPDATE alert_ledger SET attempted_at = ?, attempt_channel = ?
       WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`,
      [iso(nowMs), channel, month, status, kind, owner],
    );
  }

  async clearAlertAttempt(month: string, status: PaceStatus, kind: AlertKind, owner: string): Promise<void> {
    await run(
      this.db,
      `UPDATE alert_ledger SET attempted_at = NULL, attempt_channel = NULL
       WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`,
      [month, status, kind, owner],
    );
  }

  async markAlertPosted(month: string, status: PaceStatus, kind: AlertKind, message: PostedMessage): Promise<void> {
    await run(
      this.db,
      `INSERT INTO alert_ledger (month, status, kind, posted_at, channel, ts) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (month, status, kind) DO UPDATE SET posted_at = excluded.posted_at, channel = excluded.channel,
         ts = excluded.ts, claimed_by = NULL, claim_expires_at = NULL, attempted_at = NULL, attempt_channel = NULL`,
      [month, status, kind, iso(message.postedAtMs), message.channel, message.ts],
    );
  }

  /** Gives the claim back; the row goes unless an attempt of unknown outcome must stay for the next claimer. */
  releaseAlertClaim(month: string, status: PaceStatus, kind: AlertKind, owner: string): Promise<void> {
    return this.store.transaction(async () => {
      const key = [month, status, kind, owner] as const;
      await run(
        this.db,
        `DELETE FROM alert_ledger WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?
           AND posted_at IS NULL AND attempted_at IS NULL`,
        key,
      );
      await run(
        this.db,
        `UPDATE alert_ledger SET claimed_by = NULL, claim_expires_at = NULL
         WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`,
        key,
      );
    });
  }

  /** The most recently posted alert or recovery note, if any. */
  async lastAlert(): Promise<PostedAlert | null> {
    const row = await first<AlertRow>(
      this.db,
      `SELECT * FROM alert_ledger WHERE posted_at IS NOT NULL ORDER BY posted_at DESC, ${this.store.dialect.lastWrittenFirst} LIMIT 1`,
    );
    return row ? toPostedAlert(row) : null;
  }

  // --- pace state: the last evaluated status of each month ---

  async paceState(month: string): Promise<PaceState | null> {
    const row = await first<{ status: PaceStatus | null; evaluated_at: string | null }>(
      this.db,
      "SELECT status, evaluated_at FROM pace_state WHERE month = ?",
      [month],
    );
    if (!row?.status) return null;
    return { status: row.status, evaluatedAt: row.evaluated_at ?? "" };
  }

  async setPaceState(month: string, status: PaceStatus, nowMs: number): Promise<void> {
    await run(
      this.db,
      `INSERT INTO pace_state (month, status, evaluated_at) VALUES (?, ?, ?)
       ON CONFLICT (month) DO UPDATE SET status = excluded.status, evaluated_at = excluded.evaluated_at`,
      [month, status, iso(nowMs)],
    );
  }

  // --- interactions acted on (replays) ---

  /**
   * Records an interaction by its key; false when it was already recorded within `windowMs` (a replay). Keys older
   * than the window are dropped: Slack refuses a request signed longer ago anyway.
   */
  firstInteraction(key: string, nowMs: number, windowMs: number): Promise<boolean> {
    return this.store.transaction(async () => {
      await run(this.db, "DELETE FROM seen_interactions WHERE seen_at_ms < ?", [nowMs - windowMs]);
      const inserted = await run(
        this.db,
        "INSERT INTO seen_interactions (key, seen_at_ms) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        [key, nowMs],
      );
      return inserted === 1;
    });
  }

  /** Drops an interaction's key, so that the same interaction may act again (its action failed). */
  async forgetInteraction(key: string): Promise<void> {
    await run(this.db, "DELETE FROM seen_interactions WHERE key = ?", [key]);
  }

  // --- per-channel alert mute ---

  async isMuted(channelId: string): Promise<boolean> {
    const row = await first<{ alerts_muted: number }>(
      this.db,
      "SELECT alerts_muted FROM channel_settings WHERE channel = ?",
      [channelId],
    );
    return Number(row?.alerts_muted) === 1;
  }

  async setMuted(channelId: string, muted: boolean, userId: string, nowMs: number): Promise<void> {
    await run(
      this.db,
      `INSERT INTO channel_settings (channel, alerts_muted, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel) DO UPDATE SET alerts_muted = excluded.alerts_muted, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      [channelId, muted ? 1 : 0, userId, iso(nowMs)],
    );
  }
}
