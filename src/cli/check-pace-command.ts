/** `engagement-bot check-pace`: evaluate the month's pace; post an alert only when the status changed. */
import { type Config, requireSlack } from "../config.js";
import type { Logger } from "../log.js";
import { checkPace } from "../schedule/pace-job.js";
import type { RuntimeOptions } from "../service/runtime.js";
import { describePaceOutcome } from "../text/job-outcomes.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";

export function runCheckPace(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<number> {
  return runVerb("check-pace", async (open) => {
    requireSlack(config, "post");
    const outcome = await checkPace((await open(config, logger, options)).jobs());
    const line = describePaceOutcome(outcome);
    if (outcome.kind === "failed" || outcome.kind === "unconfirmed") {
      process.stderr.write(`engagement-bot check-pace: ${line}\n`);
      return EXIT.failure;
    }
    process.stdout.write(`${line}\n`);
    return EXIT.ok;
  });
}
