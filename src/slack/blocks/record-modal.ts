/**
 * The `/engagement record` form (a modal, views.open): a month picker defaulting to the last complete month and one
 * number input per recorded KPI of WORKSTREAMS_FILE, pre-filled with its latest value; and the reading of its
 * view_submission state back into entries. The block ids are declared here once, so an error from
 * `response_action: errors` lands on the field it is about. Pure.
 */
import type * as types from "@slack/types";
import { addMonths, monthKeyOf } from "../../metrics/calendar.js";
import { currentByMonth, lastCompleteMonth, latestValue } from "../../metrics/kpi-values.js";
import type { KpiDefinition, KpiValue, WorkstreamDefinition } from "../../model/workstreams.js";
import { monthLabel } from "../../wording/dates.js";
import { formatNumber } from "../../wording/numbers.js";
import { truncateText } from "../../wording/one-line.js";

export const RECORD_VIEW_ID = "record_kpis";
export const MONTH_BLOCK = "month";
export const CONFIRM_BLOCK = "confirm_decrease";
/** how many months before the current one the picker offers */
export const PICKER_MONTHS = 12;
const ACTION = "value";
const CONFIRMED = "confirmed";

/** The input block of a KPI: `kpi:<id>`. */
export const kpiBlockId = (kpiId: string): string => `kpi:${kpiId}`;

/** What the form carries from the slash command to its submission. */
export interface RecordFormMetadata {
  /** where the command was typed: the confirmation goes there (ephemeral) */
  channelId: string;
}

export interface RecordFormInputs {
  workstreams: readonly WorkstreamDefinition[];
  history: readonly KpiValue[];
  nowMs: number;
  timeZone: string;
  metadata: RecordFormMetadata;
}

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: truncateText(text, max),
  emoji: true,
});

const monthOption = (month: string): types.PlainTextOption => ({ text: plain(monthLabel(month), 75), value: month });

function hintFor(kpi: KpiDefinition, history: readonly KpiValue[]): string {
  const latest = latestValue(history, kpi.id);
  const kind = kpi.period === "cumulative" ? "Running total" : "Value for the month";
  const target = kpi.target === null ? "" : ` · target ${formatNumber(kpi.target)}`;
  const last =
    latest === null ? "nothing recorded yet" : `latest ${formatNumber(latest.value)} for ${monthLabel(latest.month)}`;
  return `${kind}${target} · ${last}. Clear it to leave this KPI out.`;
}

/** The form: month first, then each workstream's recorded KPIs under its title, then the confirmation box. */
export function recordModal(inputs: RecordFormInputs): types.ModalView {
  const { history } = inputs;
  const current = monthKeyOf(inputs.nowMs, inputs.timeZone);
  const defaultMonth = lastCompleteMonth(inputs.nowMs, inputs.timeZone);
  const months = Array.from({ length: PICKER_MONTHS + 1 }, (_, i) => addMonths(current, -i));
  const blocks: types.AnyBlock[] = [
    {
      type: "input",
      block_id: MONTH_BLOCK,
      label: plain("Month", 2000),
      hint: plain("The month the values are for (a running total: as of its last day).", 2000),
      element: {
        type: "static_select",
        action_id: ACTION,
        options: months.map(monthOption),
        initial_option: monthOption(defaultMonth),
      },
    },
  ];
  for (const workstream of inputs.workstreams) {
    const kpis = workstream.kpis.filter((kpi) => kpi.source === "recorded");
    if (kpis.length === 0) continue;
    blocks.push({ type: "header", text: plain(workstream.title, 150) });
    for (const kpi of kpis) {
      // the default month's own value when it has one, else the latest recorded
      const prefill = currentByMonth(history, kpi.id).get(defaultMonth) ?? latestValue(history, kpi.id);
      blocks.push({
        type: "input",
        block_id: kpiBlockId(kpi.id),
        optional: true,
        label: plain(kpi.title, 2000),
        hint: plain(hintFor(kpi, history), 2000),
        element: {
          type: "number_input",
          action_id: ACTION,
          is_decimal_allowed: false,
          min_value: "0",
          ...(prefill === null ? {} : { initial_value: String(prefill.value) }),
        },
      });
    }
  }
  blocks.push({
    type: "input",
    block_id: CONFIRM_BLOCK,
    optional: true,
    label: plain("Corrections", 2000),
    element: {
      type: "checkboxes",
      action_id: ACTION,
      options: [
        {
          text: plain("A running total went down (it corrects an earlier month)", 75),
          value: CONFIRMED,
        },
      ],
    },
  });
  return {
    type: "modal",
    callback_id: RECORD_VIEW_ID,
    title: plain("Record KPIs", 24),
    submit: plain("Record", 24),
    close: plain("Cancel", 24),
    private_metadata: JSON.stringify(inputs.metadata),
    blocks,
  };
}

/** The parts of a view_submission's `view.state.values` the form reads. */
export type ViewStateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: unknown[] }>
>;

export interface RecordSubmission {
  month: string;
  confirmedDecrease: boolean;
  /** the KPIs whose field is filled in, in form order */
  entries: Array<{ kpi: KpiDefinition; valueText: string }>;
  metadata: RecordFormMetadata | null;
}

/** Reads the submitted form; a KPI the form did not show (the file changed meanwhile) is ignored. */
export function readRecordSubmission(
  values: ViewStateValues,
  privateMetadata: string | undefined,
  workstreams: readonly WorkstreamDefinition[],
): RecordSubmission {
  const field = (block: string) => values[block]?.[ACTION];
  const entries: RecordSubmission["entries"] = [];
  for (const kpi of workstreams.flatMap((w) => w.kpis)) {
    const text = field(kpiBlockId(kpi.id))?.value;
    if (kpi.source === "recorded" && typeof text === "string" && text.trim() !== "")
      entries.push({ kpi, valueText: text });
  }
  let metadata: RecordFormMetadata | null = null;
  try {
    const parsed = JSON.parse(privateMetadata ?? "") as Partial<RecordFormMetadata>;
    if (typeof parsed.channelId === "string") metadata = { channelId: parsed.channelId };
  } catch {
    metadata = null;
  }
  return {
    month: field(MONTH_BLOCK)?.selected_option?.value ?? "",
    confirmedDecrease: (field(CONFIRM_BLOCK)?.selected_options ?? []).length > 0,
    entries,
    metadata,
  };
}
