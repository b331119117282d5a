/**
 * What the weekly digest and the pace check did (src/schedule/digest-job.ts, src/schedule/pace-job.ts): plain data
 * the CLI and the logs word with src/text/job-outcomes.ts.
 */
import type { PaceStatus } from "./report.js";

export type DigestOutcome =
  | { kind: "posted"; period: string; channel: string; ts: string; permalink: string | null }
  | { kind: "already_posted"; period: string; permalink: string | null }
  | { kind: "in_progress"; period: string }
  | { kind: "failed"; period: string; error: string };

export type PaceOutcome =
  | { kind: "alerted" | "recovered"; month: string; status: PaceStatus; previous: PaceStatus | null; ts: string }
  | { kind: "unchanged"; month: string; status: PaceStatus; reason: string }
  | { kind: "muted"; month: string; status: PaceStatus; previous: PaceStatus | null }
  | { kind: "unknown"; month: string }
  | { kind: "failed"; error: string };
