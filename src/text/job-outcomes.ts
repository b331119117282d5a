/** One line for the CLI and the logs about what the weekly digest or the pace check did. */
import type { DigestOutcome, PaceOutcome } from "../model/job-outcomes.js";

export function describeDigestOutcome(outcome: DigestOutcome): string {
  switch (outcome.kind) {
    case "posted":
      return (
        `Posted the digest for ${outcome.period}${outcome.permalink ? `: ${outcome.permalink}` : ""}` +
        (outcome.unrecorded
          ? ` (but the ledger could not record it: ${outcome.unrecorded}; the next run finds it in the channel and does not post it again)`
          : "")
      );
    case "already_posted":
      return outcome.foundInChannel
        ? `The digest for ${outcome.period} was already in the channel (Slack's answer to the post had been lost); recorded it now${outcome.permalink ? `: ${outcome.permalink}` : ""}`
        : `The digest for ${outcome.period} was already posted${outcome.permalink ? `: ${outcome.permalink}` : ""}`;
    case "in_progress":
      return `Another instance is posting the digest for ${outcome.period} right now`;
    case "failed":
      return `The digest for ${outcome.period} was not posted: ${outcome.error}`;
    case "unconfirmed":
      return `The digest for ${outcome.period} may already be in the channel and is not posted again: ${outcome.error}`;
  }
}

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
