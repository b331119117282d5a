/**
 * Epic progress from GitLab's Work Items GraphQL API (the REST epics API is deprecated since GitLab 17.0).
 *
 * One query per configured epic: `namespace(fullPath) { workItem(iid) }` with its dates, its Weight widget's
 * rolled-up weights and its Hierarchy widget's rolled-up counts (the figures GitLab's own epic page shows, counted
 * by GitLab over every descendant at any depth), plus the first page of its children. When GitLab gives no usable
 * roll-up (no `Issue` entry in rolledUpCountsByType, no Weight widget, or counts below the issues the first page of
 * children already shows), the tree is walked instead: the children pages of the epic and of every child epic that
 * has children, to any depth, counting each issue once — one request per further page. README "Epic progress"
 * lists where the roll-up and the REST count differ.
 *
 * An epic GitLab will not show (`workItem: null`, as GraphQL says "unreadable"), a 401, or a GraphQL `errors`
 * answer (HTTP 200) is an unavailable record with GitLab's reason. A GitLab without this API — /api/graphql
 * answers 404, or its schema rejects our query's work item fields (older self-managed GitLab) — is
 * WorkItemsUnsupportedError, which EPIC_SOURCE=auto takes as the sign to use REST (epic-source-choice.ts).
 */
import type { Logger } from "../log.js";
import { unavailableEpic } from "../metrics/epic-progress.js";
import type { EpicRecord } from "../model/records.js";
import type { EpicRef } from "../model/settings.js";
import type { GitLabClient } from "./client.js";
import { type EpicSource, issueTotals } from "./epic-source.js";
import { GitLabAuthError, GitLabGraphQLError, GitLabRequestError } from "./errors.js";

/** GitLab's max page size for connections. */
const PAGE = 100;

const NODE_FIELDS = `
  id
  state
  workItemType { name }
  widgets {
    __typename
    ... on WorkItemWidgetWeight { weight }
    ... on WorkItemWidgetHierarchy { hasChildren }
  }`;

const CHILDREN = `children(first: ${PAGE}, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { ${NODE_FIELDS} }
}`;

/** One configured epic: fields, roll-ups, and the first page of its children. */
export const EPIC_QUERY = `query EngagementBotEpic($fullPath: ID!, $iid: String!, $after: String) {
  namespace(fullPath: $fullPath) {
    workItem(iid: $iid) {
      id
      title
      state
      webUrl
      widgets {
        __typename
        ... on WorkItemWidgetStartAndDueDate { startDate dueDate }
        ... on WorkItemWidgetWeight { rolledUpWeight rolledUpCompletedWeight }
        ... on WorkItemWidgetHierarchy {
          hasChildren
          rolledUpCountsByType { workItemType { name } countsByState { all closed } }
          ${CHILDREN}
        }
      }
    }
  }
}`;

/** A further page of one work item's children (walking the tree when GitLab gives no roll-up). */
export const CHILDREN_QUERY = `query EngagementBotEpicChildren($id: WorkItemID!, $after: String) {
  workItem(id: $id) {
    widgets {
      __typename
      ... on WorkItemWidgetHierarchy { ${CHILDREN} }
    }
  }
}`;

/** This GitLab has no Work Items GraphQL API for epics: no /api/graphql, or a schema without our fields. */
export class WorkItemsUnsupportedError extends GitLabRequestError {
  constructor(
    readonly reason: string,
    status: number | null,
  ) {
    super(
      `${reason}: this GitLab cannot give epic progress through Work Items; set EPIC_SOURCE=auto or rest`,
      "POST /api/graphql",
      status,
      1,
    );
    this.name = "WorkItemsUnsupportedError";
  }
}

type State = "OPEN" | "CLOSED";

interface Widget {
  __typename: string;
  startDate?: string | null;
  dueDate?: string | null;
  weight?: number | null;
  rolledUpWeight?: number | null;
  rolledUpCompletedWeight?: number | null;
  hasChildren?: boolean;
  rolledUpCountsByType?: Array<{
    workItemType: { name: string };
    countsByState: { all: number | null; closed: number | null };
  }>;
  children?: Connection | null;
}

