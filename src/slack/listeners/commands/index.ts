import type { App } from "@slack/bolt";
import { SLASH_COMMAND } from "../../../model/subcommands.js";
import type { BotServices } from "../../services.js";
import { engagementCommand } from "./engagement-command.js";

export function registerCommands(app: App, services: BotServices): void {
  app.command(SLASH_COMMAND, engagementCommand(services));
}
