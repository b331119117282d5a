/** The scheduled jobs' dependencies from the runtime: for `start`'s scheduler and the one-shot `digest --post` / `check-pace`. */
import type { webApi } from "@slack/bolt";
import { failedSources } from "../gitlab/sync.js";
import type { JobDeps } from "../schedule/job-deps.js";
import type { Runtime } from "../service/runtime.js";
import { createSlackClient } from "../service/slack-client.js";
import { Ledger } from "../store/ledger.js";

export function jobDepsFromRuntime(
  runtime: Runtime,
  parts: { slack?: webApi.WebClient; ledger?: Ledger } = {},
): JobDeps {
  return {
    store: runtime.store,
    reports: runtime.reports,
    ledger: parts.ledger ?? new Ledger(runtime.store),
    slack: parts.slack ?? createSlackClient(runtime.config, runtime.logger),
    config: runtime.config,
    logger: runtime.logger,
    now: runtime.now,
    owner: runtime.owner,
    staleAfterMs: runtime.staleAfterMs,
    sync: async () => {
      const summary = await runtime.syncs.sync();
      return summary.ok ? { ok: true } : { ok: false, error: failedSources(summary).join("; ") };
    },
  };
}
