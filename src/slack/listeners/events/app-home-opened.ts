/** app_home_opened: publish the dashboard (only for the Home tab, not the Messages tab). */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { publishHome } from "../../publish-home.js";
import type { BotServices } from "../../services.js";

export function appHomeOpened(services: BotServices) {
  return async ({ event, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    await publishHome(client, event.user, services);
  };
}
