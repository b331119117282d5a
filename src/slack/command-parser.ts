/**
 * `/engagement <text>` -> which subcommand, with its arguments checked. Pure: no Slack, no store.
 * Month arguments are checked for shape here and for range (not in the future) by the handler,
 * which knows the clock and the time zone.
 */

export type ParsedCommand =
  | { kind: "status" }
  | { kind: "contributors"; month: string | undefined }
  | { kind: "epics" }
  | { kind: "issues"; days: number | undefined }
  | { kind: "digest" }
  | { kind: "alerts"; toggle: "on" | "off" | undefined }
  | { kind: "help" }
  | { kind: "unknown"; word: string }
  | { kind: "usage"; problem: string; usage: string };

export const MAX_ISSUE_DAYS = 365;

/** Usage lines, without the command itself (the renderer puts `/engagement` in front). */
export const USAGE = {
  status: "status",
  contributors: "contributors [YYYY-MM]",
  epics: "epics",
  issues: `issues [days, 1–${MAX_ISSUE_DAYS}]`,
  digest: "digest",
  alerts: "alerts [on|off]",
  help: "help",
} as const;

type Name = keyof typeof USAGE;

const NAMES = Object.keys(USAGE) as Name[];

/** Longest argument text echoed back to the user (Slack commands can carry thousands of characters). */
const ECHO_LIMIT = 40;

export const clip = (text: string, limit = ECHO_LIMIT): string =>
  [...text].length > limit ? `${[...text].slice(0, limit).join("")}…` : text;

const noArguments = (name: Name, rest: string[]): ParsedCommand | null =>
  rest.length > 0
    ? { kind: "usage", problem: `\`${name}\` takes no arguments (got "${clip(rest.join(" "))}").`, usage: USAGE[name] }
    : null;

export function parseEngagementCommand(text: string): ParsedCommand {
  const words = text
    .normalize("NFKC")
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const [first, ...rest] = words;
  if (first === undefined) return { kind: "help" };
  const name = first.toLowerCase();
  if (!(NAMES as string[]).includes(name)) return { kind: "unknown", word: clip(first) };

  switch (name as Name) {
    case "status":
    case "epics":
    case "digest":
    case "help":
      return noArguments(name as Name, rest) ?? ({ kind: name } as ParsedCommand);
    case "contributors": {
      if (rest.length > 1) return noArguments("contributors", rest.slice(1)) as ParsedCommand;
      const month = rest[0];
      if (month === undefined) return { kind: "contributors", month: undefined };
      if (!/^\d{4}-\d{2}$/.test(month)) {
        return {
          kind: "usage",
          problem: `The month must look like YYYY-MM, e.g. 2026-10 (got "${clip(month)}").`,
          usage: USAGE.contributors,
        };
      }
      return { kind: "contributors", month };
    }
    case "issues": {
      if (rest.length > 1) return noArguments("issues", rest.slice(1)) as ParsedCommand;
      const days = rest[0];
      if (days === undefined) return { kind: "issues", days: undefined };
      const value = /^\d{1,6}$/.test(days) ? Number(days) : Number.NaN;
      if (!Number.isInteger(value) || value < 1 || value > MAX_ISSUE_DAYS) {
        return {
          kind: "usage",
          problem: `Days must be a whole number from 1 to ${MAX_ISSUE_DAYS} (got "${clip(days)}").`,
          usage: USAGE.issues,
        };
      }
      return { kind: "issues", days: value };
    }
    case "alerts": {
      if (rest.length > 1) return noArguments("alerts", rest.slice(1)) as ParsedCommand;
      const toggle = rest[0]?.toLowerCase();
      if (toggle === undefined) return { kind: "alerts", toggle: undefined };
      if (toggle !== "on" && toggle !== "off") {
        return { kind: "usage", problem: `Say \`on\` or \`off\` (got "${clip(rest[0] ?? "")}").`, usage: USAGE.alerts };
      }
      return { kind: "alerts", toggle };
    }
  }
}
