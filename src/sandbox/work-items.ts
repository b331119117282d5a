/**
 * The sandbox world seen through GitLab's Work Items GraphQL API: epics and issues as WorkItem objects whose
 * fields the `graphql` package resolves (plain values, or functions called with the field's arguments).
 * GitLab's semantics where they matter to the bot:
 * - `namespace.workItem(iid)` finds an item of that group only; an unreadable one (403 over REST, or no token
 *   where epics need one) is `null`, never an error.
 * - `children` lists what the reader may see (child epics first, then issues), 100 a page at most, opaque cursors.
 * - `hasChildren` and the roll-ups (`rolledUpCountsByType`, `rolledUpWeight`, `rolledUpCompletedWeight`) are counted
 *   over every descendant at any depth, readable or not, as GitLab computes them (WorkItems::Widgets::Hierarchy and
 *   ::Weight count `work_item.descendants` in SQL, without a permission filter). Rolled-up weight sums the weights
 *   of descendant issues and is null when none of them has a weight.
 * Epics and issues share GitLab's WorkItem id space; here an epic's work item id is EPIC_WORK_ITEM_BASE + its id.
 */
import { GraphQLError } from "graphql";
import type { GitLabWorld, GlEpic, GlGroup, GlIssue } from "./types.js";
import type { WorldIndex } from "./world-index.js";

export const EPIC_WORK_ITEM_BASE = 1_000_000_000;
/** GitLab's max_page_size for connections. */
export const MAX_PAGE_SIZE = 100;

export interface WorkItemsContext {
  world: GitLabWorld;
  index: WorldIndex;
  authenticated: boolean;
  /** false: a GitLab that does not roll up (no rolledUpCountsByType entries, no Weight widget on epics) */
  rollUps: boolean;
  /** the `work_item_null` fault: every workItem lookup answers null */
  nullWorkItems: boolean;
}

const TYPES = {
  Epic: { id: "gid://gitlab/WorkItems::Type/8", name: "Epic", iconName: "issue-type-epic" },
  Issue: { id: "gid://gitlab/WorkItems::Type/1", name: "Issue", iconName: "issue-type-issue" },
  Task: { id: "gid://gitlab/WorkItems::Type/5", name: "Task", iconName: "issue-type-task" },
};

type Node = { kind: "epic"; epic: GlEpic } | { kind: "issue"; issue: GlIssue };

export const workItemGid = (node: Node): string =>
  `gid://gitlab/WorkItem/${node.kind === "epic" ? EPIC_WORK_ITEM_BASE + node.epic.id : node.issue.id}`;

const state = (value: "opened" | "closed") => (value === "closed" ? "CLOSED" : "OPEN");

function readable(ctx: WorkItemsContext, epic: GlEpic): boolean {
  if (ctx.nullWorkItems || ctx.world.forbiddenEpicIds.has(epic.id)) return false;
  return ctx.authenticated || !ctx.world.epicsRequireToken;
}

function childEpics(world: GitLabWorld, epic: GlEpic): GlEpic[] {
  return world.epics.filter((e) => e.parent_id === epic.id);
}

function childIssues(ctx: WorkItemsContext, epic: GlEpic): GlIssue[] {
  return (ctx.world.epicIssues.get(epic.id) ?? []).flatMap((id) => ctx.index.issue(id) ?? []);
}

/** Every descendant issue at any depth, readable or not (GitLab's roll-up counts all of them). */
function descendants(ctx: WorkItemsContext, root: GlEpic): { epics: GlEpic[]; issues: GlIssue[] } {
  const epics: GlEpic[] = [];
  const issues = new Map<number, GlIssue>();
  const seen = new Set<number>([root.id]);
  const queue = [root];
  for (let epic = queue.shift(); epic; epic = queue.shift()) {
    for (const issue of childIssues(ctx, epic)) issues.set(issue.id, issue);
    for (const child of childEpics(ctx.world, epic)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      epics.push(child);
      queue.push(child);
    }
  }
  return { epics, issues: [...issues.values()] };
}

