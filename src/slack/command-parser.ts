/**
 * `/engagement <text>` -> which subcommand, with its arguments checked. Pure: no Slack, no store.
 * The subcommands, their arguments and ranges come from src/model/subcommands.ts; this file says how each
 * argument is read. Month arguments are checked for shape here and for range (not in the future) by the
 * answer (src/slack/answers/contributors.ts), which knows the clock and the time zone.
 */
import { findSubcommand, ISSUE_DAYS, nearestSubcommand, type SubcommandName, usageLine } from "../model/subcommands.js";

export type ParsedCommand =
  | { kind: "status"; month: string | undefined }
  | { kind: "contributors"; month: string | undefined }
  | { kind: "funnel"; month: string | undefined }
  | { kind: "epics" }
  | { kind: "issues"; days: number | undefined }
  | { kind: "digest" }
  | { kind: "alerts"; toggle: "on" | "off" | undefined }
  | { kind: "help" }
  /** no entry: open the form; an entry: record that one value (month default: the last complete one) */
  | { kind: "record"; entry: { kpi: string; value: string; month: string | undefined } | undefined }
  | { kind: "kpi"; kpi: string | undefined }
  /** `suggestion`: the subcommand the word most likely meant ("did you mean `status`?"), if any is close */
  | { kind: "unknown"; word: string; suggestion: SubcommandName | undefined }
  | { kind: "usage"; problem: string; usage: string };

/** Usage lines, without the command itself (the renderer puts `/engagement` in front). */
export const USAGE = {
  status: usageLine("status"),
  contributors: usageLine("contributors"),
  funnel: usageLine("funnel"),
  epics: usageLine("epics"),
  issues: usageLine("issues"),
  digest: usageLine("digest"),
  alerts: usageLine("alerts"),
  record: usageLine("record"),
  kpi: usageLine("kpi"),
  help: usageLine("help"),
} as const satisfies Record<SubcommandName, string>;

/** Longest argument text echoed back to the user (Slack commands can carry thousands of characters). */
const ECHO_LIMIT = 40;

export const clip = (text: string, limit = ECHO_LIMIT): string =>
  [...text].length > limit ? `${[...text].slice(0, limit).join("")}…` : text;

const usage = (name: SubcommandName, problem: string): ParsedCommand => ({
  kind: "usage",
  problem,
  usage: USAGE[name],
});

const tooMany = (name: SubcommandName, extra: string[]): ParsedCommand =>
  usage(name, `\`${name}\` takes no arguments (got "${clip(extra.join(" "))}").`);

/** A subcommand without arguments. */
const bare =
  (kind: "epics" | "digest" | "help") =>
  (rest: string[]): ParsedCommand =>
    rest.length > 0 ? tooMany(kind, rest) : { kind };

/** A subcommand with one optional argument; a second word is refused the way a bare subcommand refuses any. */
const optional =
  (name: SubcommandName, read: (argument: string | undefined) => ParsedCommand) =>
  (rest: string[]): ParsedCommand =>
    rest.length > 1 ? tooMany(name, rest.slice(1)) : read(rest[0]);

/** A subcommand whose one optional argument is a month, YYYY-MM (its range is the answer's to check). */
const optionalMonth = (kind: "status" | "contributors" | "funnel") =>
  optional(kind, (month) => {
    if (month === undefined) return { kind, month: undefined };
    if (!/^\d{4}-\d{2}$/.test(month)) {
      return usage(kind, `The month must look like YYYY-MM, e.g. 2026-10 (got "${clip(month)}").`);
    }
    return { kind, month };
  });

const PARSERS: Record<SubcommandName, (rest: string[]) => ParsedCommand> = {
  status: optionalMonth("status"),
  epics: bare("epics"),
  digest: bare("digest"),
  help: bare("help"),
  contributors: optionalMonth("contributors"),
  funnel: optionalMonth("funnel"),
  issues: optional("issues", (days) => {
    if (days === undefined) return { kind: "issues", days: undefined };
    const value = /^\d{1,6}$/.test(days) ? Number(days) : Number.NaN;
    const [min, max] = ISSUE_DAYS;
    if (!Number.isInteger(value) || value < min || value > max) {
      return usage("issues", `Days must be a whole number from ${min} to ${max} (got "${clip(days)}").`);
    }
    return { kind: "issues", days: value };
  }),
  alerts: optional("alerts", (word) => {
    const toggle = word?.toLowerCase();
    if (toggle === undefined) return { kind: "alerts", toggle: undefined };
    if (toggle !== "on" && toggle !== "off")
      return usage("alerts", `Say \`on\` or \`off\` (got "${clip(word ?? "")}").`);
    return { kind: "alerts", toggle };
  }),
  record: (rest) => {
    const [kpi, value, month, ...extra] = rest;
    if (kpi === undefined) return { kind: "record", entry: undefined };
    if (value === undefined) return usage("record", `Give the value too, e.g. \`record ${clip(kpi)} 1250\`.`);
    if (extra.length > 0) {
      return usage("record", `\`record\` takes KPI VALUE [YYYY-MM], no more (got "${clip(extra.join(" "))}" too).`);
    }
    if (month !== undefined && !/^\d{4}-\d{2}$/.test(month)) {
      return usage("record", `The month must look like YYYY-MM, e.g. 2026-10 (got "${clip(month)}").`);
    }
    // the KPI and the value are checked by the answer, which knows the workstreams and the history
    return { kind: "record", entry: { kpi: kpi.toLowerCase(), value, month } };
  },
  kpi: optional("kpi", (kpi) => ({ kind: "kpi", kpi: kpi?.toLowerCase() })),
};

export function parseEngagementCommand(text: string): ParsedCommand {
  const words = text
    .normalize("NFKC")
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const [first, ...rest] = words;
  if (first === undefined) return { kind: "help" };
  const word = first.toLowerCase();
  const name = findSubcommand(word);
  if (name === undefined) return { kind: "unknown", word: clip(first), suggestion: nearestSubcommand(word) };
  return PARSERS[name](rest);
}
