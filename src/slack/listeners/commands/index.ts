import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { engagementCommand } from "./engagement-command.js";

export const ENGAGEMENT_COMMAND = "/engagement";

export function registerCommands(app: App, services: BotServices): void {
  app.command(ENGAGEMENT_COMMAND, engagementCommand(services));
}
