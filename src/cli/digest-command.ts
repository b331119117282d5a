/**
 * `engagement-bot digest [--post] [--json]`: sync, then print the digest (text, or the Block Kit messages
 * with --json); with --post, post it to DIGEST_CHANNEL once per ISO week (a second run says it was posted).
 */
import { type Config, requireSlack } from "../config.js";
import type { Logger } from "../log.js";
import { isoWeekKey } from "../metrics/calendar.js";
import { postWeeklyDigest } from "../schedule/digest-job.js";
import type { Runtime, RuntimeOptions } from "../service/runtime.js";
import { digestMessages, digestReplies } from "../slack/blocks/digest-blocks.js";
import { digestText } from "../text/digest-text.js";
import { describeDigestOutcome } from "../text/job-outcomes.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";
import { syncBeforeOutput, tellDataStory } from "./sync-before-output.js";

export interface DigestRequest {
  post: boolean;
  json: boolean;
}

export function runDigest(config: Config, logger: Logger, request: DigestRequest, options: RuntimeOptions = {}) {
  return runVerb("digest", async (open) => {
    if (request.post) requireSlack(config, "post");
    const runtime = await open(config, logger, options);
    return request.post ? postDigest(runtime, request.json) : printDigest(runtime, request.json);
  });
}

/** --post: the weekly job, once per ISO week. */
async function postDigest(runtime: Runtime, json: boolean): Promise<number> {
  const outcome = await postWeeklyDigest(runtime.jobs());
  const line = describeDigestOutcome(outcome);
  process.stdout.write(`${json ? JSON.stringify(outcome, null, 2) : line}\n`);
  // exit 1 too when the post's outcome is unknown or it could not be recorded: an operator should look
  const unsettled = outcome.kind === "unconfirmed" || (outcome.kind === "posted" && outcome.unrecorded);
  if (outcome.kind === "failed" || outcome.kind === "in_progress" || unsettled) {
    if (json) process.stderr.write(`engagement-bot digest: ${line}\n`);
    return EXIT.failure;
  }
  return EXIT.ok;
}

/** Without --post: sync, then the digest as text or as its Block Kit messages. */
async function printDigest(runtime: Runtime, json: boolean): Promise<number> {
  const { config } = runtime;
  const syncFailure = await syncBeforeOutput(runtime);
  const report = await runtime.reports.report();
  const nowMs = runtime.now().getTime();
  tellDataStory({ verb: "digest", synced: true, syncFailure, dataAsOf: report?.dataAsOf ?? null, nowMs });
  if (!report) return EXIT.failure;
  const view = { nowMs, staleAfterMs: runtime.staleAfterMs, issueLabel: config.engagementLabel };
  if (json) {
    const messages = digestMessages(report, view);
    const { top } = messages;
    const thread = digestReplies(messages);
    const period = isoWeekKey(view.nowMs, config.timezone);
    process.stdout.write(`${JSON.stringify({ period, channel: config.digestChannel, top, thread }, null, 2)}\n`);
  } else {
    process.stdout.write(`${digestText(report, view)}\n`);
  }
  return EXIT.ok;
}
