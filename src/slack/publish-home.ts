/**
 * Renders the Home tab from the store and publishes it; a never-synced store gets a "first sync" view.
 * Both the app_home_opened event and the Refresh button (listeners/events/, listeners/actions/) publish it.
 * The trend chart is uploaded once per store change (src/slack/home-chart.ts); a view Slack refuses with the chart
 * (a file it has not processed yet) is published again without it.
 */
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

import { homeView } from "./blocks/home-view.js";
import { waitingHomeView } from "./blocks/waiting-blocks.js";
import type { BotServices } from "./services.js";

export async function publishHome(client: WebClient, userId: string, services: BotServices): Promise<void> {
  try {
    const report = await services.report();
    if (!report) {
      await client.views.publish({ user_id: userId, view: waitingHomeView() });
      return;
    }
    const chart = services.homeChart ? await services.homeChart(client, report) : null;
    const alertsMuted = await services.alerts.isMuted(services.config.digestChannel);
    const view = (withChart: boolean) =>
      homeView(report, {
        nowMs: services.now().getTime(),
        staleAfterMs: services.staleAfterMs,
        alertsMuted,
        issueLabel: services.config.engagementLabel,
        chart: withChart ? chart : null,
      });
    try {
      await client.views.publish({ user_id: userId, view: view(chart !== null) });
    } catch (error) {
      if (chart === null) throw error;
      services.logger.warn(
        { err: error, user: userId },
        "the Home tab with the trend chart was refused; publishing it without",
      );
      await client.views.publish({ user_id: userId, view: view(false) });
    }
  } catch (error) {
    services.logger.error({ err: error, user: userId }, "could not publish the Home tab");
  }
}
