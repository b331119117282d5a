/** GET /healthz for load balancers and the container HEALTHCHECK. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { VERSION } from "../version.js";

export interface HealthSource {
  /**
   * extra fields to report, e.g. the last sync time; must not throw. A non-empty `problem` (the database file was
   * deleted or replaced) makes the answer 503 with `ok: false`, so the container's HEALTHCHECK sees it.
   */
  details?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
}

export function healthRoute(source: HealthSource = {}): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      let details: Record<string, unknown> = {};
      try {
        details = (await source.details?.()) ?? {};
      } catch {
        details = {};
      }
      const failing = typeof details.problem === "string" && details.problem !== "";
      if (!failing) delete details.problem;
      res.writeHead(failing ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: !failing, version: VERSION, ...details }));
    },
  };
}
