/**
 * The sandbox's GraphQL schema: the slice of GitLab's schema the bot reads for epic progress, with GitLab's own
 * type, field, argument and enum names (Namespace.workItem(iid), WorkItem.widgets, WorkItemWidgetHierarchy with
 * children / hasChildren / rolledUpCountsByType, WorkItemWidgetWeight, WorkItemWidgetStartAndDueDate, WorkItemState
 * OPEN/CLOSED), so a query that validates here validates on gitlab.com. Built with the reference `graphql` package.
 * OLD_GITLAB_SDL is an instance that predates work items (a Namespace without workItem), for the REST fallback.
 */
import { buildSchema, type GraphQLSchema } from "graphql";

const COMMON_SDL = `
"""An ISO 8601 date, e.g. 2026-11-16 (GitLab's Date scalar)."""
scalar Date
"""An ISO 8601 date-time (GitLab's Time scalar)."""
scalar Time

type Metadata {
  version: String!
  revision: String!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}
`;

const WORK_ITEMS_SDL = `${COMMON_SDL}
"""A work item's global ID, e.g. gid://gitlab/WorkItem/123."""
scalar WorkItemID

type Query {
  metadata: Metadata
  namespace(fullPath: ID!): Namespace
  workItem(id: WorkItemID!): WorkItem
}

type Namespace {
  id: ID!
  fullPath: ID!
  name: String!
  workItem(iid: String!): WorkItem
}

enum WorkItemState {
  OPEN
  CLOSED
}

type WorkItemType {
  id: ID!
  name: String!
  iconName: String
}

enum WorkItemWidgetType {
  DESCRIPTION
  HIERARCHY
  START_AND_DUE_DATE
  WEIGHT
}

type WorkItem {
  id: WorkItemID!
  iid: String!
  title: String!
  state: WorkItemState!
  webUrl: String
  confidential: Boolean!
  createdAt: Time!
  updatedAt: Time!
  closedAt: Time
  reference(full: Boolean = false): String!
  workItemType: WorkItemType!
  widgets(onlyTypes: [WorkItemWidgetType!], exceptTypes: [WorkItemWidgetType!]): [WorkItemWidget!]
}

interface WorkItemWidget {
  type: WorkItemWidgetType
}

type WorkItemWidgetDescription implements WorkItemWidget {
  type: WorkItemWidgetType
  description: String
}

type WorkItemWidgetHierarchy implements WorkItemWidget {
  type: WorkItemWidgetType
  parent: WorkItem
  children(after: String, before: String, first: Int, last: Int): WorkItemConnection
  hasChildren: Boolean!
  hasParent: Boolean!
  rolledUpCountsByType: [WorkItemTypeCountsByState!]!
}

type WorkItemWidgetWeight implements WorkItemWidget {
  type: WorkItemWidgetType
  weight: Int
  rolledUpWeight: Int
  rolledUpCompletedWeight: Int
}

type WorkItemWidgetStartAndDueDate implements WorkItemWidget {
  type: WorkItemWidgetType
  startDate: Date
  dueDate: Date
  rollUp: Boolean!
}

type WorkItemTypeCountsByState {
  workItemType: WorkItemType!
  countsByState: WorkItemStateCountsType!
}

type WorkItemStateCountsType {
  all: Int
  opened: Int
  closed: Int
}

type WorkItemConnection {
  count: Int!
  edges: [WorkItemEdge]
  nodes: [WorkItem]
  pageInfo: PageInfo!
}

type WorkItemEdge {
  cursor: String!
  node: WorkItem
}
`;

const OLD_GITLAB_SDL = `${COMMON_SDL}
type Query {
  metadata: Metadata
  namespace(fullPath: ID!): Namespace
}

type Namespace {
  id: ID!
  fullPath: ID!
  name: String!
}
`;

let workItemsSchema: GraphQLSchema | undefined;
let oldSchema: GraphQLSchema | undefined;

/** Built once per process: building costs milliseconds, and every sandbox shares the same schema. */
export function sandboxSchema(kind: "work_items" | "no_work_items"): GraphQLSchema {
  if (kind === "no_work_items") {
    oldSchema ??= buildSchema(OLD_GITLAB_SDL);
    return oldSchema;
  }
  workItemsSchema ??= buildSchema(WORK_ITEMS_SDL);
  return workItemsSchema;
}
