/**
 * One post to the channel, at most once, whatever fails around it (the digest and the pace alerts use it).
 * The ledger entry is claimed by the caller; here the attempt is recorded before the post, the message as soon
 * as Slack confirms it (before any follow-up call), and a post whose outcome is unknown (lost answer, a crash or a
 * full disk before the record) is looked up by its metadata in the channel's history before anything is posted
 * again. When the history cannot tell, nothing is posted: the attempt stays in the ledger (store/ledger.ts) and
 * every later run looks again.
 */
import type { Logger } from "../log.js";
import type { SlackMessage } from "../slack/blocks/block-kit.js";
import type { JobDeps } from "./job-deps.js";
import {
  findPostedMessage,
  type PostedToChannel,
  type PostLookup,
  type PostMarker,
  PostUnconfirmedError,
  postToChannel,
} from "./slack-channel.js";

/** One claimed ledger key (a digest week, an alert), as this run holds it. */
export interface LedgerEntry {
  recordAttempt(channel: string): Promise<void>;
  clearAttempt(): Promise<void>;
  recordPosted(posted: PostedToChannel): Promise<void>;
  /** gives the claim back (an unresolved attempt stays) */
  release(): Promise<void>;
}

export interface PostOnceRequest {
  channel: string;
  message: SlackMessage;
  marker: PostMarker;
  /** an earlier post of this key whose outcome is unknown (from the claim) */
  earlier?: { at: string; channel: string } | undefined;
}

export type PostOnceOutcome =
  /** posted by this run; `unrecorded` says why the ledger could not record it (it is found again next time) */
  | { kind: "posted"; channel: string; ts: string; unrecorded: string | null }
  /** an earlier post (or this run's, whose answer was lost) is in the channel: recorded, not posted again */
  | { kind: "found"; channel: string; ts: string; replies: number; unrecorded: string | null }
  /** Slack refused the post or never received it: nothing is in the channel */
  | { kind: "failed"; error: string }
  /** the post may be in the channel: not posted again until the channel's history says it is not */
  | { kind: "unconfirmed"; error: string };

/** A post not in the history this long after it was sent never landed (Slack answers a post in seconds). */
export const SETTLE_MS = 60_000;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type Deps = Pick<JobDeps, "slack" | "now">;

export async function postOnce(
  deps: Deps,
  entry: LedgerEntry,
  request: PostOnceRequest,
  log: Logger,
): Promise<PostOnceOutcome> {
  if (request.earlier) {
    const sentAt = Date.parse(request.earlier.at);
    const lookup = await findPostedMessage(deps.slack, request.earlier.channel, request.marker, sentAt);
    if (lookup.kind === "found") {
      log.warn({ ts: lookup.ts, channel: lookup.channel }, "found an earlier post whose answer was lost; recording it");
      return { ...lookup, unrecorded: await record(entry, lookup, log) };
    }
    if (lookup.kind === "unknown") {
      return await unconfirmed(entry, log, `an earlier post may be in the channel and ${lookup.reason}`);
    }
    if (deps.now().getTime() - sentAt < SETTLE_MS) {
      return await unconfirmed(entry, log, "an earlier post whose answer was lost is not in the channel's history yet");
    }
    log.info({ attemptedAt: request.earlier.at }, "an earlier post never reached the channel: posting it now");
  }

  let attemptAtMs = deps.now().getTime();
  let posted: PostedToChannel;
  try {
    posted = await postToChannel(deps.slack, request.channel, request.message, {
      marker: request.marker,
      beforePost: async (channel) => {
        attemptAtMs = deps.now().getTime();
        await entry.recordAttempt(channel);
      },
    });
  } catch (error) {
    if (!(error instanceof PostUnconfirmedError)) {
      // Slack said no (or was never reached): nothing of this attempt is in the channel
      await settle(() => entry.clearAttempt(), log);
      await settle(() => entry.release(), log);
      return { kind: "failed", error: errorText(error) };
    }
    const lookup: PostLookup = await findPostedMessage(deps.slack, error.channel, request.marker, attemptAtMs);
    if (lookup.kind === "found") {
      log.warn({ err: error, ts: lookup.ts }, "Slack's answer was lost but the post is in the channel; recording it");
      return { ...lookup, unrecorded: await record(entry, lookup, log) };
    }
    const why = lookup.kind === "unknown" ? lookup.reason : "it is not in the channel's history yet";
    return await unconfirmed(entry, log, `${error.message}; ${why}`);
  }
  return { kind: "posted", ...posted, unrecorded: await record(entry, posted, log) };
}

/** Records the post; a failure (a full disk) is returned, not thrown: the message is in the channel all the same. */
async function record(entry: LedgerEntry, posted: PostedToChannel, log: Logger): Promise<string | null> {
  try {
    await entry.recordPosted(posted);
    return null;
  } catch (error) {
    log.error(
      { err: error, channel: posted.channel, ts: posted.ts },
      `posted, but the ledger could not record it (${errorText(error)}): the next run finds it in the channel's history`,
    );
    return errorText(error);
  }
}

async function unconfirmed(entry: LedgerEntry, log: Logger, reason: string): Promise<PostOnceOutcome> {
  await settle(() => entry.release(), log);
  const error = `${reason}. It is not posted again until the channel's history shows it is not there; the next run looks again`;
  log.error(error);
  return { kind: "unconfirmed", error };
}

/** Ledger clean-up after a failure must not hide that failure (it may fail the same way: a full disk). */
async function settle(step: () => Promise<void>, log: Logger): Promise<void> {
  try {
    await step();
  } catch (error) {
    log.error({ err: error }, `the ledger could not be updated: ${errorText(error)}`);
  }
}
