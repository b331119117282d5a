/**
 * Configuration: `.env` (dotenv) and the environment -> one typed, validated Config.
 * Every problem is collected and reported in one ConfigError, so an operator fixes them all in one go.
 * The keys and defaults are a public contract (README, "Configuration"); `.env.example` lists them.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { validateDetailed } from "node-cron";
import { z } from "zod";
import { EPIC_REF, type EpicRef, type ProjectList } from "./model/settings.js";
import type { WorkstreamDefinition } from "./model/workstreams.js";
import { passwordIn } from "./redaction.js";
import { isChannelId } from "./slack/blocks/channel-id.js";
import { DEFAULT_ISSUE_LABEL } from "./wording/issues.js";
import { counted } from "./wording/numbers.js";
import { DEFAULT_WORKSTREAMS_FILE, readWorkstreamsFile } from "./workstreams-file.js";

export interface Config {
  slackBotToken: string | undefined;
  slackAppToken: string | undefined;
  slackSigningSecret: string | undefined;
  /** Web API base URL ending in `/`; undefined means Slack's own */
  slackApiUrl: string | undefined;
  digestChannel: string;
  port: number;
  gitlabUrl: string;
  gitlabToken: string | undefined;
  contributorGroups: string[];
  communityLabel: string;
  engagementGroup: string;
  engagementLabel: string;
  epics: EpicRef[];
  monthlyTarget: number;
  historyMonths: number;
  timezone: string;
  digestCron: string;
  paceCron: string;
  syncCron: string;
  databasePath: string;
  /** DATABASE_URL: postgres://…, the store on PostgreSQL instead of the SQLite file; undefined: SQLite */
  databaseUrl: string | undefined;
  /** true when DATABASE_PATH was set too (DATABASE_URL wins; `start` says so) */
  databasePathIgnored: boolean;
  logLevel: LogLevel;
  /** LOG_FORMAT; undefined: pretty on a terminal, JSON lines otherwise (src/log.ts) */
  logFormat: LogFormat | undefined;
  /** extra bot usernames beyond the built-in patterns (BOT_USERNAMES), lower case */
  botUsernames: string[];
  /** bot accounts by GitLab user id (BOT_USER_IDS) */
  botUserIds: number[];
  /** MRs with this label never count (BOT_LABEL) */
  botLabel: string;
  /** CONTRIBUTOR_PROJECTS_FILE, read; undefined: every project of CONTRIBUTOR_GROUPS counts */
  contributorProjects: ProjectList | undefined;
  /** SYNC_DEADLINE_MS: the most one sync may take, all sources and retries together (src/gitlab/sync.ts) */
  syncDeadlineMs: number;
  /** EPIC_SOURCE: where epic progress comes from (src/gitlab/epic-source-choice.ts) */
  epicSource: EpicSourceSetting;
  /** WORKSTREAMS_FILE as resolved (default: the shipped workstreams.yml) */
  workstreamsFile: string;
  /** its workstreams and KPIs, validated (src/workstreams-file.ts) */
  workstreams: WorkstreamDefinition[];
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
/** auto: Work Items (GraphQL) with the REST epics API as fallback; or one of them only */
export const EPIC_SOURCES = ["auto", "work_items", "rest"] as const;
export type EpicSourceSetting = (typeof EPIC_SOURCES)[number];

/** The defaults (README, "Configuration"), as the strings an operator would write. */
export const DEFAULTS = {
  DIGEST_CHANNEL: "#wg_user-engagement",
  PORT: "3000",
  GITLAB_URL: "https://gitlab.com",
  CONTRIBUTOR_GROUPS: "gitlab-org,gitlab-com",
  COMMUNITY_LABEL: "Community contribution",
  ENGAGEMENT_GROUP: "gitlab-com",
  ENGAGEMENT_LABEL: DEFAULT_ISSUE_LABEL,
  EPICS: "gitlab-com&1795,gitlab-com&1796,gitlab-com/customer-success/professional-services-group&1277",
  MONTHLY_TARGET: "1000",
  HISTORY_MONTHS: "24",
  TIMEZONE: "UTC",
  DIGEST_CRON: "0 9 * * MON",
  PACE_CRON: "0 10 * * *",
  SYNC_CRON: "*/15 * * * *",
  DATABASE_PATH: "./data/engagement.db",
  LOG_LEVEL: "info",
  BOT_USERNAMES: "",
  BOT_USER_IDS: "",
  BOT_LABEL: "automation:bot-authored",
  SYNC_DEADLINE_MS: "1800000",
  EPIC_SOURCE: "auto",
} as const;

