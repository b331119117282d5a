/**
 * Indexes that keep the sandbox fast on a 240k-MR world: per group (subgroups included) and per sort field,
 * items sorted once by (time, id); a query binary-searches its range on the sort field, filters the rest, and
 * its full result is cached so paging through it costs a slice. Everything is rebuilt after the world changes.
 */
import type { ListQuery, TimeField } from "./list-query.js";
import { matchesLabels, queryCacheKey } from "./list-query.js";
import { COUNT_LIMIT } from "./pagination.js";
import type { GitLabWorld, GlEpic, GlGroup, GlIssue, GlMergeRequest } from "./types.js";
import { pathIsInGroup, worldVersion } from "./world.js";

export interface Listable {
  id: number;
  state: string;
  labels: string[];
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
}

interface Sorted<T> {
  items: T[];
  keys: Float64Array;
}

/** One group's items of one kind, sorted lazily per field. */
export class SortedCollection<T extends Listable> {
  private readonly byField = new Map<TimeField, Sorted<T>>();
  constructor(private readonly items: T[]) {}

  get size(): number {
    return this.items.length;
  }

  sortedBy(field: TimeField): Sorted<T> {
    let sorted = this.byField.get(field);
    if (!sorted) {
      const raw = this.items.map((item) => timeOf(item, field));
      const order = this.items.map((_, i) => i);
      order.sort((a, b) => (raw[a] ?? 0) - (raw[b] ?? 0) || (this.items[a]?.id ?? 0) - (this.items[b]?.id ?? 0));
      sorted = {
        items: order.map((i) => this.items[i] as T),
        keys: Float64Array.from(order, (i) => raw[i] ?? 0),
      };
      this.byField.set(field, sorted);
    }
    return sorted;
  }

  /**
   * The items matching the query in the requested order, the first `limit` of them: a page needs only the items up to
   * its own end and one more (is there a next page?), and totals only up to GitLab's COUNT_LIMIT. Without the bound,
   * a crawl that narrows its window at every request (src/gitlab/sync-source.ts) made each request scan every older
   * item: quadratic over a backfill.
   */
  select(query: ListQuery, keep?: (item: T) => boolean, limit = Number.POSITIVE_INFINITY): T[] {
    const { items, keys } = this.sortedBy(query.orderBy);
    const own = query.ranges.find((r) => r.field === query.orderBy);
    const from = own?.min === undefined ? 0 : firstAtLeast(keys, own.min);
    const to = own?.max === undefined ? items.length : firstAbove(keys, own.max);
    const others = query.ranges.filter((r) => r !== own);
    const out: T[] = [];
    const descending = query.sort === "desc";
    for (let n = 0; n < to - from && out.length < limit; n++) {
      const item = items[descending ? to - 1 - n : from + n];
      if (!item) continue;
      if (query.state !== null && item.state !== query.state) continue;
      if (!matchesLabels(item.labels, query.labels)) continue;
      if (others.length > 0 && !others.every((r) => inRange(timeOf(item, r.field), r.min, r.max))) continue;
      if (keep && !keep(item)) continue;
      out.push(item);
    }
    return out;
  }
}

function timeOf(item: Listable, field: TimeField): number {
  const value = field === "merged_at" ? item.merged_at : item[field];
  // Items without the time (e.g. unmerged MRs by merged_at) sort last, as GitLab's NULLS LAST does ascending.
  return value ? Date.parse(value) : Number.POSITIVE_INFINITY;
}

function inRange(ms: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || ms >= min) && (max === undefined || ms <= max);
}

