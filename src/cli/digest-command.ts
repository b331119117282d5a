/**
 * `engagement-bot digest [--post] [--json]`: sync, then print the digest (text, or the Block Kit messages
 * with --json); with --post, post it to DIGEST_CHANNEL once per ISO week (a second run says it was posted).
 */
import { type Config, requireSlack } from "../config.js";
import type { Logger } from "../log.js";
import { isoWeekKey } from "../metrics/calendar.js";
import { describeDigestOutcome, postWeeklyDigest } from "../schedule/digest-job.js";
import { openRuntime, type RuntimeOptions } from "../service/runtime.js";
import { digestMessages } from "../slack/blocks/digest-blocks.js";
import { digestText } from "../slack/blocks/digest-text.js";
import { EXIT } from "./exit-codes.js";
import { reportFailure } from "./fail.js";
import { jobDepsFromRuntime } from "./job-deps-from-runtime.js";
import { syncBeforeOutput, tellDataStory } from "./sync-before-output.js";

export interface DigestRequest {
  post: boolean;
  json: boolean;
}

export async function runDigest(
  config: Config,
  logger: Logger,
  request: DigestRequest,
  options: RuntimeOptions = {},
): Promise<number> {
  let runtime: ReturnType<typeof openRuntime> | undefined;
  try {
    if (request.post) requireSlack(config, "post");
    runtime = openRuntime(config, logger, options);
    if (request.post) {
      const outcome = await postWeeklyDigest(jobDepsFromRuntime(runtime));
      const line = describeDigestOutcome(outcome);
      if (request.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      else process.stdout.write(`${line}\n`);
      const unsettled = outcome.kind === "unconfirmed" || (outcome.kind === "posted" && outcome.unrecorded);
      if (outcome.kind === "failed" || outcome.kind === "in_progress" || unsettled) {
        if (request.json) process.stderr.write(`engagement-bot digest: ${line}\n`);
        return EXIT.failure;
      }
      return EXIT.ok;
    }

    const syncFailure = await syncBeforeOutput(runtime);
    const report = runtime.reports.report();
    tellDataStory({
      verb: "digest",
      synced: true,
      syncFailure,
      dataAsOf: report?.dataAsOf ?? null,
      nowMs: runtime.now().getTime(),
    });
    if (!report) return EXIT.failure;
    const view = {
      nowMs: runtime.now().getTime(),
      staleAfterMs: runtime.staleAfterMs,
      issueLabel: config.engagementLabel,
    };
    if (request.json) {
      const { top, thread } = digestMessages(report, view);
      const period = isoWeekKey(view.nowMs, config.timezone);
      process.stdout.write(`${JSON.stringify({ period, channel: config.digestChannel, top, thread }, null, 2)}\n`);
    } else {
      process.stdout.write(`${digestText(report, view)}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, "digest");
  } finally {
    runtime?.close();
  }
}
