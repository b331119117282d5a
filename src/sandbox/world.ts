/**
 * The sandbox GitLab world and the mutations GitLab itself would make: every change moves `updated_at`
 * to the time passed in, as GitLab does, so incremental syncs (`updated_after`) see it.
 * A per-world version counter lets the server rebuild its indexes only after a change.
 */
import type { GitLabWorld, GlEpic, GlGroup, GlIssue, GlMergeRequest, GlProject, GlUser } from "./types.js";

/** Base of every web_url the sandbox hands out (it imitates gitlab.com). */
export const SANDBOX_WEB_URL = "https://gitlab.com";

export class SandboxWorldError extends Error {
  override name = "SandboxWorldError";
}

export type Instant = string | Date;

export function emptyWorld(): GitLabWorld {
  return {
    groups: [],
    projects: [],
    users: [],
    mergeRequests: [],
    issues: [],
    epics: [],
    epicIssues: new Map(),
    forbiddenEpicIds: new Set(),
    epicsRequireToken: false,
    meta: { seed: 0, botUserIds: new Set(), nowIso: new Date(0).toISOString() },
  };
}

// --- bookkeeping kept beside the world (not in it: the world stays GitLab's plain JSON) ---

interface Bookkeeping {
  version: number;
  /** highest id seen per collection, and how many items of it were scanned */
  maxIds: Map<string, { scanned: number; max: number }>;
  /** per-scope highest iid ("mr:<projectId>", "issue:<projectId>", "epic:<groupId>") */
  maxIids: Map<string, number>;
  iidsScanned: Map<string, number>;
  epicIssueLinkIds: Map<string, number>;
  nextEpicIssueLinkId: number;
}

const bookkeeping = new WeakMap<GitLabWorld, Bookkeeping>();

function books(world: GitLabWorld): Bookkeeping {
  let found = bookkeeping.get(world);
  if (!found) {
    found = {
      version: 0,
      maxIds: new Map(),
      maxIids: new Map(),
      iidsScanned: new Map(),
      epicIssueLinkIds: new Map(),
      nextEpicIssueLinkId: 1,
    };
    bookkeeping.set(world, found);
  }
  return found;
}

/** Changes whenever a helper mutated the world; the server compares it to know its indexes are stale. */
export function worldVersion(world: GitLabWorld): number {
  return books(world).version;
}

function touch(world: GitLabWorld): void {
  books(world).version += 1;
}

/** Next free id of a collection; scans only items appended since the last call (arrays may be pushed to directly). */
function nextId(world: GitLabWorld, kind: string, items: ReadonlyArray<{ id: number }>): number {
  const b = books(world);
  const seen = b.maxIds.get(kind) ?? { scanned: 0, max: 0 };
  for (let i = seen.scanned; i < items.length; i++) seen.max = Math.max(seen.max, items[i]?.id ?? 0);
  seen.scanned = items.length;
  b.maxIds.set(kind, seen);
  return seen.max + 1;
}

function noteId(world: GitLabWorld, kind: string, id: number): void {
  const seen = books(world).maxIds.get(kind);
  if (seen) seen.max = Math.max(seen.max, id);
}

/** Adds a new item: its id and iid noted in the books (`iidScope` is where its iid counts), the version bumped. */
function added<T extends { id: number; iid: number }>(
  world: GitLabWorld,
  items: T[],
  kind: string,
  item: T,
  iidScope: string,
): T {
  items.push(item);
  noteId(world, kind, item.id);
  const maxIids = books(world).maxIids;
  maxIids.set(iidScope, Math.max(maxIids.get(iidScope) ?? 0, item.iid));
  touch(world);
  return item;
}

function byId<T extends { id: number }>(items: readonly T[], id: number, what: string): T {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new SandboxWorldError(`no ${what} with id ${id}`);
  return item;
}

function nextIid<T extends { iid: number }>(
  world: GitLabWorld,
  kind: string,
  items: readonly T[],
  scopeOf: (item: T) => number,
  scope: number,
): number {
  const b = books(world);
  const scanned = b.iidsScanned.get(kind) ?? 0;
  for (let i = scanned; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    const key = `${kind}:${scopeOf(item)}`;
    b.maxIids.set(key, Math.max(b.maxIids.get(key) ?? 0, item.iid));
  }
  b.iidsScanned.set(kind, items.length);
  return (b.maxIids.get(`${kind}:${scope}`) ?? 0) + 1;
}

