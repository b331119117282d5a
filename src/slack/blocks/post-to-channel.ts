/**
 * Sharing an ephemeral card: a "Post to channel" button whose value names the card (e.g. `status`,
 * `contributors 2026-10`) so the action listener can re-render it, and the "Posted by" line on the shared copy.
 */
import { actions, button, context, type SlackMessage } from "./block-kit.js";
import { enforceLimits, LIMITS } from "./limits.js";
import { safeText } from "./mrkdwn.js";

export const POST_TO_CHANNEL_ACTION = "post_to_channel";

/** A button value longer than Slack accepts: the card description must stay compact. */
export class PayloadTooLongError extends Error {
  constructor(readonly length: number) {
    super(`post-to-channel payload is ${length} chars (max ${LIMITS.buttonValue})`);
    this.name = "PayloadTooLongError";
  }
}

export function withPostToChannelButton(message: SlackMessage, payload: string): SlackMessage {
  if (payload.length > LIMITS.buttonValue) throw new PayloadTooLongError(payload.length);
  const blocks = [...message.blocks, actions(button("Post to channel", POST_TO_CHANNEL_ACTION, payload))];
  return enforceLimits({ ...message, blocks }, "message");
}

export function postedByContext(message: SlackMessage, userId: string): SlackMessage {
  const who = /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : safeText(userId, 40);
  return enforceLimits({ ...message, blocks: [...message.blocks, context(`Posted by ${who}`)] }, "message");
}
