/**
 * The weekly digest, exactly once per ISO week (in TIMEZONE): sync, claim the week in the ledger, render the
 * Report, post the top message, record it, then the thread. A failed sync does not cancel the digest: it posts
 * the last good data with a notice of its age. A failed post releases the claim, so nothing is marked posted.
 * The thread ends with the trend chart (src/slack/trend-chart-upload.ts); a failed upload is logged with why and
 * never holds back the text.
 */
import { isoWeekKey } from "../metrics/calendar.js";
import type { DigestOutcome } from "../model/job-outcomes.js";
import type { Report } from "../model/report.js";
import { digestMessages } from "../slack/blocks/digest-blocks.js";
import { uploadTrendChart } from "../slack/trend-chart-upload.js";
import { DEFAULT_CLAIM_TTL_MS, type JobDeps } from "./job-deps.js";
import { permalinkOf, postToChannel } from "./slack-channel.js";
import { runSync } from "./sync-step.js";

export interface DigestJobOptions {
  /** post again even though this week's digest was posted (a deliberate re-post) */
  force?: boolean;
}

export async function postWeeklyDigest(deps: JobDeps, options: DigestJobOptions = {}): Promise<DigestOutcome> {
  const { ledger, config, slack } = deps;
  const period = isoWeekKey(deps.now().getTime(), config.timezone);
  const log = deps.logger.child({ job: "digest", period });

  // Checked before syncing too, so a second `digest --post` answers at once.
  const earlier = options.force ? null : ledger.postedDigest(period);
  if (earlier) return { kind: "already_posted", period, permalink: earlier.permalink };

  const sync = deps.skipSync ? { ok: true } : await runSync(deps, log);

  const nowMs = deps.now().getTime();
  const claim = ledger.claimDigest(period, {
    owner: deps.owner,
    nowMs,
    ttlMs: deps.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    repost: options.force === true,
  });
  if (claim.kind === "posted") return { kind: "already_posted", period, permalink: claim.record.permalink };
  if (claim.kind === "busy") {
    log.info({ owner: claim.owner, expiresAt: claim.expiresAt }, "another instance is posting this week's digest");
    return { kind: "in_progress", period };
  }

  let top: { channel: string; ts: string };
  let thread: ReturnType<typeof digestMessages>["thread"];
  let report: Report;
  try {
    // A fresh Report: the sync just changed the store, and its health (failures) must show.
    deps.reports.invalidate();
    const built = deps.reports.report();
    if (!built) throw new Error("no GitLab data yet: the first sync has not completed (see the sync errors above)");
    report = built;
    const messages = digestMessages(report, {
      nowMs,
      // After a failed sync the digest always says how old its data is.
      staleAfterMs: sync.ok ? deps.staleAfterMs : 0,
      issueLabel: config.engagementLabel,
    });
    top = await postToChannel(slack, config.digestChannel, messages.top);
    thread = messages.thread;
  } catch (error) {
    ledger.releaseDigestClaim(period, deps.owner);
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, `weekly digest not posted: ${message}`);
    return { kind: "failed", period, error: message };
  }

  const permalink = await permalinkOf(slack, top.channel, top.ts);
  // Recorded before the thread: a crash while replying must not post the top message again.
  ledger.markDigestPosted(period, { channel: top.channel, ts: top.ts, permalink, postedAtMs: deps.now().getTime() });
  deps.reports.invalidate();

  for (const reply of thread) {
    try {
      await postToChannel(slack, top.channel, reply, { threadTs: top.ts });
    } catch (error) {
      log.warn({ err: error }, "a digest thread reply was not posted");
    }
  }
  try {
    await uploadTrendChart(slack, report, { channelId: top.channel, threadTs: top.ts });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, `the digest was posted without its trend chart: ${message}`);
  }
  return { kind: "posted", period, channel: top.channel, ts: top.ts, permalink };
}
