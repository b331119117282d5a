/**
 * What the weekly digest and the pace check did (src/schedule/digest-job.ts, src/schedule/pace-job.ts): plain data
 * the CLI and the logs word with src/text/job-outcomes.ts.
 */
import type { PaceStatus } from "./report.js";

export type DigestOutcome =
  | {
      kind: "posted";
      period: string;
      channel: string;
      ts: string;
      permalink: string | null;
      /** set when the ledger could not record the post (a full disk); the next run finds it in the channel */
      unrecorded?: string;
    }
  /** foundInChannel: an earlier post whose answer was lost, found in the channel's history and recorded now */
  | { kind: "already_posted"; period: string; permalink: string | null; foundInChannel?: boolean }
  | { kind: "in_progress"; period: string }
  | { kind: "failed"; period: string; error: string }
  /** Slack may have posted it but did not say so, and the channel's history could not tell: not posted again */
  | { kind: "unconfirmed"; period: string; error: string };

export type PaceOutcome =
  | { kind: "alerted" | "recovered"; month: string; status: PaceStatus; previous: PaceStatus | null; ts: string }
  | { kind: "unchanged"; month: string; status: PaceStatus; reason: string }
  | { kind: "muted"; month: string; status: PaceStatus; previous: PaceStatus | null }
  | { kind: "unknown"; month: string }
  | { kind: "failed"; error: string }
  /** the message may be in the channel (its answer was lost) and the channel's history could not tell */
  | { kind: "unconfirmed"; month: string; status: PaceStatus; error: string };
