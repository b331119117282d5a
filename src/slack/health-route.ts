/** GET /healthz for load balancers and the container HEALTHCHECK. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { VERSION } from "../version.js";

export interface HealthSource {
  /** extra fields to report, e.g. the last sync time; must not throw */
  details?: () => Record<string, unknown>;
}

export function healthRoute(source: HealthSource = {}): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      let details: Record<string, unknown> = {};
      try {
        details = source.details?.() ?? {};
      } catch {
        details = {};
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, version: VERSION, ...details }));
    },
  };
}