interface ChildNode {
  id: string;
  state: State;
  workItemType: { name: string };
  widgets: Widget[] | null;
}

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<ChildNode | null> | null;
}

interface EpicItem {
  id: string;
  title: string;
  state: State;
  webUrl: string | null;
  widgets: Widget[] | null;
}

const widget = (widgets: Widget[] | null, typename: string) => widgets?.find((w) => w.__typename === typename);

/** Validation errors that mean "this schema has no such field/type": GitLab's (graphql-ruby) and graphql-js wording. */
const UNKNOWN_IN_SCHEMA =
  /doesn't exist on type|Cannot query field|No such type|Unknown type|doesn't accept argument|Unknown argument/i;
const UNKNOWN_CODES = new Set(["undefinedField", "undefinedType", "argumentNotAccepted"]);

/** The query was rejected as a whole because the schema lacks a field or type we ask for. */
export function isSchemaMismatch(error: GitLabGraphQLError): boolean {
  return (
    !error.partial &&
    error.errors.some((e) => (e.code !== undefined && UNKNOWN_CODES.has(e.code)) || UNKNOWN_IN_SCHEMA.test(e.message))
  );
}

export function createWorkItemsEpicSource(deps: { client: GitLabClient; logger: Logger; now: () => Date }): EpicSource {
  const { client, logger } = deps;

  const childrenPage = async (id: string, after: string | null): Promise<Connection | null> => {
    const data = await client.graphql<{ workItem: { widgets: Widget[] | null } | null }>(CHILDREN_QUERY, { id, after });
    return widget(data.workItem?.widgets ?? null, "WorkItemWidgetHierarchy")?.children ?? null;
  };

  /** Every issue under the epic, at any depth, each once (GitLab lists only what this token may read). */
  const walk = async (ref: EpicRef, root: EpicItem, first: Connection | null) => {
    const issues = new Map<string, { closed: boolean; weight: number | null }>();
    const visited = new Set<string>([root.id]);
    const pending: Array<{ id: string; page: Connection | null }> = [{ id: root.id, page: first }];
    for (let next = pending.shift(); next; next = pending.shift()) {
      let page = next.page ?? (await childrenPage(next.id, null));
      if (page === null) logger.warn({ epic: ref.ref, workItem: next.id }, "child epic not readable; not counted");
      while (page !== null) {
        for (const node of page.nodes ?? []) {
          if (!node || visited.has(node.id)) continue;
          visited.add(node.id);
          if (node.workItemType.name === "Issue") {
            const weight = widget(node.widgets, "WorkItemWidgetWeight")?.weight ?? null;
            issues.set(node.id, { closed: node.state === "CLOSED", weight });
          } else if (node.workItemType.name === "Epic") {
            if (widget(node.widgets, "WorkItemWidgetHierarchy")?.hasChildren) pending.push({ id: node.id, page: null });
          }
        }
        const { hasNextPage, endCursor } = page.pageInfo;
        page = hasNextPage && endCursor ? await childrenPage(next.id, endCursor) : null;
      }
    }
    return issueTotals(issues.values());
  };

  /** GitLab's roll-ups when it gives both counts and weights; null when the tree must be walked. */
  const rolledUp = (item: EpicItem) => {
    const hierarchy = widget(item.widgets, "WorkItemWidgetHierarchy");
    const weights = widget(item.widgets, "WorkItemWidgetWeight");
    const issues = hierarchy?.rolledUpCountsByType?.find((c) => c.workItemType.name === "Issue");
    if (!hierarchy?.hasChildren) return { closedIssues: 0, totalIssues: 0, closedWeight: 0, totalWeight: 0 };
    if (!issues || !weights) return null;
    // a roll-up counts every descendant, so it is never below the issues we can see on the first children page;
    // when it is (GitLab 17.3 shipped the field with placeholder zeros), the tree is counted instead
    const visible = hierarchy.children?.nodes?.filter((n) => n?.workItemType.name === "Issue").length ?? 0;
    if ((issues.countsByState.all ?? 0) < visible) return null;
    return {
      closedIssues: issues.countsByState.closed ?? 0,
      totalIssues: issues.countsByState.all ?? 0,
      // null: no descendant issue has a weight
      closedWeight: weights.rolledUpCompletedWeight ?? 0,
      totalWeight: weights.rolledUpWeight ?? 0,
    };
  };

  const read = async (ref: EpicRef, syncedAt: string): Promise<EpicRecord> => {
    type Answer = { namespace: { workItem: EpicItem | null } | null };
    const data = await client.graphql<Answer>(EPIC_QUERY, { fullPath: ref.group, iid: String(ref.iid), after: null });
    const item = data?.namespace?.workItem;
    if (!item) {
      const reason =
        data?.namespace === null
          ? `GitLab's GraphQL API shows no group ${ref.group} (it does not exist, or is not visible to this token)`
          : `GitLab's GraphQL API shows no work item ${ref.ref} (it does not exist, is confidential, the group lacks Premium/Ultimate${
              client.hasToken ? ", or the token lacks access" : ", or it needs GITLAB_TOKEN"
            }; a GitLab that predates epics as work items needs EPIC_SOURCE=rest)`;
      logger.warn({ epic: ref.ref, reason }, "epic unavailable");
      return unavailableEpic(ref, client.url, reason, syncedAt);
    }
    if (typeof item.title !== "string" || (item.state !== "OPEN" && item.state !== "CLOSED")) {
      throw new GitLabRequestError(
        `GitLab answered the work item query for ${ref.ref} with something that is not an epic`,
        "POST /api/graphql",
        200,
        1,
      );
    }
    const dates = widget(item.widgets, "WorkItemWidgetStartAndDueDate");
    const hierarchy = widget(item.widgets, "WorkItemWidgetHierarchy");
    const totals = rolledUp(item) ?? (await walk(ref, item, hierarchy?.children ?? null));
    return {
      ref: ref.ref,
      title: item.title,
      state: item.state === "CLOSED" ? "closed" : "opened",
      startDate: dates?.startDate ?? null,
      dueDate: dates?.dueDate ?? null,
      webUrl: item.webUrl ?? `${client.url.replace(/\/+$/, "")}/groups/${ref.group}/-/epics/${ref.iid}`,
      ...totals,
      available: true,
      unavailableReason: null,
      syncedAt,
    };
  };

  return {
    via: () => "Work Items API (GraphQL)",
    async fetch(ref: EpicRef): Promise<EpicRecord> {
      const syncedAt = deps.now().toISOString();
      try {
        return await read(ref, syncedAt);
      } catch (error) {
        if (error instanceof GitLabGraphQLError) {
          if (isSchemaMismatch(error)) {
            throw new WorkItemsUnsupportedError(
              `GitLab's GraphQL API does not know the work item fields epic progress needs (${error.errors[0]?.message})`,
              200,
            );
          }
          const reason = error.message;
          logger.warn({ epic: ref.ref, reason }, "epic unavailable: GitLab's GraphQL API answered with an error");
          return unavailableEpic(ref, client.url, reason, syncedAt);
        }
        if (error instanceof GitLabAuthError) {
          logger.warn({ epic: ref.ref, reason: error.message }, "epic unavailable");
          return unavailableEpic(ref, client.url, error.message, syncedAt);
        }
        if (
          error instanceof GitLabRequestError &&
          error.status === 404 &&
          !(error instanceof WorkItemsUnsupportedError)
        ) {
          throw new WorkItemsUnsupportedError("GitLab has no GraphQL API here (404 for POST /api/graphql)", 404);
        }
        throw error;
      }
    },
  };
}
