/**
 * The pace check: evaluates the month's status and posts to DIGEST_CHANNEL only when it changed for the worse
 * (an alert) or the better (a recovery note). The ledger keys each message by (month, status, kind), so nothing
 * repeats across runs, restarts or instances, nor after a lost answer (src/schedule/post-once.ts); the pace state
 * remembers the month's last status.
 */
import type { PaceOutcome } from "../model/job-outcomes.js";
import type { PaceStatus } from "../model/report.js";
import { paceAlertMessage, paceRecoveryMessage } from "../slack/blocks/alert-blocks.js";
import type { AlertKind } from "../store/ledger.js";
import { DEFAULT_CLAIM_TTL_MS, type JobDeps } from "./job-deps.js";
import { paceTransition } from "./pace-transitions.js";
import { type LedgerEntry, postOnce } from "./post-once.js";
import { type PostMarker, resolveChannelId } from "./slack-channel.js";
import { runSync } from "./sync-step.js";

/** The metadata on an alert or recovery note: how a lost answer is found again in the channel's history. */
export const paceMarker = (month: string, status: PaceStatus, kind: AlertKind): PostMarker => ({
  eventType: "engagement_pace_alert",
  payload: { month, status, kind },
});

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function checkPace(deps: JobDeps): Promise<PaceOutcome> {
  const { ledger, config, slack } = deps;
  const log = deps.logger.child({ job: "pace" });
  const sync = deps.skipSync ? { ok: true } : await runSync(deps, log);

  const nowMs = deps.now().getTime();
  deps.reports.invalidate();
  const report = await deps.reports.report();
  if (!report) return { kind: "failed", error: "no GitLab data yet: the first sync has not completed" };
  if (!sync.ok && (report.dataAsOf === null || nowMs - Date.parse(report.dataAsOf) > deps.staleAfterMs)) {
    // Stale counts look lower than they are: judging them would raise false alarms.
    return { kind: "failed", error: `GitLab sync failed and the data is too old to judge pace: ${sync.error ?? ""}` };
  }

  const { month } = report;
  const status = report.contributors.status;
  if (status === "unknown") return { kind: "unknown", month };
  const stored = (await ledger.paceState(month))?.status ?? null;
  const previous = stored === "unknown" ? null : stored;
  const transition = paceTransition(previous, status);
  if (transition === "none") {
    await ledger.setPaceState(month, status, nowMs);
    return { kind: "unchanged", month, status, reason: `still ${status}` };
  }

  let channelId: string;
  try {
    channelId = await resolveChannelId(slack, config.digestChannel);
  } catch (error) {
    log.error({ err: error }, `pace ${transition} not posted: ${errorText(error)}`);
    return { kind: "failed", error: errorText(error) };
  }
  if (await ledger.isMuted(channelId)) {
    // Muted means these changes are dropped, not queued: unmuting later does not replay them.
    await ledger.setPaceState(month, status, nowMs);
    log.info({ month, status, previous }, "pace changed but alerts are muted in the channel");
    return { kind: "muted", month, status, previous };
  }

  const claim = await ledger.claimAlert(month, status, transition, {
    owner: deps.owner,
    nowMs,
    ttlMs: deps.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
  });
  if (claim.kind === "posted") {
    await ledger.setPaceState(month, status, nowMs);
    return { kind: "unchanged", month, status, reason: `the ${status} ${transition} of ${month} was already posted` };
  }
  if (claim.kind === "busy") {
    return { kind: "unchanged", month, status, reason: `another instance is posting the ${status} ${transition}` };
  }

  const entry: LedgerEntry = {
    recordAttempt: (channel) =>
      ledger.markAlertAttempt(month, status, transition, deps.owner, channel, deps.now().getTime()),
    clearAttempt: () => ledger.clearAlertAttempt(month, status, transition, deps.owner),
    recordPosted: async (posted) => {
      await ledger.markAlertPosted(month, status, transition, { ...posted, postedAtMs: deps.now().getTime() });
      await ledger.setPaceState(month, status, nowMs);
    },
    // The state stays as it was, so the next run tries this message again.
    release: () => ledger.releaseAlertClaim(month, status, transition, deps.owner),
  };
  let message: ReturnType<typeof paceAlertMessage>;
  try {
    message = transition === "alert" ? paceAlertMessage(report, previous) : paceRecoveryMessage(report, previous);
  } catch (error) {
    await entry.release();
    log.error({ err: error }, `pace ${transition} not posted: ${errorText(error)}`);
    return { kind: "failed", error: errorText(error) };
  }
  const posted = await postOnce(
    deps,
    entry,
    { channel: channelId, message, marker: paceMarker(month, status, transition), earlier: claim.attempt },
    log,
  );
  switch (posted.kind) {
    case "failed":
      log.error(`pace ${transition} not posted: ${posted.error}`);
      return { kind: "failed", error: posted.error };
    case "unconfirmed":
      return { kind: "unconfirmed", month, status, error: posted.error };
    case "found":
      return {
        kind: "unchanged",
        month,
        status,
        reason: `the ${status} ${transition} of ${month} was already in the channel`,
      };
    case "posted":
      return { kind: transition === "alert" ? "alerted" : "recovered", month, status, previous, ts: posted.ts };
  }
}