function firstAtLeast(keys: Float64Array, target: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAbove(keys: Float64Array, target: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? 0) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const QUERY_CACHE_SIZE = 64;

export class WorldIndex {
  private signature = "";
  private groupsById = new Map<number, GlGroup>();
  private groupsByPath = new Map<string, GlGroup>();
  private mergeRequests = new Map<number, SortedCollection<GlMergeRequest>>();
  private issues = new Map<number, SortedCollection<GlIssue>>();
  private epics = new Map<number, SortedCollection<GlEpic>>();
  private issuesById = new Map<number, GlIssue>();
  private readonly results = new Map<string, unknown[]>();

  constructor(private readonly world: GitLabWorld) {}

  /** Drops everything derived from the world when a helper (or a push) changed it. */
  private fresh(): void {
    const w = this.world;
    const signature = [
      worldVersion(w),
      w.groups.length,
      w.projects.length,
      w.mergeRequests.length,
      w.issues.length,
      w.epics.length,
      w.epicIssues.size,
    ].join(":");
    if (signature === this.signature) return;
    this.signature = signature;
    this.groupsById = new Map(w.groups.map((g) => [g.id, g]));
    this.groupsByPath = new Map(w.groups.map((g) => [g.full_path.toLowerCase(), g]));
    this.mergeRequests.clear();
    this.issues.clear();
    this.epics.clear();
    this.issuesById = new Map(w.issues.map((i) => [i.id, i]));
    this.results.clear();
  }

  /** `:id` of a /groups/:id route: numeric id or (decoded) full path. */
  group(idOrPath: string): GlGroup | undefined {
    this.fresh();
    if (/^\d+$/.test(idOrPath)) return this.groupsById.get(Number(idOrPath));
    return this.groupsByPath.get(idOrPath.toLowerCase());
  }

  groupById(id: number): GlGroup | undefined {
    this.fresh();
    return this.groupsById.get(id);
  }

  issue(id: number): GlIssue | undefined {
    this.fresh();
    return this.issuesById.get(id);
  }

  listMergeRequests(group: GlGroup, query: ListQuery): GlMergeRequest[] {
    return this.cached(
      `mr:${group.id}`,
      query,
      () => this.groupCollection(this.mergeRequests, group, () => this.world.mergeRequests),
      this.archivedFilter(query),
    );
  }

  listIssues(group: GlGroup, query: ListQuery): GlIssue[] {
    return this.cached(
      `issue:${group.id}`,
      query,
      () => this.groupCollection(this.issues, group, () => this.world.issues),
      this.archivedFilter(query),
    );
  }

  /** With `non_archived` (GitLab's default), the items of archived projects are left out. */
  private archivedFilter(query: ListQuery): ((item: { project_id: number }) => boolean) | undefined {
    if (!query.nonArchived) return undefined;
    const archived = new Set(this.world.projects.filter((p) => p.archived).map((p) => p.id));
    return archived.size === 0 ? undefined : (item) => !archived.has(item.project_id);
  }

  /** The sorted collection of `all`'s items in the group's projects, built once per group. */
  private groupCollection<T extends Listable & { project_id: number }>(
    byGroup: Map<number, SortedCollection<T>>,
    group: GlGroup,
    all: () => T[],
  ): SortedCollection<T> {
    let collection = byGroup.get(group.id);
    if (!collection) {
      const projects = this.projectIdsIn(group);
      collection = new SortedCollection(all().filter((item) => projects.has(item.project_id)));
      byGroup.set(group.id, collection);
    }
    return collection;
  }

  /** Epics of the group and its descendants (GitLab's include_descendant_groups default), hiding forbidden ones. */
  listEpics(group: GlGroup, query: ListQuery): GlEpic[] {
    return this.cached(`epic:${group.id}`, query, () => {
      let collection = this.epics.get(group.id);
      if (!collection) {
        const groups = new Set(
          this.world.groups
            .filter((g) => g.full_path === group.full_path || g.full_path.startsWith(`${group.full_path}/`))
            .map((g) => g.id),
        );
        collection = new SortedCollection(
          this.world.epics.filter((e) => groups.has(e.group_id) && !this.world.forbiddenEpicIds.has(e.id)),
        );
        this.epics.set(group.id, collection);
      }
      return collection;
    });
  }

  private cached<T extends Listable>(
    scope: string,
    query: ListQuery,
    collection: () => SortedCollection<T>,
    keep?: (item: T) => boolean,
  ): T[] {
    this.fresh();
    // the items up to the requested page's end and one more, or past GitLab's COUNT_LIMIT (src/sandbox/pagination.ts
    // then reports no totals, as GitLab does): what paginate needs to answer this page exactly
    const limit = Math.max(query.page * query.perPage, COUNT_LIMIT) + 1;
    const key = `${scope}|${queryCacheKey(query)}|${limit}`;
    const hit = this.results.get(key);
    if (hit) {
      // Re-insert: the Map's order is the eviction order (least recently used first).
      this.results.delete(key);
      this.results.set(key, hit);
      return hit as T[];
    }
    const result = collection().select(query, keep, limit);
    this.results.set(key, result);
    if (this.results.size > QUERY_CACHE_SIZE) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    return result;
  }

  private projectIdsIn(group: GlGroup): Set<number> {
    return new Set(
      this.world.projects.filter((p) => pathIsInGroup(p.path_with_namespace, group.full_path)).map((p) => p.id),
    );
  }
}
