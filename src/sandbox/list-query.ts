/**
 * The query parameters of GitLab's group list endpoints (merge requests, issues, epics), parsed and validated
 * the way GitLab does: unknown values of enums get a 400 with GitLab's message, `merged_after` and other
 * unsupported filters are ignored silently, per_page is capped at 100.
 */

export type TimeField = "created_at" | "updated_at" | "merged_at";

export interface TimeRange {
  field: TimeField;
  /** inclusive, epoch ms */
  min?: number;
  /** inclusive, epoch ms */
  max?: number;
}

export type LabelFilter =
  | { kind: "all-of"; labels: string[] }
  | { kind: "none" }
  | { kind: "any" }
  | { kind: "ignore" };

export interface ListQuery {
  /** null: every state */
  state: string | null;
  labels: LabelFilter;
  ranges: TimeRange[];
  orderBy: TimeField;
  sort: "asc" | "desc";
  page: number;
  perPage: number;
  /** GitLab's `non_archived` (default true): hide the items of archived projects */
  nonArchived: boolean;
}

export interface ListKind {
  states: string[];
  defaultState: string | null;
  orderBy: TimeField[];
}

export const MERGE_REQUEST_LIST: ListKind = {
  states: ["opened", "closed", "locked", "merged", "all"],
  defaultState: null,
  orderBy: ["created_at", "updated_at", "merged_at"],
};
export const ISSUE_LIST: ListKind = {
  states: ["opened", "closed", "all"],
  defaultState: null,
  orderBy: ["created_at", "updated_at"],
};
export const EPIC_LIST: ListKind = ISSUE_LIST;

/** GitLab's answer to a bad parameter: 400 `{"error": "..."}`. */
export class BadQueryError extends Error {
  override name = "BadQueryError";
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

const RANGE_PARAMS: Array<[string, TimeField, "min" | "max"]> = [
  ["created_after", "created_at", "min"],
  ["created_before", "created_at", "max"],
  ["updated_after", "updated_at", "min"],
  ["updated_before", "updated_at", "max"],
];

export function parseListQuery(params: URLSearchParams, kind: ListKind): ListQuery {
  const stateParam = params.get("state");
  if (stateParam !== null && !kind.states.includes(stateParam)) throw invalid("state");
  const state = stateParam === null || stateParam === "all" ? kind.defaultState : stateParam;

  const orderParam = params.get("order_by") ?? "created_at";
  if (!(kind.orderBy as string[]).includes(orderParam)) throw invalid("order_by");
  const sortParam = params.get("sort") ?? "desc";
  if (sortParam !== "asc" && sortParam !== "desc") throw invalid("sort");

  const ranges: TimeRange[] = [];
  for (const [name, field, bound] of RANGE_PARAMS) {
    const value = params.get(name);
    if (value === null || value === "") continue;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new BadQueryError(`${name} is invalid`);
    let range = ranges.find((r) => r.field === field);
    if (!range) {
      range = { field };
      ranges.push(range);
    }
    range[bound] = ms;
  }

  return {
    state,
    labels: parseLabels(params.get("labels")),
    ranges,
    orderBy: orderParam as TimeField,
    sort: sortParam,
    nonArchived: parseBoolean(params.get("non_archived"), "non_archived", true),
    ...parsePageParams(params),
  };
}

/** page and per_page alone (child lists such as an epic's issues only page). */
export function parsePageParams(params: URLSearchParams): { page: number; perPage: number } {
  return {
    page: positiveInteger(params, "page", 1),
    perPage: Math.min(positiveInteger(params, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE),
  };
}

function parseLabels(value: string | null): LabelFilter {
  if (value === null || value.trim() === "") return { kind: "ignore" };
  if (value.toLowerCase() === "none") return { kind: "none" };
  if (value.toLowerCase() === "any") return { kind: "any" };
  const labels = value
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return { kind: "all-of", labels };
}

/** GitLab's Grape booleans: true/false (also 1/0, yes/no); anything else is a 400. */
function parseBoolean(value: string | null, name: string, fallback: boolean): boolean {
  if (value === null || value === "") return fallback;
  const lower = value.toLowerCase();
  if (["true", "1", "yes", "t"].includes(lower)) return true;
  if (["false", "0", "no", "f"].includes(lower)) return false;
  throw invalid(name);
}

function positiveInteger(params: URLSearchParams, name: string, fallback: number): number {
  const value = params.get(name);
  if (value === null || value === "") return fallback;
  if (!/^-?\d+$/.test(value)) throw new BadQueryError(`${name} is invalid`);
  const n = Number(value);
  // GitLab (Kaminari) treats page/per_page below 1 as their defaults.
  return n < 1 ? fallback : n;
}

function invalid(name: string): BadQueryError {
  return new BadQueryError(`${name} does not have a valid value`);
}

export function matchesLabels(labels: readonly string[], filter: LabelFilter): boolean {
  switch (filter.kind) {
    case "ignore":
      return true;
    case "none":
      return labels.length === 0;
    case "any":
      return labels.length > 0;
    case "all-of":
      return filter.labels.every((l) => labels.includes(l));
  }
}

/** A stable key of everything but the page, for caching one query's full result across its pages. */
export function queryCacheKey(query: ListQuery): string {
  return JSON.stringify([query.state, query.labels, query.ranges, query.orderBy, query.sort, query.nonArchived]);
}
