/**
 * What the contributor funnel reads (src/metrics/funnel.ts): plain records, already limited to the MRs that count
 * (the contributor count's scope and bot rules, src/metrics/ applies them before the funnel sees a record).
 */

/** A counted merged MR as the funnel reads it: Contribution (src/model/records.ts) satisfies it. */
export interface FunnelMerge {
  authorId: number;
  username: string;
  name: string;
  /** epoch ms */
  mergedAtMs: number;
  /** epoch ms the MR was opened; absent or null when unknown (a row stored before creation times were kept) */
  createdAtMs?: number | null;
  /** carries the `1st contribution` label */
  firstContributionLabel: boolean;
}

/** A counted labelled MR that is not merged (state `opened`, `locked` or `closed`). */
export interface FunnelUnmerged {
  authorId: number;
  /** epoch ms */
  createdAtMs: number;
  /** epoch ms of GitLab's updated_at */
  updatedAtMs: number;
  /** epoch ms it was closed; null while open (a `closed` MR without one counts as closed from its creation) */
  closedAtMs: number | null;
  state: "opened" | "locked" | "closed";
}
