/** The Home tab's Refresh button: publish the dashboard again from the store. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { publishHome } from "../../publish-home.js";
import type { BotServices } from "../../services.js";

export function homeRefreshAction(services: BotServices) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await publishHome(client, body.user.id, services);
  };
}
