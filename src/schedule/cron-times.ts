/**
 * When a cron expression fires, counted from any instant (node-cron's own getNextRuns always starts from the real
 * clock, which tests and catch-up cannot use). Matching is node-cron's (task.match in the time zone), so the
 * answer is what the running task does: across a DST change a wall time that does not exist is skipped and one
 * that happens twice fires twice, like node-cron's runner.
 */
import { createTask, parse } from "node-cron";
import { dateTimeFormat, zonedDateParts } from "../metrics/calendar.js";

const MINUTE_MS = 60_000;
/** No sensible schedule is further apart than a year; an expression like "0 0 30 2 *" never fires. */
const DEFAULT_WINDOW_MS = 400 * 86_400_000;

/** Calls `visit` with each firing instant in (fromMs, toMs], in order, until it returns false. */
function walkRuns(expression: string, timeZone: string, fromMs: number, toMs: number, visit: (ms: number) => boolean) {
  const fields = parse(expression);
  const hours = new Set(fields.hour);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const task = createTask(expression, () => undefined, { timezone: timeZone, name: `next-runs ${expression}` });
  try {
    let minute = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
    while (minute <= toMs) {
      const local = zonedDateParts(minute, timeZone);
      if (!hours.has(local.hour)) {
        // Jump to the next local hour: offsets are whole minutes, so local minute 0 is (60 - minute) minutes on.
        minute += (60 - local.minute) * MINUTE_MS;
        continue;
      }
      for (const second of seconds) {
        const at = minute + second * 1000;
        if (at > fromMs && at <= toMs && task.match(new Date(at)) && !visit(at)) return;
      }
      minute += MINUTE_MS;
    }
  } finally {
    task.destroy();
  }
}

/** The next `count` firing instants strictly after `from`. */
export function nextRunsFrom(expression: string, timeZone: string, from: Date, count: number): Date[] {
  const runs: Date[] = [];
  if (count <= 0) return runs;
  walkRuns(expression, timeZone, from.getTime(), from.getTime() + DEFAULT_WINDOW_MS, (ms) => {
    runs.push(new Date(ms));
    return runs.length < count;
  });
  return runs;
}

/** Every firing instant in (fromMs, toMs]. */
export function runsBetween(expression: string, timeZone: string, fromMs: number, toMs: number): Date[] {
  const runs: Date[] = [];
  walkRuns(expression, timeZone, fromMs, toMs, (ms) => {
    runs.push(new Date(ms));
    return true;
  });
  return runs;
}

const RUN_TIME: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/** A run time as an operator reads it in the log: "Mon 7 Dec 09:00 UTC" (the wall time in `timeZone`). */
export function formatRunTime(at: Date, timeZone: string): string {
  const formatter = dateTimeFormat("en-GB", timeZone, RUN_TIME);
  const parts = formatter.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("hour")}:${part("minute")} ${timeZone}`;
}
