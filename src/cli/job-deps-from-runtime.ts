/** The scheduled jobs' dependencies for a one-shot CLI verb (`digest --post`, `check-pace`). */

import type { JobDeps } from "../schedule/job-deps.js";
import type { Runtime } from "../service/runtime.js";
import { createSlackClient } from "../service/slack-client.js";
import { Ledger } from "../store/ledger.js";

export function jobDepsFromRuntime(runtime: Runtime): JobDeps {
  return {
    store: runtime.store,
    reports: runtime.reports,
    ledger: new Ledger(runtime.store),
    slack: createSlackClient(runtime.config, runtime.logger),
    config: runtime.config,
    logger: runtime.logger,
    now: runtime.now,
    owner: runtime.owner,
    staleAfterMs: runtime.staleAfterMs,
    sync: async () => {
      const summary = await runtime.syncs.sync();
      const error = summary.sources
        .filter((s) => s.error)
        .map((s) => `${s.source}: ${s.error}`)
        .join("; ");
      return summary.ok ? { ok: true } : { ok: false, error };
    },
  };
}
