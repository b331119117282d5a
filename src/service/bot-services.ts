/** The BotServices the Slack listeners use, backed by the runtime (store, reports, syncs) and the ledger. */
import type { AlertSettings, BotServices } from "../slack/services.js";
import type { Runtime } from "./runtime.js";

export function createBotServices(runtime: Runtime, alerts: AlertSettings): BotServices {
  return {
    config: runtime.config,
    logger: runtime.logger,
    now: runtime.now,
    staleAfterMs: runtime.staleAfterMs,
    report: (request) => runtime.reports.report(request),
    waitForFirstSync: () => runtime.syncs.waitForFirstSync(),
    alerts,
  };
}
