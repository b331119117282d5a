/**
 * The MRs GitLab's KPI rules decide, month by month, so that `demo` and the tests exercise each rule: MRs labelled
 * `automation:bot-authored` (by people-looking accounts: only the label keeps them out), MRs by a group access
 * token's bot (`group_<id>_bot_<hex>`) and by a service account (`service_account_…`), all labelled
 * `Community contribution`; and community MRs merged in an archived project of the first configured group (hidden
 * from GitLab's group lists unless `non_archived=false`; they count), among them one a month by a person with no
 * other MR. Authors are the month's own contributors, so who is first-time when stays as the history has it. A random stream of its own, and added after
 * the rest of the history, so the other MRs keep their ids and the rest of the world is as before.
 */
import { ARCHIVED_PROJECT, BOT_AUTHORED_LABEL, GROUP_BOT_USERNAME, SERVICE_ACCOUNT_USERNAME } from "./catalog.js";
import type { CalendarMonth } from "./month-calendar.js";
import { momentInMonth } from "./month-calendar.js";
import { createRandom } from "./seeded-random.js";
import type { GitLabWorld, GlUser } from "./types.js";
import { addMergeRequest, addProject, addUser, projectIsInGroup } from "./world.js";

/** Of a month's community merges: how many more of each kind (at least one each, every month). */
const SHARES = { botLabelled: 0.02, groupBot: 0.01, serviceAccount: 0.01, archived: 0.02 };

export interface KpiCasesPlan {
  world: GitLabWorld;
  seed: number;
  months: CalendarMonth[];
  nowMs: number;
  groups: string[];
  communityLabel: string;
}

export function generateKpiCases(plan: KpiCasesPlan): void {
  const { world, communityLabel } = plan;
  const random = createRandom(plan.seed ^ 0x5eed_14c);
  const [firstGroup] = plan.groups;
  if (firstGroup === undefined) return;
  const inGroups = (projectId: number) => plan.groups.some((g) => projectIsInGroup(world, projectId, g));
  // the people of the history (labelled merges in the configured groups, no bot): authors of the new MRs
  const community = world.mergeRequests.filter(
    (mr) =>
      mr.state === "merged" &&
      mr.labels.includes(communityLabel) &&
      !world.meta.botUserIds.has(mr.author.id) &&
      inGroups(mr.project_id),
  );
  const projects = [...new Set(community.map((mr) => mr.project_id))];
  if (projects.length === 0) return;

  const groupBot = addUser(world, { username: GROUP_BOT_USERNAME, name: `${firstGroup} bot`, bot: true });
  const serviceAccount = addUser(world, { username: SERVICE_ACCOUNT_USERNAME, name: "Triage service", bot: true });
  const archived = addProject(world, `${firstGroup}/${ARCHIVED_PROJECT}`, undefined, { archived: true });

  const merge = (month: CalendarMonth, author: GlUser, projectId: number, labels: string[]) => {
    const mergedMs = momentInMonth(random, month);
    if (mergedMs > plan.nowMs) return;
    const createdMs = mergedMs - 3_600_000 - Math.floor(random.exponential(5 * 86_400_000));
    const at = new Date(mergedMs).toISOString();
    addMergeRequest(world, {
      project_id: projectId,
      author,
      state: "merged",
      created_at: new Date(createdMs).toISOString(),
      merged_at: at,
      updated_at: new Date(Math.min(mergedMs + random.int(2_000, 600_000), plan.nowMs)).toISOString(),
      labels,
    });
  };
  for (const [index, month] of plan.months.entries()) {
    const merged = community.filter((mr) => mr.merged_at?.startsWith(month.key));
    // the month's own contributors: who is first-time when stays as the history has it
    const people = [...new Map(merged.map((mr) => [mr.author.id, mr.author])).values()];
    if (people.length === 0) continue;
    const times = (share: number) => Math.max(1, Math.round(merged.length * share));
    // and one person a month whose only MR is in the archived project: counted only because archived projects count
    const archiveOnly = addUser(world, {
      username: `foss.contributor${index + 1}`,
      name: `FOSS Contributor ${index + 1}`,
    });
    merge(month, archiveOnly, archived.id, [communityLabel]);
    for (let i = 0; i < times(SHARES.botLabelled); i++) {
      merge(month, random.pick(people), random.pick(projects), [communityLabel, BOT_AUTHORED_LABEL]);
    }
    for (let i = 0; i < times(SHARES.groupBot); i++) merge(month, groupBot, random.pick(projects), [communityLabel]);
    for (let i = 0; i < times(SHARES.serviceAccount); i++) {
      merge(month, serviceAccount, random.pick(projects), [communityLabel]);
    }
    for (let i = 0; i < times(SHARES.archived); i++) merge(month, random.pick(people), archived.id, [communityLabel]);
  }
}
