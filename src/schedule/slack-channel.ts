/**
 * Posting to the configured channel (DIGEST_CHANNEL): a name is resolved to an ID once (conversations.list),
 * a bot that is not in a public channel joins it and posts again, and every other channel problem becomes a
 * ChannelError that tells the operator what to do. A post whose answer is lost becomes a PostUnconfirmedError,
 * and findPostedMessage looks a post up by its message metadata in the channel's recent history.
 */
import { webApi } from "@slack/bolt";
import type { SlackMessage } from "../slack/blocks/block-kit.js";
import { isChannelId } from "../slack/blocks/channel-id.js";
import { outcomeUnknown } from "../slack/web-client.js";

type WebClient = webApi.WebClient;

const INVITE_HINT = "invite the bot with /invite @engagement-bot";

export class ChannelError extends Error {
  constructor(
    /** Slack's error code (channel_not_found, not_in_channel, …) */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** Slack's `error` of an ok:false answer, or null for any other failure (network, HTTP, rate limit). */
export function slackErrorCode(error: unknown): string | null {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : null;
}

// Channel IDs never change, so a name resolved once stays resolved for the process (per client).
const resolved = new WeakMap<WebClient, Map<string, string>>();

/** The cached ID of a channel name (or the ID itself), without calling Slack; undefined when not resolved yet. */
export function cachedChannelId(client: WebClient, channel: string): string | undefined {
  if (isChannelId(channel)) return channel;
  return resolved.get(client)?.get(channel.replace(/^#/, ""));
}

function remember(client: WebClient, channel: string, id: string): void {
  const known = resolved.get(client) ?? new Map<string, string>();
  resolved.set(client, known);
  known.set(channel.replace(/^#/, ""), id);
}

/** Resolves `#name`, `name` or an ID to the channel ID. Throws ChannelError when no public channel has the name. */
export async function resolveChannelId(client: WebClient, channel: string): Promise<string> {
  const cached = cachedChannelId(client, channel);
  if (cached) return cached;
  const name = channel.replace(/^#/, "");
  const known = resolved.get(client) ?? new Map<string, string>();
  resolved.set(client, known);
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      types: "public_channel",
      exclude_archived: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const found of page.channels ?? []) {
      if (found.name && found.id) known.set(found.name, found.id);
    }
    const id = known.get(name);
    if (id) return id;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  throw new ChannelError(
    "channel_not_found",
    `DIGEST_CHANNEL "${channel}" was not found among the workspace's public channels: check the name, ` +
      `or for a private channel ${INVITE_HINT} and set DIGEST_CHANNEL to the channel ID`,
  );
}

export interface PostedToChannel {
  channel: string;
  ts: string;
}

/**
 * What the bot puts on its own posts (Slack's message metadata), so it can find them again: the kind of post and
 * what it is about (e.g. `engagement_digest` with the ISO week).
 */
export interface PostMarker {
  eventType: string;
  payload: Record<string, string>;
}

/** Slack may have posted the message, but its answer was lost (HTTP 5xx, a reset connection, a timeout). */
export class PostUnconfirmedError extends Error {
  constructor(
    /** where the message may be: the channel ID, or the name when the ID was not known */
    readonly channel: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`Slack's answer to the post was lost (${cause})`, options);
    this.name = "PostUnconfirmedError";
  }
}

const notFound = (channel: string): ChannelError =>
  new ChannelError(
    "channel_not_found",
    `channel_not_found: DIGEST_CHANNEL "${channel}" does not exist or the bot cannot see it; check DIGEST_CHANNEL (a private channel needs the bot invited: ${INVITE_HINT})`,
  );

async function joinChannel(client: WebClient, channelId: string, channel: string): Promise<void> {
  try {
    await client.conversations.join({ channel: channelId });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === "channel_not_found") throw notFound(channel);
    if (code === null) throw error;
    // Private channels (method_not_supported_for_channel_type), archived ones, missing scopes: a person must act.
    throw new ChannelError(
      "not_in_channel",
      `not_in_channel: the bot is not a member of ${channel} and cannot join it (${code}); ${INVITE_HINT}`,
    );
  }
}

/**
 * The channel to post to: its ID when the channel list can be read. A name that is not there is final
 * (ChannelError); a list that cannot be read at all (no channels:read scope, a proxy that lacks the method)
 * falls back to the name, which chat.postMessage accepts for public channels.
 */
async function channelForPosting(client: WebClient, channel: string): Promise<string> {
  try {
    return await resolveChannelId(client, channel);
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    return `#${channel.replace(/^#/, "")}`;
  }
}

export interface PostOptions {
  threadTs?: string;
  /** put on the message, to find it again when the answer is lost */
  marker?: PostMarker;
  /** called right before each chat.postMessage with the channel it goes to; a throw stops the post */
  beforePost?: (channel: string) => void | Promise<void>;
}

/**
 * Posts a message (a thread reply with threadTs); joins a public channel the bot is not in, then posts again.
 * Throws PostUnconfirmedError when Slack may have posted it but the answer was lost: never post it again blindly.
 */
export async function postToChannel(
  client: WebClient,
  channel: string,
  message: SlackMessage,
  options: PostOptions = {},
): Promise<PostedToChannel> {
  const channelId = await channelForPosting(client, channel);
  const post = async (): Promise<PostedToChannel> => {
    await options.beforePost?.(channelId);
    const answer = await client.chat
      .postMessage({
        channel: channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
        ...(options.marker
          ? { metadata: { event_type: options.marker.eventType, event_payload: options.marker.payload } }
          : {}),
      })
      .catch((error: unknown) => {
        throw outcomeUnknown(error) ? new PostUnconfirmedError(channelId, { cause: error }) : error;
      });
    const postedIn = answer.channel ?? channelId;
    // posted by name: remember the ID Slack answered with (mutes and joins go by ID)
    if (!isChannelId(channelId) && isChannelId(postedIn)) remember(client, channel, postedIn);
    return { channel: postedIn, ts: answer.ts ?? "" };
  };
  try {
    return await post();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === "channel_not_found") throw notFound(channel);
    if (code !== "not_in_channel") throw error;
  }
  if (!isChannelId(channelId)) {
    throw new ChannelError("not_in_channel", `not_in_channel: the bot is not a member of ${channel}; ${INVITE_HINT}`);
  }
  await joinChannel(client, channelId, channel);
  try {
    return await post();
  } catch (error) {
    if (slackErrorCode(error) === "not_in_channel") {
      throw new ChannelError("not_in_channel", `not_in_channel: the bot could not post to ${channel}; ${INVITE_HINT}`);
    }
    throw error;
  }
}

export type PostLookup =
  | { kind: "found"; channel: string; ts: string; replies: number }
  | { kind: "absent" }
  | { kind: "unknown"; reason: string };

/** How far back of the attempt the history is read: Slack's clock and ours may differ a little. */
const CLOCK_SKEW_MS = 10 * 60_000;
const HISTORY_PAGE = 200;
/** a busier channel than this since the attempt is not read to the end: the outcome stays unknown */
const HISTORY_PAGES = 5;

const historyHint = (code: string): string =>
  code === "missing_scope"
    ? "missing_scope: the app needs the channels:history and groups:history scopes (manifest.yml); reinstall it"
    : code === "not_in_channel" || code === "channel_not_found"
      ? `${code}: ${INVITE_HINT}`
      : code;

/**
 * Looks for the bot's post carrying `marker` in the channel's history since `sinceMs` (conversations.history with
 * include_all_metadata). "absent" only when the whole window was read; any failure to read it is "unknown".
 */
export async function findPostedMessage(
  client: WebClient,
  channel: string,
  marker: PostMarker,
  sinceMs: number,
): Promise<PostLookup> {
  let channelId: string;
  try {
    channelId = await resolveChannelId(client, channel);
  } catch (error) {
    return { kind: "unknown", reason: `cannot find the channel ${channel}: ${(error as Error).message}` };
  }
  const matches = (metadata: { event_type?: string; event_payload?: object } | undefined): boolean => {
    const payload = (metadata?.event_payload ?? {}) as Record<string, unknown>;
    return (
      metadata?.event_type === marker.eventType &&
      Object.entries(marker.payload).every(([key, value]) => String(payload[key]) === value)
    );
  };
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page += 1) {
    let answer: webApi.ConversationsHistoryResponse;
    try {
      answer = await client.conversations.history({
        channel: channelId,
        oldest: ((sinceMs - CLOCK_SKEW_MS) / 1000).toFixed(6),
        limit: HISTORY_PAGE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
    } catch (error) {
      const code = slackErrorCode(error);
      const reason = code ? historyHint(code) : error instanceof Error ? error.message : String(error);
      return { kind: "unknown", reason: `could not read the channel's history (${reason})` };
    }
    for (const found of answer.messages ?? []) {
      if (found.ts && matches(found.metadata)) {
        return { kind: "found", channel: channelId, ts: found.ts, replies: found.reply_count ?? 0 };
      }
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return { kind: "absent" };
  }
  return {
    kind: "unknown",
    reason: `more than ${HISTORY_PAGE * HISTORY_PAGES} messages in the channel since the post`,
  };
}

/** The message's permalink, or null when Slack will not give one (the post itself succeeded). */
export async function permalinkOf(client: WebClient, channelId: string, ts: string): Promise<string | null> {
  try {
    const answer = await client.chat.getPermalink({ channel: channelId, message_ts: ts });
    return answer.permalink ?? null;
  } catch {
    return null;
  }
}
