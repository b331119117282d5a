import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { appHomeOpened } from "./app-home-opened.js";
import { oncePerEvent } from "./once-per-event.js";

export function registerEvents(app: App, services: BotServices): void {
  app.use(oncePerEvent(services));
  app.event("app_home_opened", appHomeOpened(services));
}
