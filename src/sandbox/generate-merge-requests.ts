/**
 * Month-by-month merge request history: a pool of community people with heavy-tailed activity (a few regulars
 * with many MRs, many people with one), new people every month, a hackathon month, a December dip, the noise
 * a real sync must filter out (bots, employees, unmerged MRs, an unconfigured group, labels added after merge), and
 * would-be contributors: people whose only community MR never merges (closed, or left open and stalled), the top of
 * the funnel that does not convert.
 */
import { FIRST_NAMES, LAST_NAMES, OTHER_MR_LABELS, TITLE_SUBJECTS, TITLE_VERBS } from "./catalog.js";
import type { CalendarMonth } from "./month-calendar.js";
import { momentInMonth } from "./month-calendar.js";
import { createRandom, cumulative, type Random } from "./seeded-random.js";
import { FIRST_CONTRIBUTION_LABEL } from "./truth.js";
import type { GitLabWorld, GlUser } from "./types.js";
import { addMergeRequest, addUser } from "./world.js";

export interface VolumeProfile {
  /** distinct contributors in an ordinary month at the start of the window */
  baseContributors: number;
  /** merged MRs per contributor, lower and upper bound */
  mrsPerContributor: [number, number];
  /** people who contributed before the window starts */
  priorPool: number;
  /** employees' (unlabelled) MRs as a share of community MRs */
  employeeShare: number;
}

export const VOLUME: Record<"normal" | "large", VolumeProfile> = {
  normal: { baseContributors: 250, mrsPerContributor: [1.55, 1.7], priorPool: 600, employeeShare: 0.3 },
  large: { baseContributors: 2800, mrsPerContributor: [3.3, 3.6], priorPool: 7000, employeeShare: 0.1 },
};

export const HACKATHON_FACTOR = 1.8;
/** would-be contributors a month, as a share of the month's newcomers who merge */
export const WOULD_BE_SHARE = 0.3;
/** of those, the share whose MR is abandoned: never closed, open and stalled from then on */
export const ABANDONED_SHARE = 0.2;
export const DECEMBER_FACTOR = 0.72;

export interface MergeRequestPlan {
  world: GitLabWorld;
  random: Random;
  months: CalendarMonth[];
  nowMs: number;
  volume: VolumeProfile;
  communityLabel: string;
  /** index into months, or -1 */
  hackathonIndex: number;
  /** projects of the configured groups, with cumulative weights */
  projects: { ids: number[]; cumulativeWeights: number[] };
  unconfiguredProjectId: number;
  employees: GlUser[];
  bots: GlUser[];
}

interface Person {
  user: GlUser;
  weight: number;
}