function iso(at: Instant): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new SandboxWorldError(`not a valid time: ${String(at)}`);
  return date.toISOString();
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function namespaceOf(pathWithNamespace: string): string {
  return pathWithNamespace.slice(0, pathWithNamespace.lastIndexOf("/"));
}

// --- users, groups, projects ---

export function addUser(world: GitLabWorld, partial: Partial<GlUser> & { username: string; bot?: boolean }): GlUser {
  const { bot, ...fields } = partial;
  const id = fields.id ?? nextId(world, "user", world.users);
  const user: GlUser = {
    id,
    username: fields.username,
    name: fields.name ?? fields.username,
    state: fields.state ?? "active",
    avatar_url: fields.avatar_url ?? null,
    web_url: fields.web_url ?? `${SANDBOX_WEB_URL}/${fields.username}`,
  };
  world.users.push(user);
  noteId(world, "user", id);
  if (bot) world.meta.botUserIds.add(id);
  touch(world);
  return user;
}

/** Adds the group (and its missing parent groups); returns the existing one when the path is known. */
export function addGroup(world: GitLabWorld, fullPath: string, id?: number): GlGroup {
  const existing = findGroupByPath(world, fullPath);
  if (existing) return existing;
  if (fullPath.includes("/")) addGroup(world, namespaceOf(fullPath));
  const group: GlGroup = { id: id ?? nextId(world, "group", world.groups), full_path: fullPath };
  world.groups.push(group);
  noteId(world, "group", group.id);
  touch(world);
  return group;
}

/** Adds the project (and its namespace's groups); returns the existing one when the path is known. */
export function addProject(
  world: GitLabWorld,
  pathWithNamespace: string,
  id?: number,
  options: { archived?: boolean } = {},
): GlProject {
  const existing = world.projects.find((p) => p.path_with_namespace === pathWithNamespace);
  if (existing) return existing;
  if (!pathWithNamespace.includes("/")) {
    throw new SandboxWorldError(`project path needs a namespace: ${pathWithNamespace}`);
  }
  addGroup(world, namespaceOf(pathWithNamespace));
  const project: GlProject = {
    id: id ?? nextId(world, "project", world.projects),
    path_with_namespace: pathWithNamespace,
    archived: options.archived ?? false,
  };
  world.projects.push(project);
  noteId(world, "project", project.id);
  touch(world);
  return project;
}

export function findGroupByPath(world: GitLabWorld, fullPath: string): GlGroup | undefined {
  return world.groups.find((g) => g.full_path === fullPath);
}

function requireProject(world: GitLabWorld, projectId: number): GlProject {
  const project = world.projects.find((p) => p.id === projectId);
  if (!project) throw new SandboxWorldError(`no project with id ${projectId}`);
  return project;
}

/** The group that directly holds the project. */
export function groupOf(world: GitLabWorld, projectId: number): GlGroup | undefined {
  const project = world.projects.find((p) => p.id === projectId);
  if (!project) return undefined;
  return findGroupByPath(world, namespaceOf(project.path_with_namespace));
}

/** True when the project lives in the group or any of its subgroups. */
export function projectIsInGroup(world: GitLabWorld, projectId: number, groupPath: string): boolean {
  const project = world.projects.find((p) => p.id === projectId);
  return project !== undefined && pathIsInGroup(project.path_with_namespace, groupPath);
}

/** Project path (namespace/name) within the group or a subgroup of it. */
export function pathIsInGroup(pathWithNamespace: string, groupPath: string): boolean {
  const namespace = namespaceOf(pathWithNamespace);
  return namespace === groupPath || namespace.startsWith(`${groupPath}/`);
}

/**
 * What a new merge request and a new issue work out alike from what a test gave: the project, the next id and
 * per-project iid, and the created, state and closed fields with GitLab's defaults.
 */
function newProjectItem<T extends { id: number; iid: number; project_id: number }, S extends string>(
  world: GitLabWorld,
  kind: string,
  items: readonly T[],
  partial: {
    project_id: number;
    id?: number;
    iid?: number;
    created_at?: string;
    updated_at?: string;
    state?: S;
    closed_at?: string | null;
  },
): { project: GlProject; id: number; iid: number; createdAt: string; state: S | "opened"; closedAt: string | null } {
  const project = requireProject(world, partial.project_id);
  const createdAt = partial.created_at ?? world.meta.nowIso;
  const state = partial.state ?? "opened";
  return {
    project,
    id: partial.id ?? nextId(world, kind, items),
    iid: partial.iid ?? nextIid(world, kind, items, (item) => item.project_id, project.id),
    createdAt,
    state,
    closedAt: partial.closed_at ?? (state === "closed" ? (partial.updated_at ?? createdAt) : null),
  };
}

