/**
 * `/engagement record` over real HTTP (issue 17): the slash command opens the form through views.open on the fake
 * Slack; a view_submission with bad values gets `response_action: errors` on the right fields and stores nothing;
 * good values are stored with the Slack user and time, confirmed to the person, and visible in `status --json`.
 * The clock is KNOWN_NOW (2026-11-16), so the last complete month is October 2026.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KpiValue } from "../../../src/model/workstreams.js";
import { CONFIRM_BLOCK, kpiBlockId, MONTH_BLOCK } from "../../../src/slack/blocks/record-modal.js";
import { runCli } from "../../cli/spawn-cli.js";
import type { TestBot } from "../../support/bot-harness.js";
import { KNOWN_NOW } from "../../support/store-fixtures.js";
import { startKnownBot } from "./known-bot.js";
import { assertWithinLimits, blocksText, ephemeralReply, visibleText } from "./reply-checks.js";

const MEMBERS = "active-community-members";
const PARTNER = "certifications-partner";
const TOTAL = "certifications-total";
const SEPTEMBER: KpiValue = {
  kpiId: TOTAL,
  month: "2026-09",
  value: 40,
  recordedBy: "U0OTHER01",
  recordedAt: "2026-10-01T08:00:00.000Z",
};

type Values = Record<string, Record<string, Record<string, unknown>>>;
/** The form's state as Slack sends it: a number input's `value` is the text typed, empty fields are null. */
function formValues(month: string, numbers: Record<string, string | null>, confirmed = false): Values {
  const values: Values = {
    [MONTH_BLOCK]: {
      value: { type: "static_select", selected_option: { value: month, text: { type: "plain_text", text: month } } },
    },
    [CONFIRM_BLOCK]: { value: { type: "checkboxes", selected_options: confirmed ? [{ value: "confirmed" }] : [] } },
  };
  for (const [kpi, value] of Object.entries(numbers))
    values[kpiBlockId(kpi)] = { value: { type: "number_input", value } };
  return values;
}

interface ModalView {
  type: string;
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ type: string; block_id?: string; element?: Record<string, unknown> }>;
}

