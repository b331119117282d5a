/**
 * Renders the Home tab from the store and publishes it; a never-synced store gets a "first sync" view.
 * Both the app_home_opened event and the Refresh button (listeners/events/, listeners/actions/) publish it.
 */
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

import { homeView } from "./blocks/home-view.js";
import { waitingHomeView } from "./blocks/waiting-blocks.js";
import type { BotServices } from "./services.js";

export async function publishHome(client: WebClient, userId: string, services: BotServices): Promise<void> {
  try {
    const report = services.report();
    const view = report
      ? homeView(report, {
          nowMs: services.now().getTime(),
          staleAfterMs: services.staleAfterMs,
          alertsMuted: services.alerts.isMuted(services.config.digestChannel),
          issueLabel: services.config.engagementLabel,
        })
      : waitingHomeView();
    await client.views.publish({ user_id: userId, view });
  } catch (error) {
    services.logger.error({ err: error, user: userId }, "could not publish the Home tab");
  }
}
