/**
 * The command line's help (README, "Command line"): each command's usage in one place, shown by `<command> --help`,
 * `help <command>` and after a usage error; the full help text is built from the same entries.
 */
import type { Verb } from "./args.js";

interface CommandUsage {
  /** the command and its flags, as typed */
  synopsis: string;
  /** what it does, one line for the command list */
  summary: string;
  /** more lines for the command's own help */
  details?: string[];
  options?: Array<[flag: string, meaning: string]>;
}

export const COMMAND_USAGE: Record<Verb, CommandUsage> = {
  start: {
    synopsis: "start",
    summary: "run the bot: Slack listeners + scheduled sync, digest and pace alerts",
    details: [
      "Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).",
      "Stops cleanly on SIGTERM or SIGINT.",
    ],
  },
  sync: {
    synopsis: "sync [--reconcile]",
    summary: "one incremental GitLab sync into the store; prints what it fetched",
    options: [["--reconcile", "also drop MRs whose community label was removed"]],
  },
  status: {
    synopsis: "status [--month YYYY-MM] [--json] [--no-sync]",
    summary: "the status report from the store (after a sync unless --no-sync)",
    options: [
      ["--month YYYY-MM", "a past month instead of the current one (in TIMEZONE)"],
      ["--json", "print the Report model instead of text"],
      ["--no-sync", "answer from the store without syncing GitLab first"],
    ],
  },
  digest: {
    synopsis: "digest [--post] [--json]",
    summary: "render the weekly digest (text); --post posts it to DIGEST_CHANNEL once per week",
    options: [
      ["--post", "post it to DIGEST_CHANNEL (once per ISO week; a second run says where it was posted)"],
      ["--json", "print the Block Kit messages instead of text"],
    ],
  },
  "check-pace": {
    synopsis: "check-pace",
    summary: "evaluate the month's pace; post an alert only when the status changed",
    details: ["Needs SLACK_BOT_TOKEN; alerts go to DIGEST_CHANNEL."],
  },
  demo: {
    synopsis: "demo",
    summary: "simulated GitLab on 127.0.0.1 + temporary store: status report and digest, no tokens, no network",
    details: ["Also writes the trend chart to a PNG in the temporary directory and prints its path."],
  },
  funnel: {
    synopsis: "funnel [--month YYYY-MM] [--json] [--no-sync]",
    summary: "openers, first-time openers and how many merged, retention, drifting, open MR age (after a sync)",
    options: [
      ["--month YYYY-MM", "a past month instead of the current one (in TIMEZONE)"],
      ["--json", "print the funnel's keys of the Report instead of text"],
      ["--no-sync", "answer from the store without syncing GitLab first"],
    ],
  },
  contributors: {
    synopsis: "contributors [--month YYYY-MM] [--csv|--json]",
    summary: "every counted contributor of the month with the MRs behind them, as CSV (or JSON)",
    details: [
      "One row per contributor after the header user_id,username,name,merged_mrs,first_time,mr_urls:",
      "as many rows as status counts contributors, first_time=true as many as it counts first-time.",
      "Reads the store only (no GitLab sync): run engagement-bot sync first for the latest.",
    ],
    options: [
      ["--month YYYY-MM", "a past month instead of the current one (in TIMEZONE)"],
      ["--csv", "CSV, RFC 4180 (the default)"],
      ["--json", "JSON instead: month, count, firstTime and contributors[]"],
    ],
  },
  chart: {
    synopsis: "chart [--month YYYY-MM] --out FILE.png",
    summary: "write the trend chart the digest carries (PNG) after a sync",
    options: [
      ["--month YYYY-MM", "a past month instead of the current one (in TIMEZONE)"],
      ["--out FILE.png", "where to write the PNG (required)"],
    ],
  },
  record: {
    synopsis: "record KPI VALUE [--month YYYY-MM] [--by NAME]",
    summary: "record a workstream KPI's value for a month (a correction supersedes, the history keeps both)",
    details: [
      "KPI is a recorded KPI of WORKSTREAMS_FILE (engagement-bot kpis lists them); VALUE a whole number ≥ 0.",
      "In Slack: /engagement record (a form) or /engagement record KPI VALUE [YYYY-MM].",
    ],
    options: [
      ["--month YYYY-MM", "the month the value is for (default: the last complete month, in TIMEZONE)"],
      ["--by NAME", "who recorded it (default: the user running the command)"],
      ["--confirm-decrease", "record a cumulative total lower than an earlier month's (a correction)"],
    ],
  },
  kpis: {
    synopsis: "kpis [--json]",
    summary: "every workstream KPI with its latest value, target, month and who recorded it",
    details: ["Reads the store only (no GitLab sync)."],
    options: [["--json", "print them as JSON"]],
  },
  "copy-store": {
    synopsis: "copy-store --to postgres://… [--force]",
    summary: "copy the SQLite store (DATABASE_PATH) into a PostgreSQL database: history, ledger and settings",
    details: [
      "Every table, as stored: no new backfill, and a digest already posted this week is not posted again.",
      "Prints the rows copied per table, counted in the target. Then set DATABASE_URL to that database.",
    ],
    options: [
      ["--to URL", "the PostgreSQL database to copy into (migrated to this version first)"],
      ["--force", "replace what the target holds (without it, a target that is not empty is refused, exit 2)"],
    ],
  },
};

const FOOTER = `Configuration comes from .env and the environment (see .env.example).
Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration.`;

const column = (left: string, right: string, width: number): string =>
  left.length <= width ? `  ${left.padEnd(width)} ${right}` : `  ${left}\n  ${" ".repeat(width)} ${right}`;

/** `Usage: engagement-bot status [...]`, what it does and its options. */
export function commandUsage(verb: Verb): string {
  const usage = COMMAND_USAGE[verb];
  const options = [...(usage.options ?? []), ["-h, --help", "this help"] as [string, string]];
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `Usage: engagement-bot ${usage.synopsis}`,
    "",
    `${usage.summary[0]?.toUpperCase()}${usage.summary.slice(1)}.`,
    ...(usage.details ?? []),
    "",
    "Options:",
    ...options.map(([flag, meaning]) => column(flag, meaning, width)),
  ].join("\n");
}

/** The help of a command, with the configuration and exit-code lines. */
export const commandHelp = (verb: Verb): string => `${commandUsage(verb)}\n\n${FOOTER}`;

/** After an unknown command: where to look. */
export const SHORT_USAGE =
  "Usage: engagement-bot <command> [options]; engagement-bot --help lists the commands, engagement-bot help <command> shows one";

const COLUMN = 30;

export const USAGE_TEXT = `engagement-bot — GitLab User Engagement working group's Slack bot

Usage: engagement-bot <command> [options]

Commands:
${Object.values(COMMAND_USAGE)
  .map((usage) => column(usage.synopsis, usage.summary, COLUMN))
  .join("\n")}

Options:
${column("-h, --help", "this help (also: engagement-bot <command> --help, engagement-bot help <command>)", COLUMN)}
${column("-v, --version", "the version", COLUMN)}

${FOOTER}`;
