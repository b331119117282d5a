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

  // --- weekly digest ---

  /**
   * Claims the digest of `period`. `repost: true` claims even a period already posted (a deliberate re-post);
   * an unexpired claim still wins over it.
   */
  claimDigest(period: string, options: ClaimOptions & { repost?: boolean }): Claim<PostedDigest> {
    return this.store.transaction(() => {
      const row = this.db.prepare("SELECT * FROM digest_ledger WHERE period = ?").get(period) as DigestRow | undefined;
      const posted = row ? toPostedDigest(row) : null;
      if (posted && !options.repost) return { kind: "posted", record: posted };
      const busy = activeClaim(row, options.nowMs);
      if (busy) return { kind: "busy", ...busy };
      this.db
        .prepare(`
          INSERT INTO digest_ledger (period, claimed_by, claimed_at, claim_expires_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (period) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
            claim_expires_at = excluded.claim_expires_at`)
        .run(period, options.owner, iso(options.nowMs), iso(options.nowMs + options.ttlMs));
      // a deliberate re-post starts afresh: the earlier attempt belongs to the digest already recorded
      return posted ? { kind: "claimed" } : claimed(row);
    });
  }

  /** Before the post goes out: the claimer is about to post to `channel` (kept until the post is resolved). */
  markDigestAttempt(period: string, owner: string, channel: string, nowMs: number): void {
    this.db
      .prepare("UPDATE digest_ledger SET attempted_at = ?, attempt_channel = ? WHERE period = ? AND claimed_by = ?")
      .run(iso(nowMs), channel, period, owner);
  }

  /** Slack refused the post (or never received it): nothing of this attempt is in the channel. */
  clearDigestAttempt(period: string, owner: string): void {
    this.db
      .prepare(
        "UPDATE digest_ledger SET attempted_at = NULL, attempt_channel = NULL WHERE period = ? AND claimed_by = ?",
      )
      .run(period, owner);
  }

  /** Records the posted message (as soon as Slack confirms it, before any follow-up) and ends the claim. */
  markDigestPosted(period: string, message: PostedMessage & { permalink: string | null }): void {
    this.db
      .prepare(`
        INSERT INTO digest_ledger (period, posted_at, channel, ts, permalink) VALUES (@period, @postedAt, @channel, @ts, @permalink)
        ON CONFLICT (period) DO UPDATE SET posted_at = excluded.posted_at, channel = excluded.channel, ts = excluded.ts,
          permalink = excluded.permalink, claimed_by = NULL, claim_expires_at = NULL, attempted_at = NULL,
          attempt_channel = NULL`)
      .run({
        period,
        postedAt: iso(message.postedAtMs),
        channel: message.channel,
        ts: message.ts,
        permalink: message.permalink,
      });
  }

  /** The permalink, once Slack gave it (after the post was recorded). */
  setDigestPermalink(period: string, permalink: string): void {
    this.db.prepare("UPDATE digest_ledger SET permalink = ? WHERE period = ?").run(permalink, period);
  }

  /**
   * Gives a claim back, so the next run may try again; only the owner's claim is released. An attempt whose
   * outcome is unknown stays for the next claimer.
   */
  releaseDigestClaim(period: string, owner: string): void {
    this.db
      .prepare(
        "UPDATE digest_ledger SET claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL WHERE period = ? AND claimed_by = ?",
      )
      .run(period, owner);
  }

  postedDigest(period: string): PostedDigest | null {
    const row = this.db.prepare("SELECT * FROM digest_ledger WHERE period = ?").get(period) as DigestRow | undefined;
    return row ? toPostedDigest(row) : null;
  }

  // --- since when the schedules run on this store ---

  /**
   * When `start` first ran its schedules on this store (earliest start kept). A store from before this was
   * recorded dates from its first posted digest. Returns the recorded instant, recording `nowMs` when none is.
   */
  schedulesSince(nowMs: number): number {
    return this.store.transaction(() => {
      const recorded = this.store.getMeta(SCHEDULES_SINCE_KEY);
      if (recorded !== null) return Date.parse(recorded);
      const firstPosted = this.db
        .prepare("SELECT min(posted_at) FROM digest_ledger WHERE posted_at IS NOT NULL")
        .pluck()
        .get() as string | null;
      const since = firstPosted === null ? nowMs : Math.min(nowMs, Date.parse(firstPosted));
      this.store.setMeta(SCHEDULES_SINCE_KEY, iso(since));
      return since;
    });
  }

  // --- pace alerts ---

  claimAlert(month: string, status: PaceStatus, kind: AlertKind, options: ClaimOptions): Claim<PostedAlert> {
    return this.store.transaction(() => {
      const row = this.db
        .prepare("SELECT * FROM alert_ledger WHERE month = ? AND status = ? AND kind = ?")
        .get(month, status, kind) as AlertRow | undefined;
      const posted = row ? toPostedAlert(row) : null;
      if (posted) return { kind: "posted", record: posted };
      const busy = activeClaim(row, options.nowMs);
      if (busy) return { kind: "busy", ...busy };
      this.db
        .prepare(`
          INSERT INTO alert_ledger (month, status, kind, claimed_by, claim_expires_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (month, status, kind) DO UPDATE SET claimed_by = excluded.claimed_by,
            claim_expires_at = excluded.claim_expires_at`)
        .run(month, status, kind, options.owner, iso(options.nowMs + options.ttlMs));
      return claimed(row);
    });
  }

  /** Before the alert goes out (see markDigestAttempt). */
  markAlertAttempt(month: string, status: PaceStatus, kind: AlertKind, owner: string, channel: string, nowMs: number) {
    this.db
      .prepare(`
        UPDATE alert_ledger SET attempted_at = ?, attempt_channel = ?
        WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`)
      .run(iso(nowMs), channel, month, status, kind, owner);
  }

  clearAlertAttempt(month: string, status: PaceStatus, kind: AlertKind, owner: string): void {
    this.db
      .prepare(`
        UPDATE alert_ledger SET attempted_at = NULL, attempt_channel = NULL
        WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`)
      .run(month, status, kind, owner);
  }

  markAlertPosted(month: string, status: PaceStatus, kind: AlertKind, message: PostedMessage): void {
    this.db
      .prepare(`
        INSERT INTO alert_ledger (month, status, kind, posted_at, channel, ts) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (month, status, kind) DO UPDATE SET posted_at = excluded.posted_at, channel = excluded.channel,
          ts = excluded.ts, claimed_by = NULL, claim_expires_at = NULL, attempted_at = NULL, attempt_channel = NULL`)
      .run(month, status, kind, iso(message.postedAtMs), message.channel, message.ts);
  }

  /** Gives the claim back; the row goes unless an attempt of unknown outcome must stay for the next claimer. */
  releaseAlertClaim(month: string, status: PaceStatus, kind: AlertKind, owner: string): void {
    this.store.transaction(() => {
      const key = [month, status, kind, owner] as const;
      this.db
        .prepare(`
          DELETE FROM alert_ledger WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?
            AND posted_at IS NULL AND attempted_at IS NULL`)
        .run(...key);
      this.db
        .prepare(`
          UPDATE alert_ledger SET claimed_by = NULL, claim_expires_at = NULL
          WHERE month = ? AND status = ? AND kind = ? AND claimed_by = ?`)
        .run(...key);
    });
  }

  /** The most recently posted alert or recovery note, if any. */
  lastAlert(): PostedAlert | null {
    const row = this.db
      .prepare("SELECT * FROM alert_ledger WHERE posted_at IS NOT NULL ORDER BY posted_at DESC, rowid DESC LIMIT 1")
      .get() as AlertRow | undefined;
    return row ? toPostedAlert(row) : null;
  }

  // --- pace state: the last evaluated status of each month ---

  paceState(month: string): PaceState | null {
    const row = this.db.prepare("SELECT status, evaluated_at FROM pace_state WHERE month = ?").get(month) as
      | { status: PaceStatus | null; evaluated_at: string | null }
      | undefined;
    if (!row?.status) return null;
    return { status: row.status, evaluatedAt: row.evaluated_at ?? "" };
  }

  setPaceState(month: string, status: PaceStatus, nowMs: number): void {
    this.db
      .prepare(`
        INSERT INTO pace_state (month, status, evaluated_at) VALUES (?, ?, ?)
        ON CONFLICT (month) DO UPDATE SET status = excluded.status, evaluated_at = excluded.evaluated_at`)
      .run(month, status, iso(nowMs));
  }

  // --- interactions acted on (replays) ---

  /**
   * Records an interaction by its key; false when it was already recorded within `windowMs` (a replay). Keys older
   * than the window are dropped: Slack refuses a request signed longer ago anyway.
   */
  firstInteraction(key: string, nowMs: number, windowMs: number): boolean {
    return this.store.transaction(() => {
      this.db.prepare("DELETE FROM seen_interactions WHERE seen_at_ms < ?").run(nowMs - windowMs);
      const inserted = this.db
        .prepare("INSERT INTO seen_interactions (key, seen_at_ms) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
        .run(key, nowMs);
      return inserted.changes === 1;
    });
  }

  /** Drops an interaction's key, so that the same interaction may act again (its action failed). */
  forgetInteraction(key: string): void {
    this.db.prepare("DELETE FROM seen_interactions WHERE key = ?").run(key);
  }

  // --- per-channel alert mute ---

  isMuted(channelId: string): boolean {
    const value = this.db.prepare("SELECT alerts_muted FROM channel_settings WHERE channel = ?").pluck().get(channelId);
    return value === 1;
  }

  setMuted(channelId: string, muted: boolean, userId: string, nowMs: number): void {
    this.db
      .prepare(`
        INSERT INTO channel_settings (channel, alerts_muted, updated_by, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (channel) DO UPDATE SET alerts_muted = excluded.alerts_muted, updated_by = excluded.updated_by,
          updated_at = excluded.updated_at`)
      .run(channelId, muted ? 1 : 0, userId, iso(nowMs));
  }
}
