import type { App } from "@slack/bolt";
import { RECORD_VIEW_ID } from "../../blocks/record-modal.js";
import type { BotServices } from "../../services.js";
import { recordSubmission } from "./record-submission.js";

export function registerViews(app: App, services: BotServices): void {
  app.view(RECORD_VIEW_ID, recordSubmission(services));
}