// --- merge requests ---

export type NewMergeRequest = Partial<GlMergeRequest> & { project_id: number; author: GlUser };

export function addMergeRequest(world: GitLabWorld, partial: NewMergeRequest): GlMergeRequest {
  const { project, id, iid, createdAt, state, closedAt } = newProjectItem(world, "mr", world.mergeRequests, partial);
  const mergedAt = partial.merged_at ?? (state === "merged" ? (partial.updated_at ?? createdAt) : null);
  const mr: GlMergeRequest = {
    id,
    iid,
    project_id: project.id,
    title: partial.title ?? `Merge request !${iid}`,
    description: partial.description ?? "",
    state,
    created_at: createdAt,
    updated_at: partial.updated_at ?? mergedAt ?? closedAt ?? createdAt,
    merged_at: mergedAt,
    closed_at: closedAt,
    author: partial.author,
    labels: [...(partial.labels ?? [])],
    web_url: partial.web_url ?? `${SANDBOX_WEB_URL}/${project.path_with_namespace}/-/merge_requests/${iid}`,
    references: partial.references ?? references(project.path_with_namespace, `!${iid}`),
    source_project_id: partial.source_project_id ?? project.id,
    target_project_id: partial.target_project_id ?? project.id,
    target_branch: partial.target_branch ?? "main",
    source_branch: partial.source_branch ?? `${partial.author.username}-branch-${iid}`,
    draft: partial.draft ?? false,
  };
  return added(world, world.mergeRequests, "mr", mr, `mr:${project.id}`);
}

function references(pathWithNamespace: string, short: string): GlMergeRequest["references"] {
  return { short, relative: `${lastSegment(pathWithNamespace)}${short}`, full: `${pathWithNamespace}${short}` };
}

function requireMergeRequest(world: GitLabWorld, id: number): GlMergeRequest {
  return byId(world.mergeRequests, id, "merge request");
}

export function mergeMergeRequest(world: GitLabWorld, id: number, at: Instant): GlMergeRequest {
  const mr = requireMergeRequest(world, id);
  if (mr.state !== "opened") throw new SandboxWorldError(`merge request ${id} is ${mr.state}, only opened ones merge`);
  return changed(world, mr, at, (when) => Object.assign(mr, { state: "merged", merged_at: when }));
}

export function setMergeRequestLabels(world: GitLabWorld, id: number, labels: string[], at: Instant): GlMergeRequest {
  return relabelled(world, requireMergeRequest(world, id), labels, at);
}

/** Applies `change` (given the instant as GitLab writes it), stamps `updated_at` and bumps the world's version. */
function changed<T extends { updated_at: string }>(
  world: GitLabWorld,
  item: T,
  at: Instant,
  change: (when: string) => void,
): T {
  const when = iso(at);
  change(when);
  item.updated_at = when;
  touch(world);
  return item;
}

function relabelled<T extends { labels: string[]; updated_at: string }>(
  world: GitLabWorld,
  item: T,
  labels: string[],
  at: Instant,
): T {
  return changed(world, item, at, () => {
    item.labels = [...labels];
  });
}

/** Deletes a merge request, as an admin can: GitLab answers 404 for it from then on. */
export function deleteMergeRequest(world: GitLabWorld, id: number): void {
  const index = world.mergeRequests.findIndex((m) => m.id === id);
  if (index === -1) throw new SandboxWorldError(`no merge request with id ${id}`);
  world.mergeRequests.splice(index, 1);
  touch(world);
}

// --- issues ---

export type NewIssue = Partial<GlIssue> & { project_id: number; author: GlUser };

export function addIssue(world: GitLabWorld, partial: NewIssue): GlIssue {
  const { project, id, iid, createdAt, state, closedAt } = newProjectItem(world, "issue", world.issues, partial);
  const issue: GlIssue = {
    id,
    iid,
    project_id: project.id,
    title: partial.title ?? `Issue #${iid}`,
    description: partial.description ?? "",
    state,
    created_at: createdAt,
    updated_at: partial.updated_at ?? closedAt ?? createdAt,
    closed_at: closedAt,
    author: partial.author,
    labels: [...(partial.labels ?? [])],
    weight: partial.weight ?? null,
    web_url: partial.web_url ?? `${SANDBOX_WEB_URL}/${project.path_with_namespace}/-/issues/${iid}`,
    references: partial.references ?? references(project.path_with_namespace, `#${iid}`),
    type: "ISSUE",
    issue_type: "issue",
  };
  return added(world, world.issues, "issue", issue, `issue:${project.id}`);
}

