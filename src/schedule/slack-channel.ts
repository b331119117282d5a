/**
 * Posting to the configured channel (DIGEST_CHANNEL): a name is resolved to an ID once (conversations.list),
 * a bot that is not in a public channel joins it and posts again, and every other channel problem becomes a
 * ChannelError that tells the operator what to do.
 */
import { webApi } from "@slack/bolt";
import type { SlackMessage } from "../slack/blocks/block-kit.js";
import { isChannelId } from "../slack/blocks/channel-id.js";

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

/** Posts a message (a thread reply with threadTs); joins a public channel the bot is not in, then posts again. */
export async function postToChannel(
  client: WebClient,
  channel: string,
  message: SlackMessage,
  options: { threadTs?: string } = {},
): Promise<PostedToChannel> {
  const channelId = await channelForPosting(client, channel);
  const post = async (): Promise<PostedToChannel> => {
    const answer = await client.chat.postMessage({
      channel: channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
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

/** The message's permalink, or null when Slack will not give one (the post itself succeeded). */
export async function permalinkOf(client: WebClient, channelId: string, ts: string): Promise<string | null> {
  try {
    const answer = await client.chat.getPermalink({ channel: channelId, message_ts: ts });
    return answer.permalink ?? null;
  } catch {
    return null;
  }
}
