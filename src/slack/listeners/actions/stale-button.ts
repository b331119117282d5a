/**
 * Every action no other listener handles (registered last, for any action_id): a button of a card from an older
 * version of the bot, or one since removed. Without this, Slack waits 3 s for an ack and shows the person an error;
 * with it, the click is acked and the person is told, only to them, that the button is out of date. In the Home tab
 * (no response_url, no channel) the dashboard is published again, which replaces the stale button.
 */
import type { AllMiddlewareArgs, SlackAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { staleButtonMessage } from "../../blocks/help-blocks.js";
import { publishHome } from "../../publish-home.js";
import type { BotServices } from "../../services.js";

export function staleButtonAction(services: BotServices, handled: ReadonlySet<string>) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<SlackAction> & AllMiddlewareArgs) => {
    const actionId = (action as { action_id?: unknown }).action_id;
    // Bolt runs every listener that matches: a known button is acked and answered by its own
    if (typeof actionId === "string" && handled.has(actionId)) return;
    await ack();
    const userId = body.user.id;
    services.logger.info({ actionId, user: userId }, "stale button clicked");
    const message = staleButtonMessage();
    const where = body as { response_url?: unknown; view?: { type?: unknown } };
    try {
      if (typeof where.response_url === "string") {
        await respond({ response_type: "ephemeral", replace_original: false, ...message });
      } else if (where.view?.type === "home") {
        await publishHome(client, userId, services);
      }
    } catch (error) {
      services.logger.warn({ err: error, user: userId }, "could not tell the user that the button is out of date");
    }
  };
}
