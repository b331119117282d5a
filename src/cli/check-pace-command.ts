/** `engagement-bot check-pace`: evaluate the month's pace; post an alert only when the status changed. */
import { type Config, requireSlack } from "../config.js";
import type { Logger } from "../log.js";
import { checkPace, type PaceOutcome } from "../schedule/pace-job.js";
import { openRuntime, type RuntimeOptions } from "../service/runtime.js";
import { EXIT } from "./exit-codes.js";
import { reportFailure } from "./fail.js";
import { jobDepsFromRuntime } from "./job-deps-from-runtime.js";

export function describePaceOutcome(outcome: PaceOutcome): string {
  switch (outcome.kind) {
    case "alerted":
      return `${outcome.month}: status ${outcome.previous ?? "new"} -> ${outcome.status}; alert posted`;
    case "recovered":
      return `${outcome.month}: status ${outcome.previous ?? "new"} -> ${outcome.status}; recovery note posted`;
    case "unchanged":
      return `${outcome.month}: status ${outcome.status}; nothing posted (${outcome.reason})`;
    case "muted":
      return `${outcome.month}: status ${outcome.previous ?? "new"} -> ${outcome.status}; alerts are muted for the channel, nothing posted`;
    case "unknown":
      return `${outcome.month}: too early in the month to judge the pace; nothing posted`;
    case "failed":
      return `pace check failed: ${outcome.error}`;
    case "unconfirmed":
      return `${outcome.month}: status ${outcome.status}; the ${outcome.status} message may already be in the channel and is not posted again: ${outcome.error}`;
  }
}

export async function runCheckPace(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<number> {
  let runtime: ReturnType<typeof openRuntime> | undefined;
  try {
    requireSlack(config, "post");
    runtime = openRuntime(config, logger, options);
    const outcome = await checkPace(jobDepsFromRuntime(runtime));
    const line = describePaceOutcome(outcome);
    if (outcome.kind === "failed" || outcome.kind === "unconfirmed") {
      process.stderr.write(`engagement-bot check-pace: ${line}\n`);
      return EXIT.failure;
    }
    process.stdout.write(`${line}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, "check-pace");
  } finally {
    runtime?.close();
  }
}