/** Every key the bot reads; anything else in `.env` is probably a typo and gets a warning. */
export const CONFIG_KEYS = [
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_API_URL",
  ...Object.keys(DEFAULTS),
  "GITLAB_TOKEN",
  "DATABASE_URL",
  "LOG_FORMAT",
  "CONTRIBUTOR_PROJECTS_FILE",
  "WORKSTREAMS_FILE",
] as const;

/** Keys whose values are secrets: never logged, never echoed in an error. */
export const SECRET_KEYS = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "GITLAB_TOKEN"] as const;

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** the .env warnings (src/config.ts readEnvFile): shown with the problems, as one may be their cause */
    readonly warnings: string[] = [],
  ) {
    super(
      `Configuration is not valid (${counted(problems.length, "problem")}):\n${problems
        .map((p) => `  - ${p}`)
        .join(
          "\n",
        )}\nFix them in .env or the environment (see .env.example), or in the file a line names, then run again.`,
    );
    this.name = "ConfigError";
  }
}

export interface EnvFile {
  values: Record<string, string>;
  warnings: string[];
}

/**
 * Where an unquoted value's `#` starts what dotenv reads as a comment, when that `#` is not one a person would
 * write to start a comment: right after `=` (`COMMUNITY_LABEL=#community`) or inside a word
 * (`COMMUNITY_LABEL=Community#1`). After a space (`KEY=value # note`, `KEY= # note`) it is a comment as meant.
 * `rest` is the line after `=`; quoted values keep their `#` in dotenv. Returns the index in `rest`, or -1.
 */
export function lostToComment(rest: string): number {
  if (/^\s*["'`]/.test(rest)) return -1;
  const hash = rest.indexOf("#");
  if (hash === -1) return -1;
  return hash === 0 || !/\s/.test(rest[hash - 1] ?? "") ? hash : -1;
}

/** Keys whose unquoted value is read as written, `#` included: a channel name is one word that starts with `#`. */
const AS_WRITTEN_KEYS = new Set(["DIGEST_CHANNEL"]);

/**
 * Reads a .env file with dotenv; unknown and duplicated keys become warnings (the last duplicate wins, as in
 * dotenv), and so does a value cut short by a `#` (see lostToComment). DIGEST_CHANNEL is the exception: written
 * unquoted, `DIGEST_CHANNEL=#my-test-channel` means that channel (dotenv would read it as empty and the default
 * channel would get the posts), so its first word is taken as written.
 */
export function readEnvFile(path: string): EnvFile {
  if (!existsSync(path)) return { values: {}, warnings: [] };
  const text = readFileSync(path, "utf8");
  const values = dotenv.parse(text);
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const asWritten = new Map<string, string | undefined>();
  const known = new Set<string>(CONFIG_KEYS);
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/.exec(line);
    if (!match?.[1]) return;
    const key = match[1];
    const where = `${path}:${index + 1}`;
    const first = seen.get(key);
    if (first !== undefined) {
      warnings.push(`${where}: ${key} is set twice (first on line ${first}); the last value wins`);
    } else {
      seen.set(key, index + 1);
    }
    if (!known.has(key)) {
      warnings.push(`${where}: unknown key ${key} is ignored (see .env.example for the keys)`);
      return;
    }
    const rest = match[2] ?? "";
    const hash = lostToComment(rest);
    if (AS_WRITTEN_KEYS.has(key)) {
      // a channel is one word, and `DIGEST_CHANNEL = #name` is a name too: the first word, whatever dotenv says
      const word = rest.trim().split(/\s/)[0] ?? "";
      asWritten.set(key, hash !== -1 || word.startsWith("#") ? word : undefined);
    } else if (hash !== -1) {
      const kept = rest.slice(0, hash).trim();
      warnings.push(
        `${where}: ${key} loses everything from its "#" on (dotenv reads an unquoted # as a comment), ` +
          `${kept ? "so only the text before it is used" : "so it is empty and the default applies"}; ` +
          `quote the value to keep the # (${key}="…")`,
      );
    }
  });
  for (const [key, value] of asWritten) {
    if (value !== undefined) values[key] = value;
  }
  return { values, warnings };
}