describe("/engagement record (the form) over HTTP", () => {
  let bot: TestBot;
  let view: ModalView;
  before(async () => {
    bot = await startKnownBot({ extra: (runtime) => runtime.store.recordKpiValue(SEPTEMBER) });
  });
  after(async () => {
    await bot.stop();
  });

  it("the slash command acks empty and opens the form with its trigger_id: month picker, one input per recorded KPI", async () => {
    const reply = await bot.command("record");
    assert.equal(reply.status, 200);
    assert.equal(reply.text, "", "nothing posted in the channel: the form is the answer");
    const [call] = await bot.slack.waitFor("views.open");
    assert.equal(call?.params.trigger_id, "13345224609.738474920.8088930838d88f008e0", "the command's trigger_id");
    view = call?.params.view as ModalView;
    assert.equal(view.type, "modal");
    assert.equal(view.callback_id, "record_kpis");
    assert.deepEqual(JSON.parse(view.private_metadata), { channelId: "C0ENGAGE01" });
    const inputs = view.blocks.filter((block) => block.type === "input").map((block) => block.block_id);
    assert.deepEqual(inputs, [MONTH_BLOCK, kpiBlockId(MEMBERS), kpiBlockId(PARTNER), kpiBlockId(TOTAL), CONFIRM_BLOCK]);
    const month = view.blocks[0]?.element as { initial_option: { value: string }; options: Array<{ value: string }> };
    assert.equal(month.initial_option.value, "2026-10", "the last complete month");
    assert.equal(month.options[0]?.value, "2026-11", "this month, then the ones before");
    assert.equal(month.options.length, 13);
    const element = (kpi: string) => view.blocks.find((block) => block.block_id === kpiBlockId(kpi))?.element;
    assert.equal(element(TOTAL)?.type, "number_input");
    assert.equal(element(TOTAL)?.is_decimal_allowed, false);
    assert.equal(element(TOTAL)?.initial_value, "40", "pre-filled with its latest value");
    assert.equal(element(MEMBERS)?.initial_value, undefined, "nothing recorded yet: empty");
    assert.match(blocksText(view.blocks as never), /Running total · latest 40 for September 2026/);
    assertWithinLimits({ text: "form", blocks: view.blocks as never }, "message");
  });

  it("bad values are answered inline, each on its own field, and nothing is stored", async () => {
    const reply = await bot.submitView(
      view as never,
      formValues("2026-10", { [MEMBERS]: "12.5", [PARTNER]: "-3", [TOTAL]: "30" }),
    );
    assert.equal(reply.status, 200);
    const body = reply.body as { response_action: string; errors: Record<string, string> };
    assert.equal(body.response_action, "errors");
    assert.deepEqual(
      Object.keys(body.errors).sort(),
      [CONFIRM_BLOCK, kpiBlockId(MEMBERS), kpiBlockId(PARTNER), kpiBlockId(TOTAL)].sort(),
    );
    assert.match(body.errors[kpiBlockId(MEMBERS)] ?? "", /must be a whole number/);
    assert.match(body.errors[kpiBlockId(PARTNER)] ?? "", /cannot be negative/);
    assert.match(
      body.errors[kpiBlockId(TOTAL)] ?? "",
      /2026-09 already had 40: 30 is lower\. Tick "A running total went down"/,
    );
    assert.deepEqual(await bot.runtime.store.kpiValues(), [SEPTEMBER], "all or nothing");

    const future = await bot.submitView(
      view as never,
      formValues("2026-12", { [MEMBERS]: "10", [PARTNER]: "1", [TOTAL]: "50" }),
    );
    const futureBody = future.body as { response_action: string; errors: Record<string, string> };
    assert.deepEqual(Object.keys(futureBody.errors), [MONTH_BLOCK], "a future month: the month field only");
    assert.match(futureBody.errors[MONTH_BLOCK] ?? "", /2026-12 has not happened yet/);

    const empty = await bot.submitView(
      view as never,
      formValues("2026-10", { [MEMBERS]: null, [PARTNER]: null, [TOTAL]: null }),
    );
    assert.deepEqual(Object.keys((empty.body as { errors: object }).errors), [MONTH_BLOCK]);
    assert.deepEqual(await bot.runtime.store.kpiValues(), [SEPTEMBER]);
    assert.equal(bot.slack.callsOf("chat.postEphemeral").length, 0, "no confirmation for a rejected form");
  });

  it("good values are stored with the Slack user and time, the person gets a confirmation, status --json shows them", async () => {
    const reply = await bot.submitView(
      view as never,
      formValues("2026-10", { [MEMBERS]: "1500", [PARTNER]: "12", [TOTAL]: "45" }),
      { userId: "U0RECORD1" },
    );
    assert.equal(reply.status, 200);
    assert.equal(reply.text, "", "an empty ack closes the form");
    const stored = (await bot.runtime.store.kpiValues()).slice(1);
    assert.deepEqual(
      stored.map((v) => [v.kpiId, v.month, v.value, v.recordedBy, v.recordedAt]),
      [MEMBERS, PARTNER, TOTAL].map((kpi, i) => [
        kpi,
        "2026-10",
        [1500, 12, 45][i],
        "U0RECORD1",
        KNOWN_NOW.toISOString(),
      ]),
    );
    const [confirmation] = await bot.slack.waitFor("chat.postEphemeral");
    assert.equal(confirmation?.params.channel, "C0ENGAGE01");
    assert.equal(confirmation?.params.user, "U0RECORD1");
    assert.equal(
      confirmation?.params.text,
      "Recorded for October 2026: Active community members 1500, Partner certifications 12, Certifications (total) 45",
    );
    assert.match(blocksText(confirmation?.params.blocks as never), /\*Certifications \(total\)\*: 45/);

    const status = await runCli(["status", "--json", "--no-sync", "--month", "2026-10"], {
      env: { DATABASE_PATH: join(bot.dir, "engagement.db") },
    });
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as {
      workstreams: Array<{ id: string; kpis: Array<Record<string, unknown>> }>;
    };
    const total = report.workstreams.flatMap((w) => w.kpis).find((k) => k.id === TOTAL);
    assert.equal(total?.month, "2026-10");
    assert.equal(total?.value, 45);
    assert.equal(total?.previous, 40);
    assert.equal(total?.recordedBy, "U0RECORD1");
    assert.equal(total?.recordedAt, KNOWN_NOW.toISOString());
  });

  it("a lower total with the box ticked is a correction: it supersedes, the history keeps both; unchanged fields are left alone", async () => {
    const reply = await bot.submitView(
      view as never,
      formValues("2026-10", { [MEMBERS]: "1500", [PARTNER]: "12", [TOTAL]: "35" }, true),
    );
    assert.equal(reply.text, "");
    const values = await bot.runtime.store.kpiValues();
    assert.equal(values.length, 5, "only the changed KPI was recorded again");
    assert.deepEqual(values.at(-1)?.value, 35);
    const confirmations = await bot.slack.waitFor("chat.postEphemeral", 2);
    const text = blocksText(confirmations[1]?.params.blocks as never);
    assert.match(text, /\*Certifications \(total\)\*: 35 \(corrects 45, recorded by <@U0RECORD1>\)/);
    assert.match(text, /Unchanged: Active community members, Partner certifications/);

    const history = ephemeralReply(await bot.command(`kpi ${TOTAL}`));
    const shown = visibleText(history);
    assert.match(shown, /October 2026: \*35\* — <@U0TESTER1>/);
    assert.match(shown, /October 2026: ~45~ \(corrected\) — <@U0RECORD1>/);
    assert.match(shown, /September 2026: \*40\* — <@U0OTHER01>/);
    assert.ok(shown.indexOf("*35*") < shown.indexOf("~45~"), "newest first");
  });

  it("the confirmation falls back to a DM when the ephemeral cannot be posted", async () => {
    bot.slack.failNext("chat.postEphemeral", "channel_not_found");
    await bot.submitView(view as never, formValues("2026-09", { [MEMBERS]: "1400" }));
    const [dm] = await bot.slack.waitFor("chat.postMessage");
    assert.equal(dm?.params.channel, "U0TESTER1");
    assert.match(String(dm?.params.text), /^Recorded for September 2026: Active community members 1400$/);
  });
});