function requireIssue(world: GitLabWorld, id: number): GlIssue {
  return byId(world.issues, id, "issue");
}

export function closeIssue(world: GitLabWorld, id: number, at: Instant): GlIssue {
  const issue = requireIssue(world, id);
  return changed(world, issue, at, (when) => Object.assign(issue, { state: "closed", closed_at: when }));
}

export function setIssueLabels(world: GitLabWorld, id: number, labels: string[], at: Instant): GlIssue {
  return relabelled(world, requireIssue(world, id), labels, at);
}

// --- epics ---

export type NewEpic = Partial<GlEpic> & { group_id: number; author: GlUser };

export function addEpic(world: GitLabWorld, partial: NewEpic): GlEpic {
  const group = world.groups.find((g) => g.id === partial.group_id);
  if (!group) throw new SandboxWorldError(`no group with id ${partial.group_id}`);
  const id = partial.id ?? nextId(world, "epic", world.epics);
  const iid = partial.iid ?? nextIid(world, "epic", world.epics, (e) => e.group_id, group.id);
  if (world.epics.some((e) => e.group_id === group.id && e.iid === iid)) {
    throw new SandboxWorldError(`epic ${group.full_path}&${iid} already exists`);
  }
  const parent = partial.parent_id != null ? requireEpic(world, partial.parent_id) : undefined;
  const createdAt = partial.created_at ?? world.meta.nowIso;
  const state = partial.state ?? "opened";
  const closedAt = partial.closed_at ?? (state === "closed" ? (partial.updated_at ?? createdAt) : null);
  const epic: GlEpic = {
    id,
    iid,
    group_id: group.id,
    parent_id: parent?.id ?? null,
    parent_iid: parent?.iid ?? null,
    title: partial.title ?? `Epic &${iid}`,
    description: partial.description ?? "",
    state,
    web_url: partial.web_url ?? `${SANDBOX_WEB_URL}/groups/${group.full_path}/-/epics/${iid}`,
    reference: `&${iid}`,
    references: { short: `&${iid}`, relative: `&${iid}`, full: `${group.full_path}&${iid}` },
    author: partial.author,
    start_date: partial.start_date ?? null,
    end_date: partial.end_date ?? partial.due_date ?? null,
    due_date: partial.due_date ?? partial.end_date ?? null,
    created_at: createdAt,
    updated_at: partial.updated_at ?? closedAt ?? createdAt,
    closed_at: closedAt,
    labels: [...(partial.labels ?? [])],
  };
  return added(world, world.epics, "epic", epic, `epic:${group.id}`);
}

function requireEpic(world: GitLabWorld, id: number): GlEpic {
  return byId(world.epics, id, "epic");
}

/** Links an issue to an epic; like GitLab, an issue has at most one epic, so it leaves any previous one. */
export function addIssueToEpic(world: GitLabWorld, epicId: number, issueId: number): void {
  requireEpic(world, epicId);
  requireIssue(world, issueId);
  for (const [otherEpicId, issueIds] of world.epicIssues) {
    if (otherEpicId !== epicId && issueIds.includes(issueId)) {
      world.epicIssues.set(
        otherEpicId,
        issueIds.filter((i) => i !== issueId),
      );
    }
  }
  const children = world.epicIssues.get(epicId) ?? [];
  if (!children.includes(issueId)) children.push(issueId);
  world.epicIssues.set(epicId, children);
  epicIssueLinkId(world, epicId, issueId);
  touch(world);
}

/** The stable id of an epic–issue link (GitLab's `epic_issue_id`). */
export function epicIssueLinkId(world: GitLabWorld, epicId: number, issueId: number): number {
  const b = books(world);
  const key = `${epicId}:${issueId}`;
  let linkId = b.epicIssueLinkIds.get(key);
  if (linkId === undefined) {
    linkId = b.nextEpicIssueLinkId++;
    b.epicIssueLinkIds.set(key, linkId);
  }
  return linkId;
}

/** Makes `parentId` the parent of the epic (null detaches it). */
export function setEpicParent(world: GitLabWorld, epicId: number, parentId: number | null, at?: Instant): GlEpic {
  const epic = requireEpic(world, epicId);
  if (parentId === epicId) throw new SandboxWorldError("an epic cannot be its own parent");
  const parent = parentId === null ? null : requireEpic(world, parentId);
  epic.parent_id = parent?.id ?? null;
  epic.parent_iid = parent?.iid ?? null;
  if (at !== undefined) epic.updated_at = iso(at);
  touch(world);
  return epic;
}