/** Docker's `--env-file` keeps quotes as part of the value: `KEY="x"` arrives as `"x"`. One matching pair is dropped. */
export const unquote = (value: string): string => {
  const match = /^\s*(["'])(.*)\1\s*$/s.exec(value);
  return match ? (match[2] ?? "") : value;
};

export interface LoadOptions {
  /** the process environment (wins over .env) */
  env?: NodeJS.ProcessEnv;
  /** path of the .env file; default `.env` in the working directory; false to skip */
  envFile?: string | false;
}

export interface LoadedConfig {
  config: Config;
  warnings: string[];
}

const isIanaZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const cronProblem = (key: string, value: string): string | null => {
  const result = validateDetailed(value);
  if (result.valid) return null;
  const detail = result.errors.map((e) => e.message).join("; ");
  return `${key} is not a valid cron expression (got "${value}"${detail ? `: ${detail}` : ""}); e.g. "0 9 * * MON"`;
};

const GROUP_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_./-]*$/;

/** A project path as GitLab writes it: a group (and subgroups) and the project, e.g. gitlab-org/gitlab. */
const PROJECT_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;

/**
 * CONTRIBUTOR_PROJECTS_FILE: one project path or numeric project id per line; `#` starts a comment (paths never
 * contain one), blank lines are skipped. Problems are pushed as `file:line: …`.
 */
export function readProjectList(file: string, problems: string[]): ProjectList | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      `CONTRIBUTOR_PROJECTS_FILE "${file}" cannot be read (${code === "ENOENT" ? "no such file" : (code ?? (error as Error).message)}): ` +
        "point it at a file with one project path or id per line, or unset it to count every project of CONTRIBUTOR_GROUPS",
    );
    return undefined;
  }
  const paths: string[] = [];
  const ids: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const entry = line.replace(/#.*$/, "").trim().replace(/\/+$/, "");
    if (entry === "") return;
    if (/^[1-9][0-9]*$/.test(entry)) ids.push(Number(entry));
    else if (PROJECT_PATH.test(entry)) paths.push(entry);
    else {
      problems.push(
        `CONTRIBUTOR_PROJECTS_FILE ${file}:${index + 1}: "${entry}" is neither a project path (group/project) nor a numeric project id`,
      );
    }
  });
  if (paths.length === 0 && ids.length === 0) {
    problems.push(
      `CONTRIBUTOR_PROJECTS_FILE ${file} lists no project, so nobody would count: add one project path or id per line, or unset it`,
    );
  }
  return { file, paths, ids };
}

const list = (value: string): string[] =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** What secret a URL carries (`user:password@`, a token in its query), or null: such a value is refused unshown. */
export function credentialsIn(value: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value.trim())) return "user:password@ before the host";
  if (/[?&](private_token|access_token|job_token|token)=/i.test(value)) return "a token in its query";
  return null;
}

/** The secret values of a configuration, for redaction (src/redaction.ts) where they might be shown. */
export const secretsOf = (config: Config): Array<string | undefined> => [
  config.slackBotToken,
  config.slackAppToken,
  config.slackSigningSecret,
  config.gitlabToken,
  passwordIn(config.databaseUrl),
];

