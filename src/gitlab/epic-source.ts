/**
 * Where configured epics and their child issues come from. GitLab deprecated the epics REST API in favour of
 * Work Items: everything epic-specific sits behind EpicSource. This file holds the REST implementation;
 * work-items-epic-source.ts reads GraphQL, and epic-source-choice.ts picks one (EPIC_SOURCE).
 */

import type { Logger } from "../log.js";
import { unavailableEpic } from "../metrics/epic-progress.js";
import type { EpicRecord } from "../model/records.js";
import type { EpicRef } from "../model/settings.js";
import { type GitLabClient, groupSegment } from "./client.js";
import { GitLabAuthError, GitLabRequestError } from "./errors.js";

export interface EpicSource {
  /** Resolves to an unavailable record (never rejects) when GitLab refuses or does not know this epic. */
  fetch(ref: EpicRef): Promise<EpicRecord>;
  /** which API the figures came from, for the sync summary, e.g. "REST epics API" */
  via?(): string;
}

/** Closed / total issues and weights of an epic's issues (each once); an issue without a weight weighs 0. */
export function issueTotals(issues: Iterable<{ closed: boolean; weight: number | null }>) {
  const totals = { closedIssues: 0, totalIssues: 0, closedWeight: 0, totalWeight: 0 };
  for (const issue of issues) {
    const weight = issue.weight ?? 0;
    totals.totalIssues += 1;
    totals.totalWeight += weight;
    if (issue.closed) {
      totals.closedIssues += 1;
      totals.closedWeight += weight;
    }
  }
  return totals;
}

interface RestEpic {
  id: number;
  iid: number;
  group_id: number;
  title: string;
  state: "opened" | "closed";
  web_url: string;
  start_date: string | null;
  due_date: string | null;
  end_date?: string | null;
}

interface RestIssue {
  id: number;
  state: "opened" | "closed";
  weight: number | null;
}

function isRestEpic(value: unknown): value is RestEpic {
  const epic = value as Partial<RestEpic> | null;
  return (
    typeof epic === "object" &&
    epic !== null &&
    typeof epic.id === "number" &&
    typeof epic.title === "string" &&
    typeof epic.web_url === "string" &&
    (epic.state === "opened" || epic.state === "closed")
  );
}

/** 401/403/404: this epic cannot be read (no token, no licence, confidential, deleted) — not a failed sync. */
export function unavailableReason(error: unknown): string | null {
  if (error instanceof GitLabAuthError) return error.message;
  if (error instanceof GitLabRequestError && (error.status === 403 || error.status === 404)) {
    return error.status === 403
      ? "GitLab answered 403 Forbidden (confidential, or the group lacks Premium/Ultimate, or the token lacks access)"
      : "GitLab answered 404 Not Found (the epic or group does not exist, or is not visible to this token)";
  }
  return null;
}

export function createRestEpicSource(deps: { client: GitLabClient; logger: Logger; now: () => Date }): EpicSource {
  const { client, logger } = deps;
  const epicPath = (group: string | number, iid: number) => `groups/${groupSegment(group)}/epics/${iid}`;

  const collectIssues = async (group: string | number, iid: number, issues: Map<number, RestIssue>) => {
    for await (const page of client.pages<RestIssue>(`${epicPath(group, iid)}/issues`, { per_page: 100 })) {
      for (const issue of page) issues.set(issue.id, issue);
    }
  };

  return {
    via: () => "REST epics API",
    async fetch(ref: EpicRef): Promise<EpicRecord> {
      const syncedAt = deps.now().toISOString();
      try {
        const epic = await client.get<RestEpic>(epicPath(ref.group, ref.iid));
        if (!isRestEpic(epic)) {
          // a proxy or a changed API answering 200 with something else must not become a stored epic
          throw new GitLabRequestError(
            `GitLab answered GET ${epicPath(ref.group, ref.iid)} with something that is not an epic`,
            `GET ${epicPath(ref.group, ref.iid)}`,
            200,
            1,
          );
        }
        const issues = new Map<number, RestIssue>();
        await collectIssues(ref.group, ref.iid, issues);
        // child epics (GET …/epics/:iid/epics; gitbeaker's EpicLinks route does not exist), breadth first
        const visited = new Set<number>([epic.id]);
        const queue: Array<{ group: string | number; iid: number }> = [{ group: ref.group, iid: ref.iid }];
        while (queue.length > 0) {
          const parent = queue.shift() as { group: string | number; iid: number };
          try {
            for await (const page of client.pages<RestEpic>(`${epicPath(parent.group, parent.iid)}/epics`, {
              per_page: 100,
            })) {
              for (const child of page) {
                if (visited.has(child.id)) continue;
                visited.add(child.id);
                try {
                  await collectIssues(child.group_id, child.iid, issues);
                  queue.push({ group: child.group_id, iid: child.iid });
                } catch (error) {
                  const reason = unavailableReason(error);
                  if (reason === null) throw error;
                  logger.warn({ epic: ref.ref, childEpic: child.id, reason }, "child epic not readable; not counted");
                }
              }
            }
          } catch (error) {
            // the epic itself was readable: a refused child-epic listing (403/404, e.g. an instance without the
            // route) leaves its direct issues counted instead of losing the whole epic
            const reason = unavailableReason(error);
            if (reason === null) throw error;
            logger.warn(
              { epic: ref.ref, parent: parent.iid, reason },
              "child epics not readable; counting direct issues",
            );
          }
        }
        return {
          ref: ref.ref,
          title: epic.title,
          state: epic.state,
          startDate: epic.start_date,
          dueDate: epic.due_date ?? epic.end_date ?? null,
          webUrl: epic.web_url,
          ...issueTotals([...issues.values()].map((i) => ({ closed: i.state === "closed", weight: i.weight }))),
          available: true,
          unavailableReason: null,
          syncedAt,
        };
      } catch (error) {
        const reason = unavailableReason(error);
        if (reason === null) throw error;
        logger.warn({ epic: ref.ref, reason }, "epic unavailable");
        return unavailableEpic(ref, client.url, reason, syncedAt);
      }
    },
  };
}
