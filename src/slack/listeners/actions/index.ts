import type { App } from "@slack/bolt";
import { HOME_REFRESH_ACTION } from "../../blocks/home-view.js";
import { POST_TO_CHANNEL_ACTION } from "../../blocks/post-to-channel.js";
import type { BotServices } from "../../services.js";
import { homeRefreshAction } from "./home-refresh.js";
import { postToChannelAction } from "./post-to-channel.js";

export function registerActions(app: App, services: BotServices): void {
  app.action(POST_TO_CHANNEL_ACTION, postToChannelAction(services));
  app.action(HOME_REFRESH_ACTION, homeRefreshAction(services));
}
