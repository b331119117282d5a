/**
 * The settings the core needs, as plain data. src/config.ts builds a Config that satisfies these shapes; the core
 * never reads the environment or imports config.ts (scripts/check-imports.mjs enforces it).
 */

import type { WorkstreamDefinition } from "./workstreams.js";

/** How an epic is written in EPICS and WORKSTREAMS_FILE: group-path&iid (group path, then the iid). */
export const EPIC_REF = /^([A-Za-z0-9_.][A-Za-z0-9_./-]*)&([1-9][0-9]*)$/;

/** A configured epic (EPICS), parsed. */
export interface EpicRef {
  /** group path, e.g. gitlab-com/customer-success/professional-services-group */
  group: string;
  iid: number;
  /** as written: group&iid */
  ref: string;
}

/** CONTRIBUTOR_PROJECTS_FILE, read: the projects that count, by full path or numeric id. */
export interface ProjectList {
  /** the file it came from, for messages */
  file: string;
  paths: readonly string[];
  ids: readonly number[];
}

/** Who counts (src/metrics/who-counts.ts): the groups, the optional project list and the bot rules. */
export interface ContributorScope {
  /** CONTRIBUTOR_GROUPS */
  contributorGroups: readonly string[];
  /** CONTRIBUTOR_PROJECTS_FILE; undefined: every project of the groups */
  contributorProjects: ProjectList | undefined;
  /** BOT_USERNAMES, lower case */
  botUsernames: readonly string[];
  /** BOT_USER_IDS */
  botUserIds: readonly number[];
  /** BOT_LABEL */
  botLabel: string;
  /** COMMUNITY_LABEL */
  communityLabel: string;
}

/** What buildReport reads of the configuration. */
export interface ReportSettings extends ContributorScope {
  /** MONTHLY_TARGET: contributors per month */
  monthlyTarget: number;
  /** TIMEZONE: IANA name; month boundaries */
  timezone: string;
  /** EPICS, in configuration order */
  epics: readonly EpicRef[];
  /** GITLAB_URL, no trailing slash: profile and epic links */
  gitlabUrl: string;
  /** WORKSTREAMS_FILE, parsed: the workstreams and their KPIs */
  workstreams: readonly WorkstreamDefinition[];
}
