/**
 * The weekly digest, exactly once per ISO week (in TIMEZONE): sync, claim the week in the ledger, render the
 * Report, post the top message (src/schedule/post-once.ts: recorded as soon as Slack confirms it, never posted again
 * blindly after a lost answer), then the permalink and the thread. A failed sync does not cancel the digest: it
 * posts the last good data with a notice of its age. A refused post releases the claim, so nothing is marked posted.
 * The thread ends with the trend chart (src/slack/trend-chart-upload.ts); a failed upload is logged with why and
 * never holds back the text.
 */
import { isoWeekKey } from "../metrics/calendar.js";
import type { DigestOutcome } from "../model/job-outcomes.js";
import type { Report } from "../model/report.js";
import { digestMessages, digestReplies } from "../slack/blocks/digest-blocks.js";
import { uploadTrendChart } from "../slack/trend-chart-upload.js";
import { DEFAULT_CLAIM_TTL_MS, type JobDeps } from "./job-deps.js";
import { type LedgerEntry, postOnce } from "./post-once.js";
import { type PostMarker, permalinkOf, postToChannel } from "./slack-channel.js";
import { runSync } from "./sync-step.js";

export interface DigestJobOptions {
  /** post again even though this week's digest was posted (a deliberate re-post) */
  force?: boolean;
}

/** The metadata on the digest's top message: how a lost answer is found again in the channel's history. */
export const digestMarker = (period: string): PostMarker => ({
  eventType: "engagement_digest",
  payload: { week: period },
});

export async function postWeeklyDigest(deps: JobDeps, options: DigestJobOptions = {}): Promise<DigestOutcome> {
  const { ledger, config, slack } = deps;
  const period = isoWeekKey(deps.now().getTime(), config.timezone);
  const log = deps.logger.child({ job: "digest", period });

  // Checked before syncing too, so a second `digest --post` answers at once.
  const earlier = options.force ? null : await ledger.postedDigest(period);
  if (earlier) return { kind: "already_posted", period, permalink: earlier.permalink };

  const sync = deps.skipSync ? { ok: true } : await runSync(deps, log);

  const nowMs = deps.now().getTime();
  const claim = await ledger.claimDigest(period, {
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

  let messages: ReturnType<typeof digestMessages>;
  let report: Report;
  try {
    // A fresh Report: the sync just changed the store, and its health (failures) must show.
    deps.reports.invalidate();
    const built = await deps.reports.report();
    if (!built) throw new Error("no GitLab data yet: the first sync has not completed (see the sync errors above)");
    report = built;
    messages = digestMessages(report, {
      nowMs,
      // After a failed sync the digest always says how old its data is.
      staleAfterMs: sync.ok ? deps.staleAfterMs : 0,
      issueLabel: config.engagementLabel,
    });
  } catch (error) {
    await ledger.releaseDigestClaim(period, deps.owner);
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, `weekly digest not posted: ${message}`);
    return { kind: "failed", period, error: message };
  }

  const entry: LedgerEntry = {
    recordAttempt: (channel) => ledger.markDigestAttempt(period, deps.owner, channel, deps.now().getTime()),
    clearAttempt: () => ledger.clearDigestAttempt(period, deps.owner),
    recordPosted: (posted) =>
      ledger.markDigestPosted(period, { ...posted, permalink: null, postedAtMs: deps.now().getTime() }),
    release: () => ledger.releaseDigestClaim(period, deps.owner),
  };
  const top = await postOnce(
    deps,
    entry,
    { channel: config.digestChannel, message: messages.top, marker: digestMarker(period), earlier: claim.attempt },
    log,
  );
  if (top.kind === "failed") {
    log.error(`weekly digest not posted: ${top.error}`);
    return { kind: "failed", period, error: top.error };
  }
  if (top.kind === "unconfirmed") return { kind: "unconfirmed", period, error: top.error };
  deps.reports.invalidate();

  // Follow-ups come after the record: a crash from here on never posts the top message again.
  const permalink = await permalinkOf(slack, top.channel, top.ts);
  if (permalink && top.unrecorded === null) {
    try {
      await ledger.setDigestPermalink(period, permalink);
    } catch (error) {
      log.warn({ err: error }, "the digest's permalink was not recorded");
    }
  }
  // A post found in the channel already has its thread unless the run that posted it died before the replies.
  const thread = top.kind === "found" && top.replies > 0 ? [] : digestReplies(messages);
  for (const reply of thread) {
    try {
      await postToChannel(slack, top.channel, reply, { threadTs: top.ts });
    } catch (error) {
      log.warn({ err: error }, "a digest thread reply was not posted");
    }
  }
  // the chart closes the thread, so it goes with the replies (a found post with its replies has it already)
  if (thread.length > 0) {
    try {
      await uploadTrendChart(slack, report, { channelId: top.channel, threadTs: top.ts });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ err: error }, `the digest was posted without its trend chart: ${message}`);
    }
  }
  if (top.kind === "found") return { kind: "already_posted", period, permalink, foundInChannel: true };
  return {
    kind: "posted",
    period,
    channel: top.channel,
    ts: top.ts,
    permalink,
    ...(top.unrecorded === null ? {} : { unrecorded: top.unrecorded }),
  };
}
