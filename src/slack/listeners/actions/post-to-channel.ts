/**
 * "Post to channel" on an ephemeral card: re-render the card from its subcommand text (so the
 * channel sees current numbers) and post it in the channel through response_url, credited to the
 * person who pressed the button.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { apologyMessage } from "../../blocks/help-blocks.js";
import { postedByContext } from "../../blocks/post-to-channel.js";
import { parseEngagementCommand } from "../../command-parser.js";
import type { BotServices } from "../../services.js";
import { answerCommand } from "../commands/subcommands/answer-command.js";

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
      const parsed = parseEngagementCommand(action.value ?? "");
      const answer = answerCommand(parsed, { services, channelId, userId });
      if (answer.postable === null) {
        // e.g. the store was wiped since the card was shown: tell the presser only
        await respond({ response_type: "ephemeral", replace_original: false, ...answer.message });
        return;
      }
      const message = postedByContext(answer.message, userId);
      await respond({
        response_type: "in_channel",
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      services.logger.info({ card: action.value, user: userId, channel: channelId }, "card posted to channel");
    } catch (error) {
      const reference = `E${Date.now().toString(36)}`;
      services.logger.error({ err: error, reference }, "post to channel failed");
      const sorry = apologyMessage(reference);
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: sorry.text,
        blocks: sorry.blocks,
      }).catch((e: unknown) => services.logger.error({ err: e }, "could not deliver the apology"));
    }
  };
}