/**
 * Reads one raw value at a time and collects what is wrong with it into `problems`; each per-area parser below
 * uses it, so every key's default, trimming and message shape is written once.
 */
class RawValues {
  constructor(
    private readonly raw: Record<string, string | undefined>,
    readonly problems: string[],
  ) {}

  /** the value, or its default when unset or blank */
  get(key: keyof typeof DEFAULTS): string {
    const value = this.raw[key]?.trim();
    return value === undefined || value === "" ? DEFAULTS[key] : value;
  }

  /** the value, or undefined when unset or blank (keys without a default) */
  optional(key: string): string | undefined {
    const value = this.raw[key]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  positiveInt(key: "MONTHLY_TARGET" | "HISTORY_MONTHS" | "PORT" | "SYNC_DEADLINE_MS", max: number): number {
    const value = this.get(key);
    const parsed = z.coerce
      .number()
      .int()
      .positive()
      .max(max)
      .safeParse(/^\d+$/.test(value) ? value : Number.NaN);
    if (!parsed.success) {
      this.problems.push(
        `${key} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""} (got "${value}")`,
      );
      return Number(DEFAULTS[key]);
    }
    return parsed.data;
  }

  url(key: string, value: string): string {
    // a URL may carry a secret (user:token@, ?private_token=): such a value is never echoed, and never used
    const credentials = credentialsIn(value);
    if (credentials !== null) {
      this.problems.push(
        `${key} must not contain credentials (${credentials}): ${
          key === "GITLAB_URL" ? "put the token in GITLAB_TOKEN and" : "remove them and"
        } write ${key} as scheme://host[/path] only`,
      );
      return value.replace(/\/+$/, "");
    }
    const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
    if (!parsed.success) this.problems.push(`${key} must be an http(s) URL (got "${value}")`);
    return value.replace(/\/+$/, "");
  }

  /** a lower-cased value that must be one of `choices`; `hint` ends the message */
  oneOf<T extends string>(key: string, value: string, choices: readonly T[], hint = ""): T {
    const lower = value.toLowerCase();
    if (!(choices as readonly string[]).includes(lower)) {
      this.problems.push(`${key} must be one of ${choices.join(", ")} (got "${value}")${hint}`);
    }
    return lower as T;
  }
}

type SlackKeys = Pick<Config, "slackBotToken" | "slackAppToken" | "slackSigningSecret" | "slackApiUrl">;

function parseSlack(values: RawValues): SlackKeys {
  const slackBotToken = values.optional("SLACK_BOT_TOKEN");
  if (slackBotToken && !slackBotToken.startsWith("xoxb-")) {
    values.problems.push(
      "SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page of the app)",
    );
  }
  const slackAppToken = values.optional("SLACK_APP_TOKEN");
  if (slackAppToken && !slackAppToken.startsWith("xapp-")) {
    values.problems.push(
      "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens)",
    );
  }
  const rawApiUrl = values.optional("SLACK_API_URL");
  return {
    slackBotToken,
    slackAppToken,
    slackSigningSecret: values.optional("SLACK_SIGNING_SECRET"),
    slackApiUrl: rawApiUrl ? `${values.url("SLACK_API_URL", rawApiUrl)}/` : undefined,
  };
}

/** `name` and `#name` are one channel: one spelling (`#name`), so logs, messages and the alerts setting agree */
function parseDigestChannel(values: RawValues): string {
  const written = values.get("DIGEST_CHANNEL");
  const channel = /^[a-z0-9]/.test(written) ? `#${written}` : written;
  if (!/^#[a-z0-9][a-z0-9_-]{0,79}$/.test(channel) && !isChannelId(channel)) {
    values.problems.push(
      `DIGEST_CHANNEL must be a channel name (e.g. #wg_user-engagement) or a channel ID (e.g. C0123456789), got "${written}"`,
    );
  }
  return channel;
}

type GitLabKeys = Pick<
  Config,
  | "gitlabUrl"
  | "gitlabToken"
  | "contributorGroups"
  | "communityLabel"
  | "engagementGroup"
  | "engagementLabel"
  | "epics"
  | "epicSource"
  | "contributorProjects"
  | "syncDeadlineMs"
>;

/** What to read from GitLab, and where: the groups, labels, epics and projects. */
function parseGitLab(values: RawValues): GitLabKeys {
  const { problems } = values;
  const epics: EpicRef[] = [];
  for (const ref of list(values.get("EPICS"))) {
    const match = EPIC_REF.exec(ref);
    if (!match?.[1] || !match[2]) {
      problems.push(`EPICS entry "${ref}" must look like group-path&iid (e.g. gitlab-com&1795)`);
      continue;
    }
    epics.push({ group: match[1], iid: Number(match[2]), ref });
  }
  const contributorGroups = list(values.get("CONTRIBUTOR_GROUPS"));
  if (contributorGroups.length === 0) problems.push("CONTRIBUTOR_GROUPS must name at least one group");
  for (const group of contributorGroups) {
    if (!GROUP_PATH.test(group)) problems.push(`CONTRIBUTOR_GROUPS entry "${group}" is not a group path`);
  }
  const engagementGroup = values.get("ENGAGEMENT_GROUP");
  if (!GROUP_PATH.test(engagementGroup)) problems.push(`ENGAGEMENT_GROUP "${engagementGroup}" is not a group path`);
  const projectsFile = values.optional("CONTRIBUTOR_PROJECTS_FILE");
  return {
    gitlabUrl: values.url("GITLAB_URL", values.get("GITLAB_URL")),
    gitlabToken: values.optional("GITLAB_TOKEN"),
    contributorGroups,
    communityLabel: values.get("COMMUNITY_LABEL"),
    engagementGroup,
    engagementLabel: values.get("ENGAGEMENT_LABEL"),
    epics,
    epicSource: values.oneOf(
      "EPIC_SOURCE",
      values.get("EPIC_SOURCE"),
      EPIC_SOURCES,
      ": auto uses GitLab's Work Items API and falls back to the REST epics API",
    ),
    contributorProjects: projectsFile === undefined ? undefined : readProjectList(projectsFile, problems),
    // a day at most: a deadline is a guard against a sync that never ends, not a schedule
    syncDeadlineMs: values.positiveInt("SYNC_DEADLINE_MS", 86_400_000),
  };
}

type ScheduleKeys = Pick<Config, "timezone" | "digestCron" | "paceCron" | "syncCron">;

/** When things happen: the month's time zone and the three schedules. */
function parseSchedule(values: RawValues): ScheduleKeys {
  const timezone = values.get("TIMEZONE");
  if (!isIanaZone(timezone)) {
    values.problems.push(
      `TIMEZONE "${timezone}" is not an IANA time zone (e.g. UTC, Europe/Amsterdam, America/New_York)`,
    );
  }
  const cron = (key: "DIGEST_CRON" | "PACE_CRON" | "SYNC_CRON"): string => {
    const value = values.get(key);
    const problem = cronProblem(key, value);
    if (problem) values.problems.push(problem);
    return value;
  };
  return { timezone, digestCron: cron("DIGEST_CRON"), paceCron: cron("PACE_CRON"), syncCron: cron("SYNC_CRON") };
}

type BotKeys = Pick<Config, "botUsernames" | "botUserIds" | "botLabel">;

/** Who never counts (src/metrics/who-counts.ts). */
function parseBots(values: RawValues): BotKeys {
  const botUserIds: number[] = [];
  for (const entry of list(values.get("BOT_USER_IDS"))) {
    if (/^[1-9][0-9]*$/.test(entry) && Number.isSafeInteger(Number(entry))) botUserIds.push(Number(entry));
    else
      values.problems.push(
        `BOT_USER_IDS entry "${entry}" is not a numeric GitLab user id (e.g. BOT_USER_IDS=1786152,4156)`,
      );
  }
  return {
    botUsernames: list(values.get("BOT_USERNAMES")).map((u) => u.toLowerCase()),
    botUserIds,
    botLabel: values.get("BOT_LABEL"),
  };
}

type LogKeys = Pick<Config, "logLevel" | "logFormat">;

type DatabaseKeys = Pick<Config, "databasePath" | "databaseUrl" | "databasePathIgnored">;

function parseDatabase(values: RawValues): DatabaseKeys {
  const databaseUrl = values.optional("DATABASE_URL");
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    // never echoed: it may carry a password
    values.problems.push(
      "DATABASE_URL must be a PostgreSQL URL, postgres://USER:PASSWORD@HOST[:PORT]/DATABASE (unset it to use the SQLite file at DATABASE_PATH)",
    );
  }
  return {
    databasePath: values.get("DATABASE_PATH"),
    databaseUrl,
    databasePathIgnored: databaseUrl !== undefined && values.optional("DATABASE_PATH") !== undefined,
  };
}

