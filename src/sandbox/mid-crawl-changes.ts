/**
 * The `mutate_between_pages` fault: what GitLab's list goes through while a crawl is between pages (an MR updated,
 * one created, one relabelled), applied to the world with its own mutation helpers so `updated_at` moves as GitLab's.
 */
import type { Fault, GitLabWorld } from "./types.js";
import { addMergeRequest, addUser, pathIsInGroup, setMergeRequestLabels } from "./world.js";

/** The group of a `/api/v4/groups/:id/merge_requests` path, or null. */
function groupOfListPath(path: string): string | null {
  const match = /^\/api\/v4\/groups\/([^/]+)\/merge_requests$/.exec(path);
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
}

/** Applies the fault; `lastServed` is the ids of the previous list answer on the same path, in its order. */
export function mutateBetweenPages(
  world: GitLabWorld,
  path: string,
  lastServed: readonly number[],
  fault: Extract<Fault, { kind: "mutate_between_pages" }>,
): void {
  const group = groupOfListPath(path);
  if (group === null) return;
  const inGroup = (projectId: number) =>
    world.projects.some((p) => p.id === projectId && pathIsInGroup(p.path_with_namespace, group));
  const served = world.mergeRequests.find((mr) => mr.id === lastServed[0]);
  if (served) setMergeRequestLabels(world, served.id, served.labels, fault.at);
  const project = world.projects.find((p) => pathIsInGroup(p.path_with_namespace, group));
  if (project) {
    const author = addUser(world, { username: `mid-crawl-${world.users.length + 1}` });
    addMergeRequest(world, {
      project_id: project.id,
      author,
      state: "merged",
      created_at: fault.at,
      merged_at: fault.at,
      updated_at: fault.at,
      labels: [fault.label],
    });
  }
  const unlabelled = world.mergeRequests.find(
    (mr) => mr.state === "merged" && !mr.labels.includes(fault.label) && inGroup(mr.project_id),
  );
  if (unlabelled) setMergeRequestLabels(world, unlabelled.id, [...unlabelled.labels, fault.label], fault.at);
}
