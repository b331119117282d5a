/**
 * The sandbox GitLab's data model and control surface, shared by the sandbox (server + generator),
 * the sync tests, the benchmarks and `demo`. Objects are stored in GitLab's own JSON shapes
 * (see the reference payloads) so the server can serve them as they are.
 */

export interface GlUser {
  id: number;
  username: string;
  name: string;
  state: "active" | "blocked";
  avatar_url: string | null;
  web_url: string;
}

export interface GlReferences {
  short: string;
  relative: string;
  full: string;
}

export interface GlProject {
  id: number;
  /** e.g. gitlab-org/gitlab or gitlab-org/quality/triage-ops */
  path_with_namespace: string;
  /** an archived project: GitLab's group lists hide its MRs and issues unless asked `non_archived=false` */
  archived: boolean;
}

export interface GlMergeRequest {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string;
  state: "merged" | "opened" | "closed";
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  closed_at: string | null;
  author: GlUser;
  labels: string[];
  web_url: string;
  references: GlReferences;
  source_project_id: number;
  target_project_id: number;
  target_branch: string;
  source_branch: string;
  draft: boolean;
}

export interface GlIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string;
  state: "opened" | "closed";
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  author: GlUser;
  labels: string[];
  weight: number | null;
  web_url: string;
  references: GlReferences;
  type: "ISSUE";
  issue_type: "issue";
}

export interface GlEpic {
  id: number;
  iid: number;
  group_id: number;
  parent_id: number | null;
  parent_iid: number | null;
  title: string;
  description: string;
  state: "opened" | "closed";
  web_url: string;
  reference: string;
  references: GlReferences;
  author: GlUser;
  start_date: string | null;
  end_date: string | null;
  due_date: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  labels: string[];
}

export interface GlGroup {
  id: number;
  /** full path, e.g. gitlab-com or gitlab-com/customer-success/professional-services-group */
  full_path: string;
}

/** Everything the sandbox serves. Mutate it through the helpers in world.ts so `updated_at` moves as GitLab's does. */
export interface GitLabWorld {
  groups: GlGroup[];
  projects: GlProject[];
  users: GlUser[];
  mergeRequests: GlMergeRequest[];
  issues: GlIssue[];
  epics: GlEpic[];
  /** epic id -> ids of its direct child issues */
  epicIssues: Map<number, number[]>;
  /** epic ids GitLab answers 403 for (e.g. confidential / no licence) */
  forbiddenEpicIds: Set<number>;
  /** true: epic endpoints answer 401 without a PRIVATE-TOKEN / Authorization header (as gitlab.com does) */
  epicsRequireToken: boolean;
  /** generator metadata, for tests and demo output; the server ignores it */
  meta: {
    seed: number;
    /** user ids of bot accounts the generator created */
    botUserIds: Set<number>;
    /** generator's "now" */
    nowIso: string;
    /** YYYY-MM of the generated hackathon month (about 1.8x the usual volume), when there is one */
    hackathonMonth?: string;
  };
}

/** A scripted fault; the first matching queued fault is consumed per request. */
export type Fault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; body?: string; contentType?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "drop" }
  | { kind: "hang" }
  | { kind: "truncate" }
  /** /api/graphql: HTTP 200 with GitLab's `errors` array (and `data`, when given), as GitLab reports query errors */
  | { kind: "graphql_errors"; message?: string; data?: unknown }
  /** /api/graphql: the query runs, but every work item lookup answers `null` (unreadable, as GitLab says it) */
  | { kind: "work_item_null" }
  /**
   * A list answer with broken records: on the record at page position `at`, the dotted paths in `null` set to null
   * (`author`), those in `missing` deleted (`merged_at`, `labels`, `author.id`).
   */
  | { kind: "null_fields"; records: Array<{ at: number; null?: string[]; missing?: string[] }> }
  /** A list answer whose records at `items` (default the last) say `updated_at: updatedAt`, e.g. a month ahead. */
  | { kind: "future_timestamp"; updatedAt: string; items?: number[] }
  /**
   * Pagination that never ends: `next_is_first` points Link rel="next" back at page 1; `next_page_always_2` drops
   * the Link header and answers x-next-page: 2 on every page (both without x-total/x-total-pages, as past 10,000
   * results); `past_total_pages` links to page+1 beyond the x-total-pages it announces.
   */
  | { kind: "loop_links"; style: "next_is_first" | "next_page_always_2" | "past_total_pages" }
  /** 200 [] with the headers of an empty listing (what a renamed label gets) */
  | { kind: "empty_list" }
  /** the list answer keeps only its first `keep` records; headers (x-total, Link) unchanged: a listing cut short */
  | { kind: "short_list"; keep: number }
  /** a JSON body gzip-compressed to little (content-length: the compressed size) that expands to `expandsTo` bytes */
  | { kind: "gzip_bomb"; expandsTo: number }
  /**
   * GitLab's list changing while a crawl is between pages: before this request is answered, all at `at`, the first MR
   * of the previous list answer on this path is updated (an offset crawl by updated_at ascending then skips one), a
   * merged MR labelled `label` is created in the path's group by a new person, and a merged MR of the group without
   * `label` is given it. A group merge request list only.
   */
  | { kind: "mutate_between_pages"; at: string; label: string }
  /** a JSON body of `bytes` bytes, announced in content-length (`chunked`: no content-length, streamed) */
  | { kind: "huge_body"; bytes: number; chunked?: boolean };

export interface FaultRule {
  fault: Fault;
  /** only requests whose path (without query) matches; default all */
  path?: RegExp;
  /** how many matching requests pass untouched before it applies; default 0 */
  skip?: number;
  /** how many requests it applies to; default 1; Infinity for "until cleared" */
  times?: number;
}

export interface RequestLogEntry {
  method: string;
  /** path without the query string, e.g. /api/v4/groups/gitlab-org/merge_requests */
  path: string;
  query: Record<string, string>;
  status: number;
  /** true when the request carried a token (value never recorded) */
  authenticated: boolean;
  at: number;
}

export interface Sandbox {
  /** base URL, e.g. http://127.0.0.1:43123 (GITLAB_URL for the client) */
  url: string;
  world: GitLabWorld;
  requests: RequestLogEntry[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** latency added to every response, ms */
  setLatency(ms: number): void;
  close(): Promise<void>;
}