describe("/engagement record KPI VALUE and /engagement kpi over HTTP", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startKnownBot({ extra: (runtime) => runtime.store.recordKpiValue(SEPTEMBER) });
  });
  after(async () => {
    await bot.stop();
  });

  it("records one value without the form (default month: the last complete one)", async () => {
    const reply = ephemeralReply(await bot.command(`record ${PARTNER} 1,200`));
    assert.match(visibleText(reply), /Recorded for October 2026/);
    assert.match(visibleText(reply), /\*Partner certifications\*: 1,200/);
    assert.deepEqual((await bot.runtime.store.kpiValues()).at(-1), {
      kpiId: PARTNER,
      month: "2026-10",
      value: 1200,
      recordedBy: "U0TESTER1",
      recordedAt: KNOWN_NOW.toISOString(),
    });
    assert.equal(bot.slack.callsOf("views.open").length, 0);
  });

  it("an unknown KPI, a bad value, a lower total or a future month is a usage answer that stores nothing", async () => {
    const count = (await bot.runtime.store.kpiValues()).length;
    const unknown = visibleText(ephemeralReply(await bot.command("record stars 5")));
    assert.match(
      unknown,
      /Unknown KPI "stars"; recorded KPIs: active-community-members, certifications-partner, certifications-total/,
    );
    assert.match(unknown, /Usage: `\/engagement record \[KPI VALUE \[YYYY-MM\]\]`/);
    assert.match(visibleText(ephemeralReply(await bot.command(`record ${PARTNER} -2`))), /cannot be negative/);
    assert.match(
      visibleText(ephemeralReply(await bot.command(`record ${TOTAL} 10 2026-10`))),
      /already had 40: 10 is lower\. Use `\/engagement record` \(the form\)/,
    );
    assert.match(visibleText(ephemeralReply(await bot.command(`record ${PARTNER} 3 2027-01`))), /has not happened yet/);
    assert.match(visibleText(ephemeralReply(await bot.command(`record ${PARTNER}`))), /Give the value too/);
    assert.equal((await bot.runtime.store.kpiValues()).length, count);
  });

  it("/engagement kpi lists every KPI; the computed one points at contributors", async () => {
    const list = visibleText(ephemeralReply(await bot.command("kpi")));
    assert.match(list, /`certifications-total` Certifications \(total\): \*40\* for September 2026 — <@U0OTHER01>/);
    assert.match(list, /`active-community-members` Active community members: not recorded yet/);
    assert.match(
      list,
      /`contributors` Wider-community contributors: \*3\* for November 2026 \(target 1,000\) — computed/,
    );
    assert.match(
      visibleText(ephemeralReply(await bot.command("kpi contributors"))),
      /computed from GitLab, not recorded/,
    );
    assert.match(visibleText(ephemeralReply(await bot.command("kpi nope"))), /Unknown KPI "nope"/);
  });

  it("when the form cannot open, the person gets the fallback through response_url", async () => {
    bot.slack.failNext("views.open", "expired_trigger_id");
    const responseUrl = bot.sink.url("commands/T0001/form/r");
    const reply = await bot.command("record", { response_url: responseUrl });
    assert.equal(reply.text, "");
    const [post] = await bot.sink.waitFor(responseUrl);
    assert.match(JSON.stringify(post?.body), /If it does not open, type `\/engagement record KPI VALUE`/);
  });
});
