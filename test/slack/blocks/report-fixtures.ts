/** Hand-made Report fixtures: a typical mid-month report and generators for big months. */
import { monthStanding } from "../../../src/metrics/standing.js";
import type { EpicReport, KpiReport, NewIssue, Report, WorkstreamReport } from "../../../src/model/report.js";

/** 2026-11-15T12:00:00Z, the "now" of the typical report. */
export const NOW_MS = Date.parse("2026-11-15T12:00:00Z");
export const HOUR_MS = 3_600_000;

export function epic(overrides: Partial<EpicReport> = {}): EpicReport {
  return {
    ref: "gitlab-com&1795",
    title: "Technical content",
    state: "opened",
    webUrl: "https://gitlab.com/groups/gitlab-com/-/epics/1795",
    closedIssues: 3,
    totalIssues: 10,
    percent: 30,
    available: true,
    unavailableReason: null,
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    closedWeight: 0,
    totalWeight: 0,
    ...overrides,
  };
}

export function issue(index: number, overrides: Partial<NewIssue> = {}): NewIssue {
  const day = String(1 + (index % 28)).padStart(2, "0");
  return {
    ref: `gitlab-com/community#${100 + index}`,
    title: `Issue number ${index}`,
    webUrl: `https://gitlab.com/gitlab-com/community/-/issues/${100 + index}`,
    createdAt: `2026-11-${day}T08:00:00Z`,
    author: `author${index}`,
    kind: "issue",
    ...overrides,
  };
}

export function kpi(overrides: Partial<KpiReport> = {}): KpiReport {
  const month = overrides.month ?? "2026-10";
  return {
    id: "certifications-partner",
    title: "Partner certifications",
    source: "recorded",
    period: "cumulative",
    target: null,
    month,
    value: 45,
    previous: 40,
    recordedBy: "U0CERTS01",
    recordedAt: "2026-11-02T09:00:00.000Z",
    trend: [{ month, value: overrides.value === undefined ? 45 : overrides.value }],
    change: 5,
    percentOfTarget: null,
    owner: null,
    ...overrides,
  };
}

/** The three workstreams of the shipped workstreams.yml with the typical report's epics and numbers. */
export function workstreams(epics: readonly EpicReport[]): WorkstreamReport[] {
  const epicOf = (ref: string) => epics.find((e) => e.ref === ref) ?? null;
  return [
    {
      id: "brand-awareness",
      title: "Technical content (brand awareness)",
      epicRef: "gitlab-com&1795",
      epic: epicOf("gitlab-com&1795"),
      kpis: [
        kpi({
          id: "active-community-members",
          title: "Active community members",
          period: "monthly",
          target: 2000,
          value: 1500,
          previous: 1300,
          change: 200,
          percentOfTarget: 75,
        }),
      ],
    },
    {
      id: "devops-architect-certification",
      title: "DevOps Architect certification",
      epicRef: "gitlab-com/customer-success/professional-services-group&1277",
      epic: epicOf("gitlab-com/customer-success/professional-services-group&1277"),
      kpis: [
        kpi(),
        kpi({
          id: "certifications-total",
          title: "Certifications (total)",
          value: null,
          previous: 300,
          recordedBy: null,
          recordedAt: null,
          change: null,
          owner: "U0CERTS01",
        }),
      ],
    },
    {
      id: "contributors",
      title: "1,000 contributors/month",
      epicRef: "gitlab-com&1796",
      epic: epicOf("gitlab-com&1796"),
      kpis: [
        kpi({
          id: "contributors",
          title: "Wider-community contributors",
          source: "contributors",
          period: "monthly",
          month: "2026-11",
          target: 1000,
          value: 412,
          previous: 812,
          recordedBy: null,
          recordedAt: null,
          change: -400,
          percentOfTarget: 41.2,
        }),
      ],
    },
  ];
}

/**
 * The typical report with `overrides`; the derived figures (contributors.standing) are computed from the result as
 * buildReport does, so a test that changes the count sees the share, shortfall and change that go with it.
 */