const countsByState = (items: ReadonlyArray<{ state: "opened" | "closed" }>) => {
  const closed = items.filter((i) => i.state === "closed").length;
  return { all: items.length, opened: items.length - closed, closed };
};

function rolledUpWeights(issues: GlIssue[]): { rolledUpWeight: number | null; rolledUpCompletedWeight: number | null } {
  const weighted = issues.filter((i) => i.weight !== null);
  if (weighted.length === 0) return { rolledUpWeight: null, rolledUpCompletedWeight: null };
  const sum = (list: GlIssue[]) => list.reduce((total, i) => total + (i.weight ?? 0), 0);
  return { rolledUpWeight: sum(weighted), rolledUpCompletedWeight: sum(weighted.filter((i) => i.state === "closed")) };
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64");

function decodeCursor(cursor: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { offset?: unknown }).offset;
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to GitLab's message
  }
  throw new GraphQLError("Please provide a valid cursor");
}

/** A connection over `all`, forward paging (first/after) as the bot uses it; last/before as GitLab allows. */
function connection(all: Node[], args: PageArgs, ctx: WorkItemsContext) {
  for (const key of ["first", "last"] as const) {
    const value = args[key];
    if (value !== undefined && value !== null && value < 0) {
      throw new GraphQLError(`Argument '${key}' on Field 'children' has an invalid value (${value}).`);
    }
  }
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? decodeCursor(args.before) : all.length;
  end = Math.min(end, all.length);
  const first = Math.min(args.first ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  if (args.last !== undefined && args.last !== null) start = Math.max(start, end - Math.min(args.last, MAX_PAGE_SIZE));
  else end = Math.min(end, start + first);
  const slice = all.slice(start, Math.max(start, end));
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(start + i), node: view(node, ctx) }));
  return {
    count: all.length,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
      hasNextPage: start + slice.length < all.length,
      hasPreviousPage: start > 0,
    },
  };
}

interface WidgetArgs {
  onlyTypes?: string[] | null;
  exceptTypes?: string[] | null;
}

function filterWidgets<T extends { type: string }>(widgets: T[], args: WidgetArgs): T[] {
  return widgets.filter(
    (w) => (!args.onlyTypes || args.onlyTypes.includes(w.type)) && !args.exceptTypes?.includes(w.type),
  );
}

function epicWidgets(epic: GlEpic, ctx: WorkItemsContext) {
  const visibleChildren = (): Node[] => [
    ...childEpics(ctx.world, epic)
      .filter((e) => readable(ctx, e))
      .map((e): Node => ({ kind: "epic", epic: e })),
    ...childIssues(ctx, epic).map((issue): Node => ({ kind: "issue", issue })),
  ];
  const rolled = () => descendants(ctx, epic);
  const parent = epic.parent_id === null ? undefined : ctx.world.epics.find((e) => e.id === epic.parent_id);
  const widgets: Array<Record<string, unknown> & { type: string }> = [
    { __typename: "WorkItemWidgetDescription", type: "DESCRIPTION", description: epic.description },
    {
      __typename: "WorkItemWidgetHierarchy",
      type: "HIERARCHY",
      parent: () => (parent && readable(ctx, parent) ? view({ kind: "epic", epic: parent }, ctx) : null),
      hasParent: parent !== undefined,
      hasChildren: () => childEpics(ctx.world, epic).length > 0 || childIssues(ctx, epic).length > 0,
      children: (args: PageArgs) => connection(visibleChildren(), args, ctx),
      rolledUpCountsByType: () => {
        if (!ctx.rollUps) return [];
        const { epics, issues } = rolled();
        return [
          { workItemType: TYPES.Epic, countsByState: countsByState(epics) },
          { workItemType: TYPES.Issue, countsByState: countsByState(issues) },
        ];
      },
    },
    {
      __typename: "WorkItemWidgetStartAndDueDate",
      type: "START_AND_DUE_DATE",
      startDate: epic.start_date,
      dueDate: epic.due_date ?? epic.end_date,
      rollUp: true,
    },
  ];
  if (ctx.rollUps) {
    widgets.push({
      __typename: "WorkItemWidgetWeight",
      type: "WEIGHT",
      weight: null,
      ...rolledUpWeights(rolled().issues),
    });
  }
  return widgets;
}

