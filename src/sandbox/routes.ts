/**
 * The part of GitLab's REST API v4 the bot uses, answered from a world: group merge requests, issues and
 * epics (with child issues and child epics), one project's merge request, and /version. Returns a response to
 * send; knows nothing of sockets.
 */
import type { ListKind, ListQuery } from "./list-query.js";
import {
  BadQueryError,
  EPIC_LIST,
  ISSUE_LIST,
  MERGE_REQUEST_LIST,
  parseListQuery,
  parsePageParams,
} from "./list-query.js";
import { paginate } from "./pagination.js";
import type { GitLabWorld, GlEpic, GlGroup } from "./types.js";
import { epicIssueLinkId, SANDBOX_WEB_URL } from "./world.js";
import type { WorldIndex } from "./world-index.js";

export interface ApiRequest {
  method: string;
  /** path without query, still URL-encoded */
  path: string;
  params: URLSearchParams;
  authenticated: boolean;
  /** scheme://host[:port] as the client addressed us */
  origin: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const SANDBOX_VERSION = { version: "17.6.0-sandbox", revision: "sandbox" };

const JSON_TYPE = "application/json";

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { "content-type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

const notFound = () => json(404, { message: "404 Not found" });
const routeNotFound = () => json(404, { error: "404 Not Found" });

export function route(world: GitLabWorld, index: WorldIndex, request: ApiRequest): ApiResponse {
  if (request.method !== "GET" && request.method !== "HEAD") return routeNotFound();
  const segments = request.path.split("/").filter((s) => s.length > 0);
  if (segments[0] !== "api" || segments[1] !== "v4") return routeNotFound();
  const rest = segments.slice(2);
  try {
    if (rest.length === 1 && rest[0] === "version") return json(200, SANDBOX_VERSION);
    if (rest[0] === "groups" && rest[1] !== undefined) return groupRoute(world, index, request, rest[1], rest.slice(2));
    if (rest[0] === "projects" && rest[1] !== undefined && rest[2] === "merge_requests" && rest.length === 4) {
      return projectMergeRequest(world, decodeURIComponent(rest[1]), rest[3] ?? "");
    }
    return routeNotFound();
  } catch (error) {
    if (error instanceof BadQueryError) return json(400, { error: error.message });
    if (error instanceof URIError) return json(400, { error: "malformed URL" });
    throw error;
  }
}

function groupRoute(
  world: GitLabWorld,
  index: WorldIndex,
  request: ApiRequest,
  rawId: string,
  rest: string[],
): ApiResponse {
  const [resource, epicIid, child, ...extra] = rest;
  const isEpicRoute = resource === "epics";
  if (isEpicRoute && world.epicsRequireToken && !request.authenticated) {
    return json(401, { message: "401 Unauthorized" });
  }
  const group = index.group(decodeURIComponent(rawId));
  if (!group) return notFound();
  if (resource === undefined) return json(200, groupJson(group));
  if (extra.length > 0) return routeNotFound();

  if (resource === "merge_requests" && epicIid === undefined) {
    return list(request, MERGE_REQUEST_LIST, (q) => index.listMergeRequests(group, q));
  }
  if (resource === "issues" && epicIid === undefined) {
    return list(request, ISSUE_LIST, (q) => index.listIssues(group, q));
  }
  if (!isEpicRoute) return routeNotFound();
  if (epicIid === undefined) return list(request, EPIC_LIST, (q) => index.listEpics(group, q));

  const epic = /^\d+$/.test(epicIid) ? findEpic(world, group, Number(epicIid)) : undefined;
  if (!epic) return notFound();
  if (world.forbiddenEpicIds.has(epic.id)) return json(403, { message: "403 Forbidden" });
  if (child === undefined) return json(200, epic);
  if (child === "issues") {
    const issues = (world.epicIssues.get(epic.id) ?? []).flatMap((issueId) => {
      const issue = index.issue(issueId);
      return issue ? [{ ...issue, epic_issue_id: epicIssueLinkId(world, epic.id, issueId) }] : [];
    });
    return pageOf(request, issues);
  }
  if (child === "epics") {
    return pageOf(
      request,
      world.epics.filter((e) => e.parent_id === epic.id),
    );
  }
  return routeNotFound();
}

/** `GET /projects/:id/merge_requests/:iid` (id or URL-encoded path): one MR, whatever its state and labels. */
function projectMergeRequest(world: GitLabWorld, projectId: string, iid: string): ApiResponse {
  const project = world.projects.find((p) => String(p.id) === projectId || p.path_with_namespace === projectId);
  if (!project || !/^\d+$/.test(iid)) return notFound();
  const mr = world.mergeRequests.find((m) => m.project_id === project.id && m.iid === Number(iid));
  return mr ? json(200, mr) : notFound();
}

function findEpic(world: GitLabWorld, group: GlGroup, iid: number): GlEpic | undefined {
  return world.epics.find((e) => e.group_id === group.id && e.iid === iid);
}

function list<T>(request: ApiRequest, kind: ListKind, select: (query: ListQuery) => readonly T[]): ApiResponse {
  return pageOf(request, select(parseListQuery(request.params, kind)));
}

function pageOf<T>(request: ApiRequest, all: readonly T[]): ApiResponse {
  const { page, perPage } = parsePageParams(request.params);
  const result = paginate(all, { page, perPage, origin: request.origin, path: request.path, params: request.params });
  return json(200, result.items, result.headers);
}

function groupJson(group: GlGroup) {
  const path = group.full_path.slice(group.full_path.lastIndexOf("/") + 1);
  return {
    id: group.id,
    name: path,
    path,
    full_path: group.full_path,
    full_name: group.full_path.split("/").join(" / "),
    visibility: "public",
    web_url: `${SANDBOX_WEB_URL}/groups/${group.full_path}`,
  };
}
