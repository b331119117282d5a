/**
 * Plain records: the core's own vocabulary. No I/O here: gitlab/ produces them, store/ reads and writes them,
 * metrics/ reads them through a StoreSnapshot.
 */
import type { KpiValue } from "./workstreams.js";

/** What every stored labelled MR row keeps, merged or not. */
export interface StoredMrFields {
  /** GitLab global MR id */
  id: number;
  projectId: number;
  /** the project's full path, e.g. gitlab-org/gitlab; "" for rows stored before paths were kept */
  projectPath: string;
  iid: number;
  /** group path it was synced from, e.g. gitlab-org */
  groupPath: string;
  authorId: number;
  authorUsername: string;
  authorName: string;
  labels: string[];
  webUrl: string;
  title: string;
}

/**
 * A merged MR that carried the community label when a sync listed it: every one fetched, bots and all; who counts
 * is decided when the report is built (src/metrics/who-counts.ts).
 */
export interface MergedMr extends StoredMrFields {
  /** epoch milliseconds (UTC instant) */
  mergedAtMs: number;
  /** epoch ms the MR was opened; absent or null for rows stored before creation times were kept */
  createdAtMs?: number | null;
}

/**
 * A labelled MR that is not merged (opened, locked or closed without merging): the funnel's openers and open MR
 * age (src/metrics/funnel.ts). Stored like MergedMr, every one fetched; who counts is decided at the report.
 */
export interface UnmergedMr extends StoredMrFields {
  state: "opened" | "locked" | "closed";
  /** epoch ms */
  createdAtMs: number;
  updatedAtMs: number;
  /** null unless closed */
  closedAtMs: number | null;
}

/** What the metrics read of an UnmergedMr: the fields who counts and the funnel need. */
export interface UnmergedContribution {
  authorId: number;
  username: string;
  projectId: number;
  projectPath: string;
  groupPath: string;
  communityLabel: boolean;
  botLabel: boolean;
  state: "opened" | "locked" | "closed";
  createdAtMs: number;
  updatedAtMs: number;
  closedAtMs: number | null;
}

/** A compact contribution: what the metrics need of a merged MR (keeps 240k rows cheap). */
export interface Contribution {
  authorId: number;
  username: string;
  name: string;
  mergedAtMs: number;
  /** carries the `1st contribution` label */
  firstContributionLabel: boolean;
  projectId: number;
  /** full path; "" for rows stored before paths were kept (then groupPath decides the group) */
  projectPath: string;
  /** group path it was synced from */
  groupPath: string;
  /** carries COMMUNITY_LABEL as configured now (a changed label leaves rows of the old one in the store) */
  communityLabel: boolean;
  /** carries BOT_LABEL (default `automation:bot-authored`) */
  botLabel: boolean;
  /** epoch ms the MR was opened; absent or null when unknown (stored before creation times were kept) */
  createdAtMs?: number | null;
}

/** An issue or epic labelled ENGAGEMENT_LABEL in ENGAGEMENT_GROUP. */
export interface LabelledItem {
  /** issue: global id; epic: global id (kept in separate key spaces by `kind`) */
  id: number;
  kind: "issue" | "epic";
  /** full reference: group/project#iid or group&iid */
  ref: string;
  title: string;
  webUrl: string;
  author: string;
  /** ISO */
  createdAt: string;
  state: "opened" | "closed";
}

/** A configured epic with its progress. */
export interface EpicRecord {
  /** as configured: group-path&iid */
  ref: string;
  title: string;
  state: "opened" | "closed";
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
  closedIssues: number;
  totalIssues: number;
  closedWeight: number;
  totalWeight: number;
  available: boolean;
  unavailableReason: string | null;
  /** ISO of the sync that wrote it */
  syncedAt: string;
}

export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  /** items fetched (all sources) */
  fetched: number;
  /** null when the run succeeded */
  error: string | null;
}

/** The store's small parts every Report reads besides its aggregates (src/model/report-inputs.ts). */
export type StoreParts = Omit<StoreSnapshot, "contributions" | "unmergedMrs">;

/** What metrics/buildReport reads: everything it needs, already loaded, no I/O behind it. */
export interface StoreSnapshot {
  /** every stored labelled merged MR of the synced history, any order, bots and all (who counts: metrics/who-counts.ts) */
  contributions: Contribution[];
  /** every stored labelled MR that is not merged (opened, locked, closed), any order, bots and all */
  unmergedMrs: UnmergedContribution[];
  /** epoch ms where the synced history starts (first backfill's lower bound); null if never synced */
  historyStartMs: number | null;
  labelledItems: LabelledItem[];
  /** configured epics, in configuration order (missing ones are absent) */
  epics: EpicRecord[];
  /** recent sync runs, newest first (at most a few dozen) */
  syncRuns: SyncRun[];
  /** ISO of the last successful sync, null if never */
  dataAsOf: string | null;
  /** ISO of the last posted digest, null if none */
  lastDigestAt: string | null;
  /** every recorded KPI value, in the order recorded (a later one for a KPI and month supersedes) */
  kpiValues: KpiValue[];
}
