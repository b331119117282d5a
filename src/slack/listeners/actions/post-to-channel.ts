/**
 * "Post to channel" on an ephemeral card: post the card, current, in the channel through response_url. A replay of
 * the same click (the same signed request, sent again within Slack's 5-minute window) posts nothing.
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
    if (!firstDelivery(services, `${userId}:${action.action_ts}:${body.trigger_id}`)) {
      services.logger.warn({ user: userId, channel: channelId, actionTs: action.action_ts }, "replayed click ignored");
      return;
    }
    try {
      const reply = channelPost(action.value ?? "", { deps: services, channelId, userId });
      await respond(reply);
      if (reply.response_type === "in_channel") {
        services.logger.info({ card: action.value, user: userId, channel: channelId }, "card posted to channel");
      }
    } catch (error) {
      const ephemeral = (args: RespondArguments) => respond({ ...args, replace_original: false });
      await apologise(ephemeral, services.logger, error, { msg: "post to channel failed" });
    }
  };
}

/** Whether this click is new; a store that cannot record it (read-only, full) lets it through, with a warning. */
function firstDelivery(services: BotServices, key: string): boolean {
  try {
    return services.interactions.firstDelivery(key);
  } catch (error) {
    services.logger.warn({ err: error }, "could not record the click: a replay of it would post again");
    return true;
  }
}
