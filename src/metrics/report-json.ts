/**
 * The public JSON of `status --json` (DESIGN §6): exactly these keys in this order, nothing of the "detail" fields.
 * The one addition to §6 is `epics[].available` (false when GitLab refused the epic or it is not synced yet), so a
 * consumer can tell "0 of 0 issues" from "could not read the epic".
 */
import type { PaceStatus, Report } from "../model/report.js";

export interface ReportJson {
  generatedAt: string;
  dataAsOf: string | null;
  timezone: string;
  month: string;
  target: number;
  contributors: {
    count: number;
    firstTime: number;
    previousMonth: number;
    expectedByNow: number;
    projected: number;
    ratio: number;
    status: PaceStatus;
    neededPerDay: number;
    top: { username: string; mergedCount: number }[];
    trend: { month: string; count: number }[];
  };
  epics: {
    ref: string;
    title: string;
    state: "opened" | "closed";
    webUrl: string;
    closedIssues: number;
    totalIssues: number;
    percent: number | null;
    available: boolean;
  }[];
  newIssues: { ref: string; title: string; webUrl: string; createdAt: string; author: string }[];
}

export function toReportJson(report: Report): ReportJson {
  const c = report.contributors;
  return {
    generatedAt: report.generatedAt,
    dataAsOf: report.dataAsOf,
    timezone: report.timezone,
    month: report.month,
    target: report.target,
    contributors: {
      count: c.count,
      firstTime: c.firstTime,
      previousMonth: c.previousMonth,
      expectedByNow: c.expectedByNow,
      projected: c.projected,
      ratio: c.ratio,
      status: c.status,
      neededPerDay: c.neededPerDay,
      top: c.top.map((t) => ({ username: t.username, mergedCount: t.mergedCount })),
      trend: c.trend.map((t) => ({ month: t.month, count: t.count })),
    },
    epics: report.epics.map((e) => ({
      ref: e.ref,
      title: e.title,
      state: e.state,
      webUrl: e.webUrl,
      closedIssues: e.closedIssues,
      totalIssues: e.totalIssues,
      percent: e.percent,
      available: e.available,
    })),
    newIssues: report.newIssues.map((i) => ({
      ref: i.ref,
      title: i.title,
      webUrl: i.webUrl,
      createdAt: i.createdAt,
      author: i.author,
    })),
  };
}
