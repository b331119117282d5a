/** New labelled issues and epics since an instant (the last digest, or a window the user asked for). */
import type { LabelledItem } from "../model/records.js";
import type { NewIssue } from "../model/report.js";
import { DAY_MS } from "./calendar.js";

/** With no digest yet and no window asked for, new issues are those of the last 7 days. */
export const DEFAULT_NEW_ISSUE_DAYS = 7;

export interface NewIssuesWindow {
  /** the last N days before now */
  days?: number;
  /** else the last digest (ISO), when there was one */
  lastDigestAt?: string | null;
}

/** The instant new issues are counted from: now − days, else the last digest, else now − 7 days. */
export function newIssuesSinceMs(window: NewIssuesWindow, nowMs: number): number {
  if (window.days !== undefined) return nowMs - window.days * DAY_MS;
  if (window.lastDigestAt) {
    const digestMs = Date.parse(window.lastDigestAt);
    if (Number.isFinite(digestMs)) return digestMs;
  }
  return nowMs - DEFAULT_NEW_ISSUE_DAYS * DAY_MS;
}

/** Items (issues and epics) created at or after `sinceMs`, newest first, ties by ref. */
export function newIssuesSince(items: readonly LabelledItem[], sinceMs: number): NewIssue[] {
  return items
    .map((item) => ({ item, createdMs: Date.parse(item.createdAt) }))
    .filter(({ createdMs }) => Number.isFinite(createdMs) && createdMs >= sinceMs)
    .sort((a, b) => b.createdMs - a.createdMs || (a.item.ref < b.item.ref ? -1 : a.item.ref > b.item.ref ? 1 : 0))
    .map(
      ({ item }): NewIssue => ({
        ref: item.ref,
        title: item.title,
        webUrl: item.webUrl,
        createdAt: item.createdAt,
        author: item.author,
        kind: item.kind,
      }),
    );
}

/** Newest first, as every list of them is shown; an unparsable date sorts last. */
export function newestFirst(issues: readonly NewIssue[]): NewIssue[] {
  const time = (issue: NewIssue) => {
    const ms = Date.parse(issue.createdAt);
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return [...issues].sort((a, b) => time(b) - time(a));
}
