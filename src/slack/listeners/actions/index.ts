import type { App } from "@slack/bolt";
import { HOME_REFRESH_ACTION } from "../../blocks/home-view.js";
import { POST_TO_CHANNEL_ACTION } from "../../blocks/post-to-channel.js";
import type { BotServices } from "../../services.js";
import { homeRefreshAction } from "./home-refresh.js";
import { postToChannelAction } from "./post-to-channel.js";
import { staleButtonAction } from "./stale-button.js";

/** The buttons the bot renders today, each with its listener. */
const BUTTONS = [
  [POST_TO_CHANNEL_ACTION, postToChannelAction],
  [HOME_REFRESH_ACTION, homeRefreshAction],
] as const;

export function registerActions(app: App, services: BotServices): void {
  for (const [actionId, listener] of BUTTONS) app.action(actionId, listener(services));
  // last, for every other action_id: a stale button is acked and explained instead of timing out
  app.action(/.*/, staleButtonAction(services, new Set(BUTTONS.map(([actionId]) => actionId))));
}
