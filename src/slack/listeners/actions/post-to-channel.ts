/**
 * "Post to channel" on an ephemeral card: post the card, current, in the channel through response_url, then delete
 * the ephemeral card, so its button is gone. A card posts once: a second click on it (a double click, or a click
 * while the deletion is still on its way) and a replay of the same signed request post nothing; the key is the
 * card itself (who sees it, where, its message ts), recorded in the store, so every replica agrees.
 */
import type { AllMiddlewareArgs, BlockButtonAction, RespondArguments, SlackActionMiddlewareArgs } from "@slack/bolt";
import { channelPost } from "../../answers/channel-post.js";
import { apologise } from "../../apology.js";
import type { BotServices } from "../../services.js";

export function postToChannelAction(services: BotServices) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const channelId = body.channel?.id ?? body.container?.channel_id ?? "";
    const key = cardKey(body, action, userId, channelId);
    if (!(await firstDelivery(services, key))) {
      services.logger.warn(
        { user: userId, channel: channelId, actionTs: action.action_ts },
        "second click on a card already posted ignored",
      );
      return;
    }
    let reply: RespondArguments;
    try {
      reply = await channelPost(action.value ?? "", { deps: services, channelId, userId });
      await respond(reply);
    } catch (error) {
      await forget(services, key);
      const ephemeral = (args: RespondArguments) => respond({ ...args, replace_original: false });
      await apologise(ephemeral, services.logger, error, { msg: "post to channel failed" });
      return;
    }
    if (reply.response_type !== "in_channel") {
      // nothing was posted (e.g. the card's text no longer parses): the card may be pressed again
      await forget(services, key);
      return;
    }
    services.logger.info({ card: action.value, user: userId, channel: channelId }, "card posted to channel");
    try {
      await respond({ delete_original: true });
    } catch (error) {
      services.logger.warn(
        { err: error, user: userId },
        "could not delete the posted card; clicking it again posts nothing",
      );
    }
  };
}

/**
 * The card that was clicked: an ephemeral message is seen by one person in one channel, and its ts tells it from
 * the person's other cards there. Without a ts (never seen from Slack), the click itself: its trigger_id.
 */
function cardKey(body: BlockButtonAction, action: BlockButtonAction["actions"][number], user: string, channel: string) {
  const messageTs = (body.container as { message_ts?: unknown } | undefined)?.message_ts;
  return typeof messageTs === "string"
    ? `card:${channel}:${user}:${messageTs}`
    : `click:${user}:${action.action_ts}:${body.trigger_id}`;
}

/** Lets the card be pressed again, after its post failed. */
async function forget(services: BotServices, key: string): Promise<void> {
  try {
    await services.interactions.forget(key);
  } catch (error) {
    services.logger.warn({ err: error }, "could not forget the click: the card cannot be posted again for 30 minutes");
  }
}

/** Whether this click is new; a store that cannot record it (read-only, full) lets it through, with a warning. */
async function firstDelivery(services: BotServices, key: string): Promise<boolean> {
  try {
    return await services.interactions.firstDelivery(key);
  } catch (error) {
    services.logger.warn({ err: error }, "could not record the click: a second click would post again");
    return true;
  }
}
