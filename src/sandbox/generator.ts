/**
 * A realistic, deterministic GitLab world for the sandbox: `months` of community MR history up to `now`
 * (the current month partial), the working group's labelled issues and epics, the configured epics, and the MRs
 * GitLab's KPI rules decide (bot-labelled, group bots, service accounts, an archived project).
 * Same seed and options, same world, byte for byte.
 */
import {
  BOT_USERNAMES,
  defaultProjects,
  FIRST_NAMES,
  GROUP_WEIGHTS,
  KNOWN_GROUP_IDS,
  KNOWN_PROJECTS,
  LAST_NAMES,
  UNCONFIGURED_PROJECT,
} from "./catalog.js";
import { generateEngagementItems } from "./generate-engagement.js";
import { generateKpiCases } from "./generate-kpi-cases.js";
import { generateMergeRequests, VOLUME } from "./generate-merge-requests.js";
import { calendarMonths } from "./month-calendar.js";
import { createRandom, cumulative, type Random } from "./seeded-random.js";
import type { GitLabWorld, GlUser } from "./types.js";
import { addGroup, addProject, addUser, emptyWorld } from "./world.js";

export { type MonthSummary, type SummaryOptions, summarizeWorld } from "./truth.js";

export interface GenerateOptions {
  seed: number;
  now: Date;
  /** months of history including the current, partial one; default 24 */
  months?: number;
  scale?: "normal" | "large";
  /** groups whose community MRs count; default gitlab-org, gitlab-com */
  groups?: string[];
  communityLabel?: string;
  engagementGroup?: string;
  engagementLabel?: string;
  /** configured epics, "group-path&iid"; default the three of DEFAULTS.EPICS in src/config.ts */
  epics?: string[];
  /** an epic ref that answers 403 (as a confidential or unlicensed epic does); default none */
  forbidEpic?: string;
}

export const DEFAULT_EPICS = [
  "gitlab-com&1795",
  "gitlab-com&1796",
  "gitlab-com/customer-success/professional-services-group&1277",
];

export function generateWorld(options: GenerateOptions): GitLabWorld {
  const random = createRandom(options.seed);
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("generateWorld: now is not a valid date");
  const monthCount = options.months ?? 24;
  if (!Number.isInteger(monthCount) || monthCount < 1) throw new RangeError("generateWorld: months must be >= 1");
  const groups = options.groups ?? ["gitlab-org", "gitlab-com"];
  const scale = options.scale ?? "normal";

  const world = emptyWorld();
  world.meta.seed = options.seed;
  world.meta.nowIso = options.now.toISOString();
  world.epicsRequireToken = false;

  const projects = configuredProjects(world, groups);
  const unconfigured = addProject(world, UNCONFIGURED_PROJECT);
  addUser(world, { id: 1001, username: "root", name: "Administrator" });
  const bots = BOT_USERNAMES.map((username) => addUser(world, { username, name: username, bot: true }));
  const employees = makeEmployees(world, random, scale === "large" ? 800 : 120);

  const months = calendarMonths(options.now, monthCount);
  const hackathonIndex = pickHackathonMonth(random, months);
  if (hackathonIndex >= 0) world.meta.hackathonMonth = months[hackathonIndex]?.key;

  generateMergeRequests({
    world,
    random,
    months,
    nowMs,
    volume: VOLUME[scale],
    communityLabel: options.communityLabel ?? "Community contribution",
    hackathonIndex,
    projects,
    unconfiguredProjectId: unconfigured.id,
    employees,
    bots,
  });
  generateEngagementItems({
    world,
    random,
    nowMs,
    engagementGroup: options.engagementGroup ?? "gitlab-com",
    engagementLabel: options.engagementLabel ?? "User engagement",
    epics: options.epics ?? DEFAULT_EPICS,
    forbidEpic: options.forbidEpic,
    employees,
    otherProjectId: unconfigured.id,
  });
  generateKpiCases({
    world,
    seed: options.seed,
    months,
    nowMs,
    groups,
    communityLabel: options.communityLabel ?? "Community contribution",
  });
  return world;
}

function configuredProjects(world: GitLabWorld, groups: string[]) {
  const ids: number[] = [];
  const weights: number[] = [];
  for (const groupPath of groups) {
    addGroup(world, groupPath, KNOWN_GROUP_IDS[groupPath]);
    const shares = KNOWN_PROJECTS[groupPath] ?? defaultProjects();
    const total = shares.reduce((sum, s) => sum + s.weight, 0);
    for (const share of shares) {
      ids.push(addProject(world, `${groupPath}/${share.path}`).id);
      weights.push(((GROUP_WEIGHTS[groupPath] ?? 1) * share.weight) / total);
    }
  }
  return { ids, cumulativeWeights: cumulative(weights) };
}

function makeEmployees(world: GitLabWorld, random: Random, count: number): GlUser[] {
  const employees: GlUser[] = [];
  for (let i = 0; i < count; i++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    employees.push(
      addUser(world, { username: `${first[0] ?? ""}${last}-gl${i}`.toLowerCase(), name: `${first} ${last}` }),
    );
  }
  return employees;
}

/** One complete, non-December month in the last year of the window (none when there is no such month). */
function pickHackathonMonth(random: Random, months: ReturnType<typeof calendarMonths>): number {
  const candidates: number[] = [];
  for (let i = Math.max(0, months.length - 13); i < months.length - 1; i++) {
    if (months[i]?.monthOfYear !== 11) candidates.push(i);
  }
  return candidates.length === 0 ? -1 : random.pick(candidates);
}
