/**
 * The workstream KPI messages: the confirmation after recording (form or `/engagement record KPI VALUE`), one KPI's
 * history with who recorded each value (`/engagement kpi KPI`) and the list of every KPI (`/engagement kpi`). Pure.
 */
import type { KpiSummary, RecordedKpiValue } from "../../metrics/kpi-values.js";
import { SLASH_COMMAND } from "../../model/subcommands.js";
import { type KpiDefinition, type KpiValue, SLACK_USER_ID } from "../../model/workstreams.js";
import { monthLabel } from "../../wording/dates.js";
import { counted, formatNumber } from "../../wording/numbers.js";
import { context, header, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { slackDate } from "./format.js";
import { enforceLimits } from "./limits.js";
import { inlineCode, safeText } from "./mrkdwn.js";

/** A Slack user ID as a mention, a CLI --by name as text. */
export const recorderText = (who: string): string => (SLACK_USER_ID.test(who) ? `<@${who}>` : safeText(who, 80));

const recordedLine = (kpi: KpiDefinition, { value, superseded }: RecordedKpiValue): string =>
  `• *${safeText(kpi.title, 150)}*: ${formatNumber(value.value)}` +
  (superseded === null
    ? ""
    : ` (corrects ${formatNumber(superseded.value)}, recorded by ${recorderText(superseded.recordedBy)})`);

/** "Recorded for October 2026: …", with what each value replaced. */
export function recordedMessage(
  recorded: ReadonlyArray<{ kpi: KpiDefinition; recorded: RecordedKpiValue }>,
  unchanged: readonly KpiDefinition[] = [],
): SlackMessage {
  const month = recorded[0]?.recorded.value.month ?? "";
  const lines = recorded.map((entry) => recordedLine(entry.kpi, entry.recorded));
  const kept =
    unchanged.length === 0 ? [] : [context(`Unchanged: ${unchanged.map((k) => safeText(k.title, 150)).join(", ")}`)];
  const blocks: KnownBlock[] =
    recorded.length === 0
      ? [section(":information_source: Nothing changed: every value was already recorded for that month.")]
      : [
          section(`:white_check_mark: *Recorded for ${monthLabel(month)}*\n${lines.join("\n")}`),
          ...kept,
          context(`\`${SLASH_COMMAND} kpi KPI\` shows a KPI's history.`),
        ];
  const text =
    recorded.length === 0
      ? "Nothing changed."
      : `Recorded for ${monthLabel(month)}: ${recorded.map((e) => `${e.kpi.title} ${e.recorded.value.value}`).join(", ")}`;
  return enforceLimits({ text, blocks }, "message");
}

/** One KPI's records, newest month first; a corrected value is struck through. */
export function kpiHistoryMessage(
  kpi: KpiDefinition,
  records: ReadonlyArray<KpiValue & { superseded: boolean }>,
): SlackMessage {
  const title = safeText(kpi.title, 140);
  const about = [
    kpi.period === "cumulative" ? "running total" : "monthly",
    kpi.target === null ? null : `target ${formatNumber(kpi.target)}`,
    kpi.owner === null ? null : `recorded by ${recorderText(kpi.owner)}`,
  ].filter((part): part is string => part !== null);
  const lines = records.map((record) => {
    const value = formatNumber(record.value);
    const shown = record.superseded ? `~${value}~ (corrected)` : `*${value}*`;
    return `${monthLabel(record.month)}: ${shown} — ${recorderText(record.recordedBy)}, ${slackDate(record.recordedAt)}`;
  });
  const body =
    lines.length === 0
      ? `Nothing recorded yet. \`${SLASH_COMMAND} record\` opens the form.`
      : lines.slice(0, 40).join("\n") + (lines.length > 40 ? `\n…and ${lines.length - 40} older records` : "");
  return enforceLimits(
    {
      text: `${kpi.title}: ${counted(records.length, "record")}`,
      blocks: [header(title), context(`${inlineCode(kpi.id, 60)} · ${about.join(" · ")}`), section(body)],
    },
    "message",
  );
}

/** Every KPI with its latest value: the answer to `/engagement kpi` without a KPI. */
export function kpiListMessage(summaries: readonly KpiSummary[]): SlackMessage {
  const lines = summaries.map((kpi) => {
    const value =
      kpi.value === null || kpi.month === null
        ? "not recorded yet"
        : `*${formatNumber(kpi.value)}* for ${monthLabel(kpi.month)}`;
    const target = kpi.target === null ? "" : ` (target ${formatNumber(kpi.target)})`;
    const who =
      kpi.source === "contributors"
        ? " — computed from GitLab"
        : kpi.recordedBy
          ? ` — ${recorderText(kpi.recordedBy)}`
          : "";
    return `• ${inlineCode(kpi.id, 60)} ${safeText(kpi.title, 150)}: ${value}${target}${who}`;
  });
  return enforceLimits(
    {
      text: `${summaries.length} workstream KPIs`,
      blocks: [
        section(`*Workstream KPIs*\n${lines.join("\n")}`),
        context(`\`${SLASH_COMMAND} kpi KPI\`: its history · \`${SLASH_COMMAND} record\`: record values`),
      ],
    },
    "message",
  );
}
