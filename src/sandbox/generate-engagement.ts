/**
 * The working group's own items: issues and epics labelled ENGAGEMENT_LABEL in the engagement group (plus
 * look-alikes that must not count), and the configured epics with child issues and child epics.
 */
import { ENGAGEMENT_PROJECTS, ISSUE_SUBJECTS, KNOWN_GROUP_IDS } from "./catalog.js";
import { isoDate } from "./month-calendar.js";
import type { Random } from "./seeded-random.js";
import type { GitLabWorld, GlEpic, GlProject, GlUser } from "./types.js";
import { addEpic, addGroup, addIssue, addIssueToEpic, addProject, pathIsInGroup } from "./world.js";

export interface EngagementPlan {
  world: GitLabWorld;
  random: Random;
  nowMs: number;
  engagementGroup: string;
  engagementLabel: string;
  /** configured epics, "group-path&iid" */
  epics: string[];
  forbidEpic: string | undefined;
  employees: GlUser[];
  /** a project outside the engagement group, for look-alike issues */
  otherProjectId: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A title that must be escaped before it reaches Slack mrkdwn. */
export const HOSTILE_ISSUE_TITLE = "Tell <!channel> & <b>everyone</b> about the contributor survey";

/** The default EPICS' titles, in their order: the three workstreams of the shipped workstreams.yml. */
const EPIC_TITLES = [
  "Technical content (brand awareness)",
  "1,000 wider-community contributors a month",
  "DevOps Architect certification",
];

export function generateEngagementItems(plan: EngagementPlan): void {
  const { world, random } = plan;
  const projects = ENGAGEMENT_PROJECTS.map((path) => addProject(world, `${plan.engagementGroup}/${path}`));
  labelledIssues(plan, projects);
  // Configured epics first, so auto-numbered child and labelled epics never take a configured iid.
  const configured = plan.epics.map((ref) => configuredEpic(plan, ref));
  configured.forEach((top, index) => {
    fillEpic(plan, top, index);
  });
  labelledEpics(plan);
  // Look-alikes: unlabelled issues in the engagement group, labelled issues elsewhere.
  for (let i = 0; i < 8; i++) {
    const createdMs = plan.nowMs - random.int(1, 40) * DAY_MS;
    issue(plan, random.pick(projects).id, createdMs, [], random.chance(0.3));
  }
  for (let i = 0; i < 4; i++) {
    issue(plan, plan.otherProjectId, plan.nowMs - random.int(1, 20) * DAY_MS, [plan.engagementLabel], false);
  }
}

/** A few a week for twelve weeks, some closed; one recent title full of mrkdwn specials. */
function labelledIssues(plan: EngagementPlan, projects: GlProject[]): void {
  const { random } = plan;
  for (let week = 0; week < 12; week++) {
    const count = random.int(2, 4);
    for (let i = 0; i < count; i++) {
      const createdMs = plan.nowMs - week * 7 * DAY_MS - random.int(HOUR_MS, 7 * DAY_MS - HOUR_MS);
      issue(plan, random.pick(projects).id, createdMs, [plan.engagementLabel], random.chance(0.3));
    }
  }
  const hostile = issue(plan, projects[0]?.id ?? 0, plan.nowMs - 2 * DAY_MS, [plan.engagementLabel], false);
  hostile.title = HOSTILE_ISSUE_TITLE;
}

function labelledEpics(plan: EngagementPlan): void {
  const { world, random } = plan;
  const group = addGroup(world, plan.engagementGroup, KNOWN_GROUP_IDS[plan.engagementGroup]);
  for (const daysAgo of [3, 19, 45]) {
    const createdMs = plan.nowMs - daysAgo * DAY_MS - random.int(0, DAY_MS);
    addEpic(world, {
      group_id: group.id,
      author: random.pick(plan.employees),
      title: `Engagement idea: ${random.pick(ISSUE_SUBJECTS).toLowerCase()}`,
      created_at: new Date(createdMs).toISOString(),
      labels: [plan.engagementLabel],
    });
  }
}

function issue(plan: EngagementPlan, projectId: number, createdMs: number, labels: string[], closed: boolean) {
  const { random } = plan;
  const closedMs = closed ? Math.min(createdMs + random.int(HOUR_MS, 10 * DAY_MS), plan.nowMs - 1000) : null;
  return addIssue(plan.world, {
    project_id: projectId,
    author: random.pick(plan.employees),
    title: random.pick(ISSUE_SUBJECTS),
    state: closed ? "closed" : "opened",
    created_at: new Date(createdMs).toISOString(),
    updated_at: new Date(closedMs ?? createdMs + random.int(0, HOUR_MS)).toISOString(),
    closed_at: closedMs === null ? null : new Date(closedMs).toISOString(),
    labels,
  });
}

interface ChildPlan {
  issues: number;
  closed: number;
  weighted: boolean;
}

/** Three shapes, by position: rich (weights, two child epics, one of them empty), unweighted, small. */
const EPIC_SHAPES: Array<{ direct: ChildPlan; children: ChildPlan[] }> = [
  {
    direct: { issues: 10, closed: 4, weighted: true },
    children: [
      { issues: 4, closed: 2, weighted: true },
      { issues: 0, closed: 0, weighted: false },
    ],
  },
  { direct: { issues: 6, closed: 3, weighted: false }, children: [{ issues: 3, closed: 1, weighted: false }] },
  { direct: { issues: 5, closed: 1, weighted: true }, children: [] },
];

interface ConfiguredEpic {
  epic: GlEpic;
  projectId: number;
}

function configuredEpic(plan: EngagementPlan, ref: string): ConfiguredEpic {
  const { world, random } = plan;
  const match = /^(.+)&(\d+)$/.exec(ref);
  if (!match?.[1] || !match[2]) throw new RangeError(`epic reference must be group-path&iid: ${ref}`);
  const group = addGroup(world, match[1], KNOWN_GROUP_IDS[match[1]]);
  const project =
    world.projects.find((p) => pathIsInGroup(p.path_with_namespace, group.full_path)) ??
    addProject(world, `${group.full_path}/engagement-tasks`);
  const index = plan.epics.indexOf(ref);
  const createdMs = plan.nowMs - random.int(120, 300) * DAY_MS;
  const epic = addEpic(world, {
    group_id: group.id,
    iid: Number(match[2]),
    author: random.pick(plan.employees),
    title: EPIC_TITLES[index] ?? `User engagement workstream ${index + 1}`,
    created_at: new Date(createdMs).toISOString(),
    updated_at: new Date(plan.nowMs - random.int(1, 10) * DAY_MS).toISOString(),
    start_date: isoDate(createdMs),
    due_date: isoDate(plan.nowMs + random.int(30, 120) * DAY_MS),
  });
  if (ref === plan.forbidEpic) world.forbiddenEpicIds.add(epic.id);
  return { epic, projectId: project.id };
}

function fillEpic(plan: EngagementPlan, { epic, projectId }: ConfiguredEpic, index: number): void {
  const shape = EPIC_SHAPES[index % EPIC_SHAPES.length] ?? {
    direct: { issues: 0, closed: 0, weighted: false },
    children: [],
  };
  childIssues(plan, epic, projectId, shape.direct);
  shape.children.forEach((childPlan, c) => {
    const child = addEpic(plan.world, {
      group_id: epic.group_id,
      parent_id: epic.id,
      author: plan.random.pick(plan.employees),
      title: `${epic.title} — part ${c + 1}`,
      created_at: new Date(Date.parse(epic.created_at) + (c + 1) * DAY_MS).toISOString(),
      start_date: epic.start_date,
    });
    childIssues(plan, child, projectId, childPlan);
  });
}

function childIssues(plan: EngagementPlan, epic: GlEpic, projectId: number, shape: ChildPlan): void {
  const { random } = plan;
  const epicCreatedMs = Date.parse(epic.created_at);
  for (let i = 0; i < shape.issues; i++) {
    const createdMs = epicCreatedMs + random.int(1, 60) * DAY_MS;
    const made = issue(plan, projectId, Math.min(createdMs, plan.nowMs - DAY_MS), [], i < shape.closed);
    made.weight = shape.weighted ? random.pick([1, 2, 3, 5, 8]) : null;
    addIssueToEpic(plan.world, epic.id, made.id);
  }
}
