/**
 * The readable terminal rendering of a Report, for `engagement-bot status`: the Report's own figures at the precision
 * of its JSON, in the words and pictures every surface shares (src/wording/). Plain text, no colours.
 */
import type { Report } from "../model/report.js";
import { sparkline } from "../wording/bars.js";
import { previousMonthText } from "../wording/comparison.js";
import { epicProgressWords } from "../wording/epics.js";
import { formatPeople } from "../wording/numbers.js";
import { projectedFigure, targetBar } from "../wording/pace.js";
import { statusWords } from "../wording/status.js";
import { plainText } from "./plain-text.js";
import { workstreamTextLines } from "./workstream-text.js";

/** A terminal is no place for hundreds of names; the JSON has the count, Slack's thread the full list. */
const FIRST_TIMERS_SHOWN = 40;

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
  lines.push(`  ${c.count} / ${report.target}  ${statusWords(c.status)}  ${targetBar(report)}`);
  lines.push(
    `  expected by now ${formatPeople(c.expectedByNow)}  ratio ${c.ratio.toFixed(3)}  projected ${projectedFigure(report)}  needed ${formatPeople(c.neededPerDay, "up")}/day`,
  );
  lines.push(
    `  month elapsed ${percentText(c.elapsedFraction)} (${c.curve} curve)  first-time ${c.firstTime}  previous month ${previousMonthText(report)}`,
  );
  const first = c.trend[0];
  const last = c.trend[c.trend.length - 1];
  if (first && last) {
    lines.push(
      `  trend ${first.month}–${last.month}  (${c.trend.map((t) => t.count).join(" ")})  ${sparkline(c.trend.map((t) => t.count))}`,
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

  lines.push("", "Workstreams", ...workstreamTextLines(report));

  lines.push("", "Epics");
  if (report.epics.length === 0) lines.push("  none configured");
  for (const epic of report.epics) {
    lines.push(`  ${epic.ref}  ${epic.title}${epic.state === "closed" ? " (closed)" : ""}`);
    lines.push(`    ${epicProgressWords(epic, plainText)}`);
  }

  lines.push("", `New issues since ${report.newIssuesSince}`);
  if (report.newIssues.length === 0) lines.push("  none");
  for (const issue of report.newIssues) {
    lines.push(`  ${issue.createdAt.slice(0, 10)}  ${issue.ref}  ${issue.title}  (@${issue.author})`);
  }
  return `${lines.join("\n")}\n`;
}
