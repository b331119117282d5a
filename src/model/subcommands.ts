/**
 * The `/engagement` slash command's subcommands, as data: the one list that the parser
 * (src/slack/command-parser.ts), the help card (src/slack/blocks/help-blocks.ts) and the manifest check
 * (test/manifest.test.ts, against manifest.yml's usage_hint) read. To add a subcommand: add it here, then
 * its parse rule in command-parser.ts and its answer under src/slack/answers/ (the compiler asks for both).
 */

/** The slash command, as registered with Slack (manifest.yml) and shown in every usage line. */
export const SLASH_COMMAND = "/engagement";

/** How many days back `issues [days]` may reach. */
export const ISSUE_DAYS: readonly [min: number, max: number] = [1, 365];

import { editDistance } from "./edit-distance.js";

/** A subcommand's one optional argument. */
export interface SubcommandArgument {
  /** as the help shows it, inside the brackets: "YYYY-MM", "days", "on|off" */
  name: string;
  /** the accepted whole numbers, named in the usage line of an error: "[days, 1–365]" */
  range?: readonly [min: number, max: number];
}

export interface Subcommand {
  name: string;
  argument?: SubcommandArgument;
  /** one line for the help card */
  help: string;
}

/** The argument of the subcommands that take a month (one rule for all of them: src/slack/command-parser.ts). */
const MONTH: SubcommandArgument = { name: "YYYY-MM" };

export const SUBCOMMANDS = [
  {
    name: "status",
    argument: MONTH,
    help: "contributors this month (or a month) vs the target, pace, epics, new issues",
  },
  {
    name: "contributors",
    argument: MONTH,
    help: "a month's contributors, first-timers and top 10 (default: this month)",
  },
  {
    name: "funnel",
    argument: MONTH,
    help: "the contributor funnel: first MRs and how many merge, new vs returning, retention, open MR age, drifting contributors",
  },
  { name: "epics", help: "progress of the working group's epics" },
  {
    name: "issues",
    argument: { name: "days", range: ISSUE_DAYS },
    help: "new User engagement issues (default: since the last digest)",
  },
  { name: "digest", help: "preview the weekly digest" },
  { name: "alerts", argument: { name: "on|off" }, help: "show, mute or unmute the channel's pace alerts" },
  {
    name: "record",
    argument: { name: "KPI VALUE [YYYY-MM]" },
    help: "record the workstreams' KPIs in a form, or one KPI's value (default month: the last complete one)",
  },
  {
    name: "kpi",
    argument: { name: "KPI" },
    help: "a workstream KPI's history and who recorded each value (default: all KPIs)",
  },
  { name: "help", help: "this list" },
] as const satisfies readonly Subcommand[];

export type SubcommandName = (typeof SUBCOMMANDS)[number]["name"];

export const SUBCOMMAND_NAMES: readonly SubcommandName[] = SUBCOMMANDS.map((s) => s.name);

type Entry = Subcommand & { name: SubcommandName };

const byName = new Map<string, Entry>(SUBCOMMANDS.map((s: Entry) => [s.name, s]));

/** The subcommand named `word` exactly (already lower-cased), or undefined. */
export const findSubcommand = (word: string): SubcommandName | undefined => byName.get(word)?.name;

/**
 * The subcommand `word` (lower-cased, not a subcommand) was most likely meant to be, for "did you mean …?": the one
 * it begins (at least 3 letters: "contrib"), else the nearest by edit distance (model/edit-distance.ts) within 1
 * for words of up to 4 letters and 2 for longer ones (ties: the first in the table); undefined when none is that
 * close — a wrong guess is worse than none.
 */
export function nearestSubcommand(word: string): SubcommandName | undefined {
  const length = [...word].length;
  if (length >= 3) {
    const begun = SUBCOMMAND_NAMES.filter((name) => name.startsWith(word));
    if (begun.length === 1) return begun[0];
  }
  const within = length <= 4 ? 1 : 2;
  let best: { name: SubcommandName; distance: number } | undefined;
  for (const name of SUBCOMMAND_NAMES) {
    const distance = editDistance(word, name);
    if (distance <= within && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

const entry = (name: SubcommandName): Entry => byName.get(name) as Entry;

/** How the help card and the manifest show it: "contributors [YYYY-MM]". */
export function synopsis(name: SubcommandName): string {
  const { argument } = entry(name);
  return argument === undefined ? name : `${name} [${argument.name}]`;
}

/** How a usage error shows it, with the accepted range: "issues [days, 1–365]". */
export function usageLine(name: SubcommandName): string {
  const { argument } = entry(name);
  if (argument?.range === undefined) return synopsis(name);
  return `${name} [${argument.name}, ${argument.range[0]}–${argument.range[1]}]`;
}

/** manifest.yml's `usage_hint`: every synopsis, in order, separated by " | ". */
export const usageHint = (): string => SUBCOMMAND_NAMES.map(synopsis).join(" | ");
