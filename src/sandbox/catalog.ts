/**
 * The generator's vocabulary: real-looking GitLab groups and projects with their share of community work,
 * people's names and MR/issue titles. Data only; the generator decides what to do with it.
 */

export interface ProjectShare {
  /** path below the group, may contain subgroups */
  path: string;
  weight: number;
}

/** gitlab.com's own ids for the groups the bot watches by default, so ids look familiar. */
export const KNOWN_GROUP_IDS: Record<string, number> = {
  "gitlab-org": 9970,
  "gitlab-com": 6543,
  "gitlab-com/customer-success/professional-services-group": 2910498,
};

/** Share of all community MRs a configured group receives (relative weights). */
export const GROUP_WEIGHTS: Record<string, number> = { "gitlab-org": 4, "gitlab-com": 1 };

export const KNOWN_PROJECTS: Record<string, ProjectShare[]> = {
  "gitlab-org": [
    { path: "gitlab", weight: 60 },
    { path: "gitlab-runner", weight: 8 },
    { path: "gitaly", weight: 5 },
    { path: "gitlab-development-kit", weight: 7 },
    { path: "cli", weight: 5 },
    { path: "gitlab-vscode-extension", weight: 4 },
    { path: "quality/triage-ops", weight: 5 },
    { path: "technical-writing/docs-gitlab-com", weight: 6 },
  ],
  "gitlab-com": [
    { path: "www-gitlab-com", weight: 70 },
    { path: "content-sites/handbook", weight: 30 },
  ],
};

/** Projects for a configured group the catalog does not know (one in a subgroup, as real groups have). */
export function defaultProjects(): ProjectShare[] {
  return [
    { path: "app", weight: 3 },
    { path: "tools/cli", weight: 1 },
  ];
}

/** A group nobody configured: its labelled MRs must never count. */
export const UNCONFIGURED_PROJECT = "gitlab-foss-mirror/gitlab-foss";

/**
 * GitLab's KPI rules decide these (src/sandbox/generate-kpi-cases.ts): bots GitLab names by pattern (a group access
 * token's user, a service account), the label GitLab's automation puts on MRs it authors, and an archived project of
 * a configured group (gitlab-org/gitlab-foss is archived on gitlab.com) whose merged MRs still count.
 */
export const GROUP_BOT_USERNAME = "group_9970_bot_5e3f1a2b8c4d6e7f";
export const SERVICE_ACCOUNT_USERNAME = "service_account_group_9970_3b1c";
export const BOT_AUTHORED_LABEL = "automation:bot-authored";
export const ARCHIVED_PROJECT = "gitlab-foss";

/** Where the engagement group's issues live (path below the group). */
export const ENGAGEMENT_PROJECTS = ["user-engagement", "marketing/community-relations/general"];

export const BOT_USERNAMES = [
  "gitlab-bot",
  "project_278964_bot_3f9c2a",
  "renovate_bot",
  "ghost",
  "gitlab-dependency-bot",
];

export const FIRST_NAMES = [
  "Ada",
  "Bruno",
  "Chen",
  "Divya",
  "Emeka",
  "Fatima",
  "Gustavo",
  "Hana",
  "Ivan",
  "Jasmine",
  "Kofi",
  "Lucia",
  "Mateo",
  "Nadia",
  "Oren",
  "Priya",
  "Quentin",
  "Rosa",
  "Sven",
  "Tomoko",
  "Uche",
  "Valentina",
  "Wei",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Arjun",
  "Beatriz",
  "Dmitri",
  "Elif",
  "Farid",
  "Greta",
  "Hiroshi",
  "Ingrid",
  "Jonas",
  "Kalinda",
];

export const LAST_NAMES = [
  "Okafor",
  "Silva",
  "Nakamura",
  "Kowalski",
  "Haddad",
  "Nguyen",
  "Fischer",
  "Moreau",
  "Rossi",
  "Petrov",
  "Garcia",
  "Kim",
  "Andersson",
  "Mensah",
  "Costa",
  "Yilmaz",
  "Novak",
  "Patel",
  "Dubois",
  "Schmidt",
  "Tanaka",
  "Ibrahim",
  "Larsen",
  "Ortiz",
  "Chowdhury",
  "Horvat",
  "Mbeki",
  "Lindqvist",
  "Santos",
  "Weber",
];

export const TITLE_VERBS = ["Fix", "Add", "Update", "Improve", "Remove", "Refactor", "Document", "Translate"];

export const TITLE_SUBJECTS = [
  "typo in CI/CD docs",
  "pipeline editor validation",
  "merge request widget spacing",
  "runner registration message",
  "dark mode colours in the diff view",
  "missing i18n strings",
  "handbook link to the contributor guide",
  "API pagination example",
  "flaky spec for issue boards",
  "Gitaly timeout handling",
  "broken anchor in the release post",
  "Helm chart default values",
  "search filter for labels",
  "deprecated Ruby syntax in services",
];

export const OTHER_MR_LABELS = [
  "backend",
  "frontend",
  "documentation",
  "type::bug",
  "type::feature",
  "type::maintenance",
];

export const ISSUE_SUBJECTS = [
  "Survey first-time contributors about onboarding",
  "Run a contributor office hours session",
  "Publish the hackathon results",
  "Improve the 'good for new contributors' label triage",
  "Measure time to first review for community MRs",
  "Plan the quarterly community roundtable",
  "Update the contributor success dashboard",
  "Reach out to lapsed contributors",
];
