/** `/engagement <subcommand>`: parse, answer from the store, reply ephemerally within Slack's 3 s. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseEngagementCommand } from "../../command-parser.js";
import type { BotServices } from "../../services.js";
import { replyWithin } from "./reply-within.js";
import { answerCommand } from "./subcommands/answer-command.js";

export function engagementCommand(services: BotServices) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseEngagementCommand(command.text ?? "");
    services.logger.debug({ subcommand: parsed.kind, user: command.user_id }, "/engagement");
    await replyWithin(
      ack,
      respond,
      () => answerCommand(parsed, { services, channelId: command.channel_id, userId: command.user_id }),
      services.logger,
      parsed.kind,
    );
  };
}
