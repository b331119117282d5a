/**
 * The pace check: evaluates the month's status and posts to DIGEST_CHANNEL only when it changed for the worse
 * (an alert) or the better (a recovery note). The ledger keys each message by (month, status, kind), so nothing
 * repeats across runs, restarts or instances; the pace state remembers the month's last status.
 */
import type { PaceOutcome } from "../model/job-outcomes.js";
import { paceAlertMessage, paceRecoveryMessage } from "../slack/blocks/alert-blocks.js";
import { DEFAULT_CLAIM_TTL_MS, type JobDeps } from "./job-deps.js";
import { paceTransition } from "./pace-transitions.js";
import { postToChannel, resolveChannelId } from "./slack-channel.js";
import { runSync } from "./sync-step.js";

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function checkPace(deps: JobDeps): Promise<PaceOutcome> {
  const { ledger, config, slack } = deps;
  const log = deps.logger.child({ job: "pace" });
  const sync = deps.skipSync ? { ok: true } : await runSync(deps, log);

  const nowMs = deps.now().getTime();
  deps.reports.invalidate();
  const report = deps.reports.report();
  if (!report) return { kind: "failed", error: "no GitLab data yet: the first sync has not completed" };
  if (!sync.ok && (report.dataAsOf === null || nowMs - Date.parse(report.dataAsOf) > deps.staleAfterMs)) {
    // Stale counts look lower than they are: judging them would raise false alarms.
    return { kind: "failed", error: `GitLab sync failed and the data is too old to judge pace: ${sync.error ?? ""}` };
  }

  const { month } = report;
  const status = report.contributors.status;
  if (status === "unknown") return { kind: "unknown", month };
  const stored = ledger.paceState(month)?.status ?? null;
  const previous = stored === "unknown" ? null : stored;
  const transition = paceTransition(previous, status);
  if (transition === "none") {
    ledger.setPaceState(month, status, nowMs);
    return { kind: "unchanged", month, status, reason: `still ${status}` };
  }

  let channelId: string;
  try {
    channelId = await resolveChannelId(slack, config.digestChannel);
  } catch (error) {
    log.error({ err: error }, `pace ${transition} not posted: ${errorText(error)}`);
    return { kind: "failed", error: errorText(error) };
  }
  if (ledger.isMuted(channelId)) {
    // Muted means these changes are dropped, not queued: unmuting later does not replay them.
    ledger.setPaceState(month, status, nowMs);
    log.info({ month, status, previous }, "pace changed but alerts are muted in the channel");
    return { kind: "muted", month, status, previous };
  }

  const claim = ledger.claimAlert(month, status, transition, {
    owner: deps.owner,
    nowMs,
    ttlMs: deps.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
  });
  if (claim.kind === "posted") {
    ledger.setPaceState(month, status, nowMs);
    return { kind: "unchanged", month, status, reason: `the ${status} ${transition} of ${month} was already posted` };
  }
  if (claim.kind === "busy") {
    return { kind: "unchanged", month, status, reason: `another instance is posting the ${status} ${transition}` };
  }

  try {
    const message = transition === "alert" ? paceAlertMessage(report, previous) : paceRecoveryMessage(report, previous);
    const posted = await postToChannel(slack, channelId, message);
    ledger.markAlertPosted(month, status, transition, { ...posted, postedAtMs: deps.now().getTime() });
    ledger.setPaceState(month, status, nowMs);
    return { kind: transition === "alert" ? "alerted" : "recovered", month, status, previous, ts: posted.ts };
  } catch (error) {
    // The state stays as it was, so the next run tries this message again.
    ledger.releaseAlertClaim(month, status, transition, deps.owner);
    log.error({ err: error }, `pace ${transition} not posted: ${errorText(error)}`);
    return { kind: "failed", error: errorText(error) };
  }
}