export function report(overrides: Partial<Report> = {}): Report {
  const built: Report = {
    generatedAt: "2026-11-15T12:00:00Z",
    dataAsOf: "2026-11-15T11:45:00Z",
    timezone: "UTC",
    month: "2026-11",
    target: 1000,
    contributors: {
      count: 412,
      firstTime: 2,
      returning: 410,
      previousMonth: 812,
      previousMonthToDate: 812,
      expectedByNow: 480.5,
      projected: 857,
      ratio: 0.857,
      status: "at_risk",
      neededPerDay: 39.2,
      top: [
        { username: "ada", mergedCount: 12, name: "Ada Lovelace", webUrl: "https://gitlab.com/ada" },
        { username: "grace", mergedCount: 1, name: "Grace Hopper", webUrl: "https://gitlab.com/grace" },
      ],
      trend: [
        ...Array.from({ length: 12 }, (_, i) => ({
          month: i < 2 ? `2025-${String(11 + i)}` : `2026-${String(i - 1).padStart(2, "0")}`,
          count: 300 + i * 50,
        })),
        { month: "2026-11", count: 412 },
      ],
      firstTimers: [
        { username: "newbie", name: "New Person", webUrl: "https://gitlab.com/newbie" },
        { username: "second", name: "Second Person", webUrl: "https://gitlab.com/second" },
      ],
      elapsedFraction: 0.47,
      sinceLastDigest: { since: "2026-11-08T09:00:00Z", lastDigest: true, added: 57 },
      monthJustEnded: null,
      curve: "empirical",
      standing: monthStanding({ count: 0, previousMonth: 0, expectedByNow: 0 }, 0, "2026-11"),
    },
    epics: [
      epic(),
      epic({
        ref: "gitlab-com&1796",
        title: "1,000 contributors a month",
        webUrl: "https://gitlab.com/groups/gitlab-com/-/epics/1796",
        closedIssues: 0,
        totalIssues: 0,
        percent: null,
        dueDate: null,
      }),
      epic({
        ref: "gitlab-com/customer-success/professional-services-group&1277",
        title: "",
        webUrl: "",
        closedIssues: 0,
        totalIssues: 0,
        percent: null,
        available: false,
        unavailableReason: "403 Forbidden: epics need a GITLAB_TOKEN",
        dueDate: null,
      }),
    ],
    newIssues: [issue(1), issue(5, { kind: "epic", ref: "gitlab-com&9" })],
    newIssuesSince: "2026-11-08T09:00:00Z",
    sync: { lastSuccessAt: "2026-11-15T11:45:00Z", lastError: null, consecutiveFailures: 0 },
    workstreams: [],
    funnel: {
      months: [
        { month: "2026-06", openers: 640, firstTimeOpeners: 210, firstTimeOpenersMerged: 120 },
        { month: "2026-07", openers: 610, firstTimeOpeners: 190, firstTimeOpenersMerged: 101 },
        { month: "2026-08", openers: 655, firstTimeOpeners: 230, firstTimeOpenersMerged: 118 },
        { month: "2026-09", openers: 700, firstTimeOpeners: 250, firstTimeOpenersMerged: 122 },
        { month: "2026-10", openers: 690, firstTimeOpeners: 240, firstTimeOpenersMerged: 96 },
        { month: "2026-11", openers: 380, firstTimeOpeners: 140, firstTimeOpenersMerged: 31 },
      ],
    },
    retention: { cohortMonth: "2026-08", cohort: 118, retained: 41, rate: 0.347 },
    drifting: {
      count: 2,
      top: [
        {
          username: "kweber",
          name: "K. Weber",
          webUrl: "https://gitlab.com/kweber",
          lastMergedAt: "2026-08-20T10:00:00.000Z",
          mergedCount: 14,
        },
        {
          username: "ada",
          name: "Ada <Ortiz>",
          webUrl: "https://gitlab.com/ada",
          lastMergedAt: "2026-07-02T10:00:00.000Z",
          mergedCount: 5,
        },
      ],
    },
    openMrs: { count: 1240, medianAgeDays: 23.4, stalled: 410 },
    ...overrides,
  };
  const standing = monthStanding(built.contributors, built.target, built.month);
  // the workstreams carry the report's epics, as buildReport's do (src/metrics/workstream-report.ts)
  return {
    ...built,
    contributors: { ...built.contributors, standing },
    workstreams: overrides.workstreams ?? workstreams(built.epics),
  };
}

export const NASTY_TITLE = "<!channel> & <b>";
export const ESCAPED_NASTY = "&lt;!channel&gt; &amp; &lt;b&gt;";

/** The worst month we expect: 60 issues, 200 first-timers, 30 epics, 3,000-character titles. */
export function bigReport(): Report {
  const long = `${NASTY_TITLE} ${"x".repeat(3000)}`;
  const base = report();
  return report({
    contributors: {
      ...base.contributors,
      firstTime: 200,
      firstTimers: Array.from({ length: 200 }, (_, i) => ({
        username: `first${i}`,
        name: i % 10 === 0 ? long : `First Timer ${i}`,
        webUrl: `https://gitlab.com/first${i}`,
      })),
      top: Array.from({ length: 10 }, (_, i) => ({
        username: `top${i}`,
        mergedCount: 50 - i,
        name: long,
        webUrl: `https://gitlab.com/top${i}`,
      })),
    },
    epics: Array.from({ length: 30 }, (_, i) =>
      epic({ ref: `gitlab-com&${2000 + i}`, title: long, webUrl: `https://gitlab.com/groups/gitlab-com/-/epics/${i}` }),
    ),
    newIssues: Array.from({ length: 60 }, (_, i) => issue(i, { title: long, author: long })),
    sync: { lastSuccessAt: "2026-11-01T00:00:00Z", lastError: long, consecutiveFailures: 7 },
  });
}

/** All text of a message's blocks, for content assertions. */
export function allText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") parts.push(node);
    else if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node !== null && typeof node === "object") for (const item of Object.values(node)) walk(item);
  };
  walk(value);
  return parts.join("\n");
}
