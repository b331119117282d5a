/** Small builders for hand-computed fixtures: a month's range, a contribution, an empty snapshot, report settings. */
import { addMonths, monthStartMs } from "../../src/metrics/calendar.js";
import type { Contribution, StoreSnapshot } from "../../src/model/records.js";
import type { EpicRef, ReportSettings } from "../../src/model/settings.js";

/** [startMs, endMs) of month `key` in `timeZone`: endMs is the next month's start. */
export function monthRange(key: string, timeZone: string): { startMs: number; endMs: number } {
  return { startMs: monthStartMs(key, timeZone), endMs: monthStartMs(addMonths(key, 1), timeZone) };
}

/** A contribution by user `id` (username user<id>) merged at the ISO instant `mergedAt`. */
export function mr(id: number, mergedAt: string, firstContributionLabel = false): Contribution {
  const mergedAtMs = Date.parse(mergedAt);
  if (!Number.isFinite(mergedAtMs)) throw new Error(`bad fixture instant ${mergedAt}`);
  return {
    authorId: id,
    username: `user${id}`,
    name: `User ${id}`,
    mergedAtMs,
    firstContributionLabel,
    projectId: 278964,
    projectPath: "gitlab-org/gitlab",
    groupPath: "gitlab-org",
    communityLabel: true,
    botLabel: false,
  };
}

export function snapshot(overrides: Partial<StoreSnapshot> = {}): StoreSnapshot {
  return {
    contributions: [],
    unmergedMrs: [],
    historyStartMs: Date.parse("2020-01-01T00:00:00Z"),
    labelledItems: [],
    epics: [],
    syncRuns: [],
    dataAsOf: null,
    lastDigestAt: null,
    kpiValues: [],
    ...overrides,
  };
}

export const EPIC_1795: EpicRef = { group: "gitlab-com", iid: 1795, ref: "gitlab-com&1795" };
export const EPIC_1796: EpicRef = { group: "gitlab-com", iid: 1796, ref: "gitlab-com&1796" };

export function reportConfig(overrides: Partial<ReportSettings> = {}): ReportSettings {
  return {
    monthlyTarget: 1000,
    timezone: "UTC",
    epics: [EPIC_1795, EPIC_1796],
    gitlabUrl: "https://gitlab.example",
    contributorGroups: ["gitlab-org", "gitlab-com"],
    contributorProjects: undefined,
    botUsernames: [],
    botUserIds: [],
    botLabel: "automation:bot-authored",
    communityLabel: "Community contribution",
    workstreams: [],
    ...overrides,
  };
}
