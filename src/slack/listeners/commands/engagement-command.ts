/** `/engagement <subcommand>`: parse, answer from the store (src/slack/answers/), reply ephemerally within Slack's 3 s. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { SLASH_COMMAND } from "../../../model/subcommands.js";
import { answerCommand } from "../../answers/answer-command.js";
import { parseEngagementCommand } from "../../command-parser.js";
import { replyWithin } from "../../reply-within.js";
import type { BotServices } from "../../services.js";

export function engagementCommand(services: BotServices) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseEngagementCommand(command.text ?? "");
    services.logger.debug({ subcommand: parsed.kind, user: command.user_id }, SLASH_COMMAND);
    const context = { deps: services, channelId: command.channel_id, userId: command.user_id };
    await replyWithin(
      ack,
      respond,
      () => answerCommand(parsed, context),
      services.logger,
      parsed.kind,
      async (view) => {
        await client.views.open({ trigger_id: command.trigger_id, view });
      },
    );
  };
}
