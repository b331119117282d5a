/** "Post to channel" on an ephemeral card: post the card, current, in the channel through response_url. */
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
