/** `engagement-bot check-pace`: evaluate the month's pace; post an alert only when the status changed. */
import { type Config, requireSlack } from "../config.js";
import type { Logger } from "../log.js";
import { checkPace, type PaceOutcome } from "../schedule/pace-job.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";

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
  }
}

export function runCheckPace(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<number> {
  return runVerb("check-pace", async (open) => {
    requireSlack(config, "post");
    const outcome = await checkPace(open(config, logger, options).jobs());
    const line = describePaceOutcome(outcome);
    if (outcome.kind === "failed") {
      process.stderr.write(`engagement-bot check-pace: ${line}\n`);
      return EXIT.failure;
    }
    process.stdout.write(`${line}\n`);
    return EXIT.ok;
  });
}