/** postgres:// or postgresql:// with a host (DATABASE_URL, copy-store --to). */
export const isPostgresUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
};

function parseLogging(values: RawValues): LogKeys {
  const logFormat = values.optional("LOG_FORMAT");
  return {
    logLevel: values.oneOf("LOG_LEVEL", values.get("LOG_LEVEL").toLowerCase(), LOG_LEVELS),
    logFormat:
      logFormat === undefined
        ? undefined
        : values.oneOf(
            "LOG_FORMAT",
            logFormat.toLowerCase(),
            LOG_FORMATS,
            "; unset, it is pretty on a terminal, else json",
          ),
  };
}

/**
 * Validates raw string values. Returns the Config or throws ConfigError listing every problem.
 * Exported for tests; callers normally use loadConfig.
 */
export function parseConfig(raw: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const values = new RawValues(raw, problems);
  // the file's problems join the others (file:line: field …); its contributors KPI's target is MONTHLY_TARGET
  const monthlyTarget = values.positiveInt("MONTHLY_TARGET", Number.MAX_SAFE_INTEGER);
  const workstreamsFile = resolve(values.optional("WORKSTREAMS_FILE") ?? DEFAULT_WORKSTREAMS_FILE);
  const workstreams = readWorkstreamsFile(workstreamsFile, { monthlyTarget });
  const config: Config = {
    ...parseSlack(values),
    digestChannel: parseDigestChannel(values),
    port: values.positiveInt("PORT", 65535),
    ...parseGitLab(values),
    monthlyTarget,
    historyMonths: values.positiveInt("HISTORY_MONTHS", 120),
    ...parseSchedule(values),
    ...parseDatabase(values),
    ...parseLogging(values),
    ...parseBots(values),
    workstreamsFile,
    workstreams: workstreams.workstreams,
  };
  problems.push(...workstreams.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Reads `.env` and the environment (the environment wins) and validates. Throws ConfigError. */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const file =
    options.envFile === false ? { values: {}, warnings: [] } : readEnvFile(resolve(options.envFile ?? ".env"));
  const raw: Record<string, string | undefined> = { ...file.values };
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined) raw[key] = unquote(value);
  }
  try {
    return { config: parseConfig(raw), warnings: file.warnings };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.problems, file.warnings);
    throw error;
  }
}

export type SlackMode = "socket" | "http";

/**
 * What talking to Slack needs. `start` needs a bot token and a way to receive events;
 * `digest --post` and `check-pace` only post, so a bot token is enough.
 */
export function requireSlack(config: Config, need: "receive" | "post"): SlackMode {
  const problems: string[] = [];
  if (need === "receive" && (!config.slackBotToken || (!config.slackAppToken && !config.slackSigningSecret))) {
    problems.push(
      "start needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); " +
        "create the app from manifest.yml and copy them from its settings (or try `engagement-bot demo`, which needs none)",
    );
  } else if (!config.slackBotToken) {
    problems.push("posting to Slack needs SLACK_BOT_TOKEN (xoxb-…, from the app's OAuth & Permissions page)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config.slackAppToken ? "socket" : "http";
}
