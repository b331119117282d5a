/** Epic progress from the stored epics, in configuration order. */
import type { EpicRecord } from "../model/records.js";
import type { EpicReport } from "../model/report.js";
import type { EpicRef } from "../model/settings.js";

export const NOT_SYNCED_REASON = "not synced yet";

/** closed / total × 100 with one decimal; null while the epic has no issues ("no issues yet"). */
export function epicPercent(closed: number, total: number): number | null {
  return total > 0 ? Math.round((closed / total) * 1000) / 10 : null;
}

/**
 * An epic that could not be read (GitLab refused it, or it is not synced yet): its reference as title, a link to
 * where it would be, and why. The epic sources (src/gitlab/) store it; epicProgress shows it for a missing one.
 */
export function unavailableEpic(ref: EpicRef, gitlabUrl: string, reason: string, syncedAt: string): EpicRecord {
  return {
    ref: ref.ref,
    title: ref.ref,
    state: "opened",
    startDate: null,
    dueDate: null,
    webUrl: `${gitlabUrl.replace(/\/+$/, "")}/groups/${ref.group}/-/epics/${ref.iid}`,
    closedIssues: 0,
    totalIssues: 0,
    closedWeight: 0,
    totalWeight: 0,
    available: false,
    unavailableReason: reason,
    syncedAt,
  };
}

function epicReport(epic: EpicRecord): EpicReport {
  return {
    ref: epic.ref,
    title: epic.title,
    state: epic.state,
    webUrl: epic.webUrl,
    closedIssues: epic.closedIssues,
    totalIssues: epic.totalIssues,
    percent: epicPercent(epic.closedIssues, epic.totalIssues),
    available: epic.available,
    unavailableReason: epic.available ? null : (epic.unavailableReason ?? "unavailable"),
    startDate: epic.startDate,
    dueDate: epic.dueDate,
    closedWeight: epic.closedWeight,
    totalWeight: epic.totalWeight,
  };
}

/**
 * One entry per configured epic. A configured epic the store does not hold yet is shown as unavailable (title = its
 * ref) rather than silently dropped, so a typo in EPICS or a missing token is visible.
 */
export function epicProgress(
  configured: readonly EpicRef[],
  stored: readonly EpicRecord[],
  gitlabUrl: string,
): EpicReport[] {
  const byRef = new Map(stored.map((epic) => [epic.ref, epic]));
  return configured.map((ref) =>
    epicReport(byRef.get(ref.ref) ?? unavailableEpic(ref, gitlabUrl, NOT_SYNCED_REASON, "")),
  );
}
