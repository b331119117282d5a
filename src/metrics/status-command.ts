/**
 * The pure half of `engagement-bot status [--month YYYY-MM] [--json] [--no-sync]`: argument parsing and output.
 * main.ts reads the store, calls buildReport and prints; StatusArgsError and MonthArgError mean exit code 2.
 */
import { parseMonthArg } from "./calendar.js";
import { StatusArgsError } from "./errors.js";
import type { Report } from "./report.js";
import { toReportJson } from "./report-json.js";
import { renderReportText } from "./report-text.js";

export interface StatusArgs {
  /** validated YYYY-MM, not in the future; undefined = the current month */
  month: string | undefined;
  json: boolean;
  /** false with --no-sync */
  sync: boolean;
}

export const STATUS_USAGE = "usage: engagement-bot status [--month YYYY-MM] [--json] [--no-sync]";

/** Parses the arguments after `status`. Throws StatusArgsError or MonthArgError (both: exit 2). */
export function parseStatusArgs(args: readonly string[], nowMs: number, timeZone: string): StatusArgs {
  const result: StatusArgs = { month: undefined, json: false, sync: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") result.json = true;
    else if (arg === "--no-sync") result.sync = false;
    else if (arg === "--month" || arg.startsWith("--month=")) {
      const value = arg === "--month" ? args[++i] : arg.slice("--month=".length);
      if (value === undefined) throw new StatusArgsError(`--month needs a value like 2026-11\n${STATUS_USAGE}`);
      result.month = parseMonthArg(value, nowMs, timeZone);
    } else {
      throw new StatusArgsError(`unknown argument "${arg}" for status\n${STATUS_USAGE}`);
    }
  }
  return result;
}

/** What `status` prints: the text table, or the DESIGN §6 JSON with --json. */
export function renderStatusOutput(report: Report, json: boolean): string {
  return json ? `${JSON.stringify(toReportJson(report), null, 2)}\n` : renderReportText(report);
}
