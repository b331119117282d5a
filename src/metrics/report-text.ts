/** The readable terminal rendering of a Report, for `engagement-bot status`. Plain text, no colours. */
import type { PaceStatus, Report } from "../model/report.js";

export const STATUS_WORDS: Record<PaceStatus, string> = {
  on_track: "on track",
  at_risk: "at risk",
  behind: "behind",
  unknown: "too early to tell",
};

const BAR_WIDTH = 30;
/** A terminal is no place for hundreds of names; the JSON has the count, Slack's thread the full list. */
const FIRST_TIMERS_SHOWN = 40;
const SPARK = "▁▂▃▄▅▆▇█";

/** `[#########.....]` for value / total, clipped to full. */
export function progressBar(value: number, total: number, width = BAR_WIDTH): string {
  const filled = total > 0 ? Math.min(width, Math.round((value / total) * width)) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

/** One block character per value, scaled to the largest (all lowest when every value is 0). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v) => SPARK[max > 0 ? Math.min(SPARK.length - 1, Math.floor((v / max) * (SPARK.length - 1))) : 0])
    .join("");
}

const percentText = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

export function renderReportText(report: Report): string {
  const c = report.contributors;
  const lines: string[] = [];
  lines.push(`Contributors ${report.month} (${report.timezone}), generated ${report.generatedAt}`);
  lines.push(`  data as of ${report.dataAsOf ?? "never synced"}`);
  if (report.sync.consecutiveFailures > 0) {
    lines.push(
      `  last ${report.sync.consecutiveFailures} sync run(s) failed: ${report.sync.lastError ?? "unknown error"}`,
    );
  }
  lines.push("");
  lines.push(
    `  ${c.count} / ${report.target}  ${STATUS_WORDS[c.status]}  ${progressBar(c.count, report.target)} ${percentText(
      report.target > 0 ? c.count / report.target : 0,
    )}`,
  );
  lines.push(
    `  expected by now ${c.expectedByNow.toFixed(1)}  ratio ${c.ratio.toFixed(3)}  projected ${c.projected}  needed ${c.neededPerDay.toFixed(1)}/day`,
  );
  lines.push(
    `  month elapsed ${percentText(c.elapsedFraction)} (${c.curve} curve)  first-time ${c.firstTime}  previous month ${c.previousMonth}`,
  );
  const first = c.trend[0];
  const last = c.trend[c.trend.length - 1];
  if (first && last) {
    lines.push(
      `  trend ${first.month} ${sparkline(c.trend.map((t) => t.count))} ${last.month}  (${c.trend.map((t) => t.count).join(" ")})`,
    );
  }

  lines.push("", "Top contributors");
  if (c.top.length === 0) lines.push("  none yet");
  const nameWidth = Math.max(0, ...c.top.map((t) => t.username.length));
  c.top.forEach((t, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${t.username.padEnd(nameWidth)}  ${t.mergedCount}`);
  });

  if (c.firstTimers.length > 0) {
    lines.push("", `First-time contributors (${c.firstTimers.length})`);
    const shown = c.firstTimers.slice(0, FIRST_TIMERS_SHOWN).map((f) => f.username);
    const more = c.firstTimers.length - shown.length;
    lines.push(`  ${shown.join(", ")}${more > 0 ? `, and ${more} more (see --json)` : ""}`);
  }

  lines.push("", "Epics");
  if (report.epics.length === 0) lines.push("  none configured");
  for (const epic of report.epics) {
    const progress = !epic.available
      ? `unavailable (${epic.unavailableReason ?? "unknown reason"})`
      : epic.percent === null
        ? "no issues yet"
        : `${epic.closedIssues}/${epic.totalIssues} ${progressBar(epic.closedIssues, epic.totalIssues, 20)} ${epic.percent.toFixed(1)} %`;
    lines.push(`  ${epic.ref}  ${epic.title}${epic.state === "closed" ? " (closed)" : ""}`);
    lines.push(`    ${progress}`);
  }

  lines.push("", `New issues since ${report.newIssuesSince}`);
  if (report.newIssues.length === 0) lines.push("  none");
  for (const issue of report.newIssues) {
    lines.push(`  ${issue.createdAt.slice(0, 10)}  ${issue.ref}  ${issue.title}  (@${issue.author})`);
  }
  return `${lines.join("\n")}\n`;
}
