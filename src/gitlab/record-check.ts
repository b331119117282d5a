/**
 * What a record GitLab lists must hold before the sync uses it. One MR with `author: null`, or without `merged_at`,
 * `labels` or `author.id`, used to throw (a TypeError, or SQLite's NOT NULL) and lose its whole page, then every
 * later sync the same way: now it is skipped, named with what was wrong, and the rest of the page is stored
 * (src/gitlab/sync-source.ts usableRecords). The schemas name only the fields the sync reads.
 */
import { z } from "zod";

/** An ISO timestamp that Date.parse reads (GitLab's `2026-03-18T12:00:00.000Z`). */
const timestamp = z.string().refine((value) => Number.isFinite(Date.parse(value)), { message: "not a date" });

const AUTHOR = z.object({ id: z.number().int(), username: z.string(), name: z.string() });

/**
 * An item of `GET /groups/:id/merge_requests` (every state). One without `merged_at` at all is unusable, and so is
 * one with `merged_at: null` and no state (merged or not, nobody can tell). A merged one with `merged_at: null` (GitLab
 * has old ones) is usable: it is not counted, having no month, and the sync summary says how many
 * (src/gitlab/sources/merge-requests.ts).
 */
export const MERGE_REQUEST = z
  .object({
    id: z.number().int(),
    iid: z.number().int(),
    project_id: z.number().int(),
    title: z.string(),
    /** the crawl lists every state (the funnel, src/metrics/funnel.ts): opened, locked and closed ones come unmerged */
    state: z.string().optional(),
    created_at: timestamp.optional(),
    updated_at: timestamp,
    merged_at: timestamp.nullable(),
    closed_at: timestamp.nullish(),
    author: AUTHOR,
    labels: z.array(z.string()),
    web_url: z.string(),
    /** `full` is `group/project!iid` */
    references: z.object({ full: z.string().optional() }).nullish(),
  })
  .superRefine((mr, check) => {
    if (mr.merged_at === null && mr.state === undefined) {
      check.addIssue({ code: "custom", path: ["merged_at"], message: "an MR with no state needs merged_at" });
    }
  });
export type GlMergeRequestItem = z.infer<typeof MERGE_REQUEST>;

/** An item of the group issue and epic lists. */
export const LABELLED_ITEM = z.object({
  id: z.number().int(),
  title: z.string(),
  state: z.enum(["opened", "closed"]),
  created_at: timestamp,
  updated_at: timestamp,
  web_url: z.string(),
  author: z.object({ username: z.string() }),
  references: z.object({ full: z.string().optional() }).nullish(),
});
export type GlLabelledItem = z.infer<typeof LABELLED_ITEM>;

export interface Malformed {
  /** GitLab's id of the record, or `(no id)` */
  id: string;
  /** what was wrong, e.g. `author is null`, `merged_at is missing` */
  problem: string;
}

export type Checked<T> = { ok: true; record: T } | { ok: false; malformed: Malformed };

export function checkRecord<T>(schema: z.ZodType<T>, record: unknown): Checked<T> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, record: parsed.data };
  const id = (record as { id?: unknown } | null)?.id;
  return {
    ok: false,
    malformed: {
      id: typeof id === "number" || typeof id === "string" ? String(id) : "(no id)",
      problem: parsed.error.issues.map((issue) => describeIssue(record, issue)).join("; "),
    },
  };
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** "author is null", "merged_at is missing", "state is \"locked\" (expected opened or closed)". */
function describeIssue(record: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  if (path === "") return `the record is ${record === null ? "null" : `not an object (${typeof record})`}`;
  let value: unknown = record;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  if (value === undefined) return `${path} is missing`;
  if (value === null) return `${path} is null`;
  const shown = clip(JSON.stringify(value) ?? String(value));
  if (issue.code === "invalid_type") return `${path} is ${shown} (expected ${issue.expected})`;
  if (issue.code === "invalid_value") return `${path} is ${shown} (expected ${issue.values.join(" or ")})`;
  return `${path} is ${shown} (${issue.message})`;
}
