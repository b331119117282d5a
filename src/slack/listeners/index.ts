/** Registers every listener, grouped by kind as in Slack's Bolt samples. */
import type { App } from "@slack/bolt";
import type { BotServices } from "../services.js";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerViews } from "./views/index.js";

export function registerListeners(app: App, services: BotServices): void {
  registerCommands(app, services);
  registerEvents(app, services);
  registerActions(app, services);
  registerViews(app, services);
}
