/**
 * The working group's three workstreams and the epic each is tracked by. Policy as data: the renderer only knows
 * "an epic whose ref ends in &1796 is the contributors workstream"; epics that match none are still listed.
 */
import type { EpicReport } from "../model/report.js";

export interface Workstream {
  name: string;
  /** matches an epic whose ref ends with this (`&` included, so &1795 never matches &11795) */
  epicRefSuffix: string;
  /** the contributor numbers belong with this workstream */
  showsContributors: boolean;
}

export const WORKSTREAMS: readonly Workstream[] = [
  { name: "Technical content (brand awareness)", epicRefSuffix: "&1795", showsContributors: false },
  { name: "DevOps Architect certification", epicRefSuffix: "&1277", showsContributors: false },
  { name: "1,000 contributors/month", epicRefSuffix: "&1796", showsContributors: true },
];

export interface WorkstreamEpic {
  /** null for a configured epic that belongs to no known workstream */
  workstream: Workstream | null;
  epic: EpicReport;
}

/** Epics in workstream order first, then the rest in report order. */
export function matchWorkstreams(
  epics: readonly EpicReport[],
  workstreams: readonly Workstream[] = WORKSTREAMS,
): WorkstreamEpic[] {
  const matched: WorkstreamEpic[] = [];
  const used = new Set<EpicReport>();
  for (const workstream of workstreams) {
    const epic = epics.find((candidate) => !used.has(candidate) && candidate.ref.endsWith(workstream.epicRefSuffix));
    if (epic === undefined) continue;
    used.add(epic);
    matched.push({ workstream, epic });
  }
  for (const epic of epics) if (!used.has(epic)) matched.push({ workstream: null, epic });
  return matched;
}