interface Draft {
  projectId: number;
  author: GlUser;
  state: "merged" | "opened" | "closed";
  createdMs: number;
  updatedMs: number;
  mergedMs: number | null;
  closedMs: number | null;
  labels: string[];
  /** drawn beforehand (would-be contributors' MRs); otherwise when the MR is added */
  title?: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TITLES = TITLE_VERBS.flatMap((verb) => TITLE_SUBJECTS.map((subject) => `${verb} ${subject}`));

export function generateMergeRequests(plan: MergeRequestPlan): void {
  const { random, months, volume } = plan;
  const names = new UsernameFactory(random);
  const pool: Person[] = [];
  for (let i = 0; i < volume.priorPool; i++) pool.push(newPerson(plan, names));
  const drafts: Draft[] = [];
  const newcomersOf: number[] = [];

  months.forEach((month, index) => {
    const growth = 1 + 0.15 * (months.length > 1 ? index / (months.length - 1) : 1);
    const noise = 1 + (random.next() - 0.5) * 0.12;
    const factor = index === plan.hackathonIndex ? HACKATHON_FACTOR : month.monthOfYear === 11 ? DECEMBER_FACTOR : 1;
    const contributors = Math.round(volume.baseContributors * growth * noise * factor);
    const [low, high] = volume.mrsPerContributor;
    const mergedCount = Math.round(contributors * (low + random.next() * (high - low)));
    const newShare = index === plan.hackathonIndex ? 0.55 : 0.35 + random.next() * 0.1;
    const newcomers = Math.round(contributors * newShare);
    const returning = sampleWithoutReplacement(random, pool, Math.min(contributors - newcomers, pool.length));
    const fresh: Person[] = [];
    for (let i = 0; i < contributors - returning.length; i++) fresh.push(newPerson(plan, names));

    const people = [...returning, ...fresh];
    const mrsOf = people.map(() => 1);
    const weights = cumulative(people.map((p) => p.weight));
    for (let extra = people.length; extra < mergedCount; extra++) {
      const who = random.weightedIndex(weights);
      mrsOf[who] = (mrsOf[who] ?? 1) + 1;
    }
    const freshIds = new Set(fresh.map((p) => p.user.id));
    people.forEach((person, i) => {
      const own: Draft[] = [];
      for (let k = 0; k < (mrsOf[i] ?? 1); k++) own.push(mergedDraft(plan, month, person.user, [plan.communityLabel]));
      // Some first-timers' first MR carries the `1st contribution` label, as GitLab's triage bot adds it.
      if (freshIds.has(person.user.id) && random.chance(0.4)) {
        const first = own.reduce((a, b) => ((a.mergedMs ?? 0) <= (b.mergedMs ?? 0) ? a : b));
        first.labels.push(FIRST_CONTRIBUTION_LABEL);
      }
      drafts.push(...own);
    });
    pool.push(...fresh);

    drafts.push(...noiseDrafts(plan, month, index, mergedCount, pool));
    newcomersOf.push(fresh.length);
  });

  const kept = drafts.filter((d) => (d.mergedMs ?? d.closedMs ?? d.createdMs) <= plan.nowMs);
  kept.sort((a, b) => a.createdMs - b.createdMs);
  // added after the rest, from a stream of their own: the world without them is the same, id for id
  kept.push(...wouldBeDrafts(plan, newcomersOf, names));
  for (const draft of kept) {
    addMergeRequest(plan.world, {
      project_id: draft.projectId,
      author: draft.author,
      title: draft.title ?? random.pick(TITLES),
      state: draft.state,
      created_at: new Date(draft.createdMs).toISOString(),
      updated_at: new Date(draft.updatedMs).toISOString(),
      merged_at: draft.mergedMs === null ? null : new Date(draft.mergedMs).toISOString(),
      closed_at: draft.closedMs === null ? null : new Date(draft.closedMs).toISOString(),
      labels: draft.labels,
    });
  }
}

/** Bots, employees, MRs in a group nobody configured, and closed/still-open community MRs. */
function noiseDrafts(plan: MergeRequestPlan, month: CalendarMonth, index: number, mergedCount: number, pool: Person[]) {
  const { random, communityLabel } = plan;
  const drafts: Draft[] = [];
  const anyone = () => random.pick(pool).user;
  for (let i = 0; i < Math.round(mergedCount * 0.03); i++) {
    drafts.push(mergedDraft(plan, month, random.pick(plan.bots), [communityLabel]));
  }
  for (let i = 0; i < Math.round(mergedCount * plan.volume.employeeShare); i++) {
    drafts.push(mergedDraft(plan, month, random.pick(plan.employees), [random.pick(OTHER_MR_LABELS)]));
  }
  for (let i = 0; i < Math.round(mergedCount * 0.03); i++) {
    const draft = mergedDraft(plan, month, anyone(), [communityLabel]);
    draft.projectId = plan.unconfiguredProjectId;
    drafts.push(draft);
  }
  for (let i = 0; i < Math.round(mergedCount * 0.08); i++) {
    const closedMs = momentInMonth(random, month);
    const createdMs = closedMs - HOUR_MS - Math.floor(random.exponential(10 * DAY_MS));
    drafts.push({
      projectId: pickProject(plan),
      author: anyone(),
      state: "closed",
      createdMs,
      updatedMs: Math.min(closedMs + 1000, plan.nowMs),
      mergedMs: null,
      closedMs,
      labels: [communityLabel],
    });
  }
  if (index >= plan.months.length - 2) {
    for (let i = 0; i < Math.round(mergedCount * 0.1); i++) {
      const createdMs = Math.min(momentInMonth(random, month), plan.nowMs - HOUR_MS);
      drafts.push({
        projectId: pickProject(plan),
        author: anyone(),
        state: "opened",
        createdMs,
        updatedMs: Math.min(createdMs + Math.floor(random.exponential(2 * DAY_MS)), plan.nowMs),
        mergedMs: null,
        closedMs: null,
        labels: [communityLabel, random.pick(OTHER_MR_LABELS)],
      });
    }
  }
  return drafts;
}

/**
 * Each month WOULD_BE_SHARE as many new people as merged for the first time open one labelled MR that never merges:
 * closed some days later, or (ABANDONED_SHARE) left open with no update after its first days. One still open at
 * `now` is open in the world. Random draws come from a stream of their own, so the rest of the world is unchanged.
 */
function wouldBeDrafts(plan: MergeRequestPlan, newcomersOf: readonly number[], names: UsernameFactory): Draft[] {
  const random = createRandom(plan.world.meta.seed ^ 0x18f5);
  const ownNames = names.withRandom(random);
  const drafts: Draft[] = [];
  plan.months.forEach((month, index) => {
    for (let i = 0; i < Math.round((newcomersOf[index] ?? 0) * WOULD_BE_SHARE); i++) {
      const createdMs = momentInMonth(random, month);
      const abandoned = random.chance(ABANDONED_SHARE);
      const closedMs = createdMs + HOUR_MS + Math.floor(random.exponential(12 * DAY_MS));
      const updatedMs = createdMs + Math.floor(random.exponential(3 * DAY_MS));
      const { first, last, username } = ownNames.next();
      const title = random.pick(TITLES);
      const projectId = plan.projects.ids[random.weightedIndex(plan.projects.cumulativeWeights)];
      if (createdMs > plan.nowMs || projectId === undefined) continue;
      const author = addUser(plan.world, { username, name: `${first} ${last}` });
      const closed = !abandoned && closedMs <= plan.nowMs;
      drafts.push({
        projectId,
        author,
        state: closed ? "closed" : "opened",
        createdMs,
        updatedMs: closed ? closedMs : Math.min(updatedMs, plan.nowMs),
        mergedMs: null,
        closedMs: closed ? closedMs : null,
        labels: [plan.communityLabel],
        title,
      });
    }
  });
  return drafts;
}

function mergedDraft(plan: MergeRequestPlan, month: CalendarMonth, author: GlUser, labels: string[]): Draft {
  const { random } = plan;
  const mergedMs = momentInMonth(random, month);
  const createdMs = mergedMs - HOUR_MS - Math.floor(random.exponential(7 * DAY_MS));
  let updatedMs = mergedMs + random.int(2_000, 600_000);
  const roll = random.next();
  if (roll < 0.03) {
    // The community label was added after the merge: only `updated_at` reveals it to an incremental sync.
    updatedMs = mergedMs + random.int(1, 20) * DAY_MS + random.int(0, DAY_MS);
  } else if (roll < 0.13) {
    updatedMs = mergedMs + Math.floor(random.exponential(2 * DAY_MS));
  }
  const extra = random.chance(0.6) ? [random.pick(OTHER_MR_LABELS)] : [];
  return {
    projectId: pickProject(plan),
    author,
    state: "merged",
    createdMs,
    updatedMs: Math.max(mergedMs, Math.min(updatedMs, plan.nowMs)),
    mergedMs,
    closedMs: null,
    labels: [...labels, ...extra],
  };
}

function pickProject(plan: MergeRequestPlan): number {
  const id = plan.projects.ids[plan.random.weightedIndex(plan.projects.cumulativeWeights)];
  if (id === undefined) throw new RangeError("no projects in the configured groups");
  return id;
}

function newPerson(plan: MergeRequestPlan, names: UsernameFactory): Person {
  const { first, last, username } = names.next();
  const user = addUser(plan.world, { username, name: `${first} ${last}` });
  return { user, weight: Math.min(plan.random.pareto(1.3), 60) };
}

/** Efraimidis–Spirakis: weighted sampling without replacement (key = u^(1/w), keep the largest). */
function sampleWithoutReplacement(random: Random, people: Person[], count: number): Person[] {
  if (count <= 0) return [];
  return people
    .map((person) => ({ person, key: random.next() ** (1 / person.weight) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map((k) => k.person);
}

/** Plausible, unique usernames that never look like bots. */
class UsernameFactory {
  constructor(
    private readonly random: Random,
    private readonly taken = new Set<string>(),
  ) {}

  /** Another factory drawing from `random`, never handing out a name this one did (or will). */
  withRandom(random: Random): UsernameFactory {
    return new UsernameFactory(random, this.taken);
  }

  next(): { first: string; last: string; username: string } {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const style = this.random.int(0, 3);
    const base = [
      `${first}${last}`,
      `${first}.${last}`,
      `${first[0] ?? ""}${last}`,
      `${first}_${last}${this.random.int(1, 99)}`,
    ][style]?.toLowerCase();
    let username = base ?? `${first}${last}`.toLowerCase();
    for (let n = 2; this.taken.has(username); n++) username = `${base}${n}`;
    this.taken.add(username);
    return { first, last, username };
  }
}