function issueWidgets(issue: GlIssue, ctx: WorkItemsContext) {
  const epicId = [...ctx.world.epicIssues].find(([, ids]) => ids.includes(issue.id))?.[0];
  const parent = epicId === undefined ? undefined : ctx.world.epics.find((e) => e.id === epicId);
  return [
    { __typename: "WorkItemWidgetDescription", type: "DESCRIPTION", description: issue.description },
    {
      __typename: "WorkItemWidgetHierarchy",
      type: "HIERARCHY",
      parent: () => (parent && readable(ctx, parent) ? view({ kind: "epic", epic: parent }, ctx) : null),
      hasParent: parent !== undefined,
      hasChildren: false,
      children: (args: PageArgs) => connection([], args, ctx),
      rolledUpCountsByType: () => [{ workItemType: TYPES.Task, countsByState: { all: 0, opened: 0, closed: 0 } }],
    },
    {
      __typename: "WorkItemWidgetStartAndDueDate",
      type: "START_AND_DUE_DATE",
      startDate: null,
      dueDate: null,
      rollUp: false,
    },
    {
      __typename: "WorkItemWidgetWeight",
      type: "WEIGHT",
      weight: issue.weight,
      rolledUpWeight: null,
      rolledUpCompletedWeight: null,
    },
  ];
}

function view(node: Node, ctx: WorkItemsContext) {
  const item = node.kind === "epic" ? node.epic : node.issue;
  const full = node.kind === "epic" ? node.epic.references.full : node.issue.references.full;
  return {
    id: workItemGid(node),
    iid: String(item.iid),
    title: item.title,
    state: state(item.state),
    webUrl: item.web_url,
    confidential: false,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    closedAt: item.closed_at,
    reference: (args: { full?: boolean }) => (args.full ? full : item.references.short),
    workItemType: node.kind === "epic" ? TYPES.Epic : TYPES.Issue,
    widgets: (args: WidgetArgs) =>
      filterWidgets(node.kind === "epic" ? epicWidgets(node.epic, ctx) : issueWidgets(node.issue, ctx), args),
  };
}

function namespaceView(group: GlGroup, ctx: WorkItemsContext, withWorkItems: boolean) {
  const path = group.full_path;
  return {
    id: `gid://gitlab/Group/${group.id}`,
    fullPath: path,
    name: path.slice(path.lastIndexOf("/") + 1),
    ...(withWorkItems
      ? {
          workItem: ({ iid }: { iid: string }) => {
            if (!/^\d+$/.test(iid)) return null;
            const epic = ctx.world.epics.find((e) => e.group_id === group.id && e.iid === Number(iid));
            return epic && readable(ctx, epic) ? view({ kind: "epic", epic }, ctx) : null;
          },
        }
      : {}),
  };
}

/** The root value: Query's fields. */
export function workItemsRoot(ctx: WorkItemsContext, options: { withWorkItems: boolean; version: string }) {
  return {
    metadata: { version: options.version, revision: "sandbox" },
    namespace: ({ fullPath }: { fullPath: string }) => {
      const group = ctx.index.group(fullPath);
      return group ? namespaceView(group, ctx, options.withWorkItems) : null;
    },
    workItem: ({ id }: { id: string }) => {
      const match = /^gid:\/\/gitlab\/WorkItem\/(\d+)$/.exec(id);
      if (!match) throw new GraphQLError(`"${id}" does not represent an instance of WorkItem`);
      const n = Number(match[1]);
      if (ctx.nullWorkItems) return null;
      if (n >= EPIC_WORK_ITEM_BASE) {
        const epic = ctx.world.epics.find((e) => e.id === n - EPIC_WORK_ITEM_BASE);
        return epic && readable(ctx, epic) ? view({ kind: "epic", epic }, ctx) : null;
      }
      const issue = ctx.index.issue(n);
      return issue ? view({ kind: "issue", issue }, ctx) : null;
    },
  };
}
