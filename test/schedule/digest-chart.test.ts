/**
 * The digest's thread carries the trend chart (issue 19, item 2), uploaded with Slack's current flow:
 * files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal with channel_id and
 * thread_ts. A failed upload never holds back the digest's text, and the log says why.
 */
import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { trendChart } from "../../src/chart/trend-chart.js";
import { postWeeklyDigest } from "../../src/schedule/digest-job.js";
import { startFakeSlack } from "../support/fake-slack.js";
import { pngSize } from "../support/png.js";
import { closeSandbox, freshDatabase, instance, testClock, topPosts } from "./job-harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(closeSandbox);

async function setUp() {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.stop());
  const db = await freshDatabase();
  const bot = await instance({ ...db, fake, clock: testClock(), owner: "test-host:1" });
  cleanups.push(() => bot.close());
  return { fake, bot };
}

test("the digest's thread ends with the trend chart: a PNG ≥ 800×400 whose alt text is the Report's numbers", async () => {
  const { fake, bot } = await setUp();
  const outcome = await postWeeklyDigest(bot.deps);
  assert.ok(outcome.kind === "posted", JSON.stringify(outcome));
  const [asked] = fake.callsOf("files.getUploadURLExternal");
  const [completed] = fake.callsOf("files.completeUploadExternal");
  assert.ok(asked && completed, "both steps of the upload were called");
  const report = await bot.deps.reports.report();
  assert.ok(report);
  assert.equal(asked.params.alt_text, trendChart(report).altText);
  assert.equal(Number(asked.params.length), fake.uploads.get(String(fake.uploads.keys().next().value))?.length);
  assert.equal(completed.params.channel_id, outcome.channel);
  assert.equal(completed.params.thread_ts, outcome.ts, "in the digest's thread");
  const files = completed.params.files as Array<{ id: string; title: string }>;
  const png = fake.uploads.get(files[0]?.id ?? "");
  assert.ok(png, "the bytes reached the upload URL of that file");
  const { width, height } = pngSize(png);
  assert.ok(width >= 800 && height >= 400, `${width}×${height}`);
  const order = fake.calls.map((call) => call.method).filter((m) => m === "chat.postMessage" || m.startsWith("files."));
  assert.equal(order.at(-1), "files.completeUploadExternal", "after the text replies");
});

for (const [label, fail] of [
  [
    "files:write is missing",
    (fake: Awaited<ReturnType<typeof startFakeSlack>>) => fake.failNext("files.getUploadURLExternal", "missing_scope"),
  ],
  [
    "the upload URL answers 500",
    (fake: Awaited<ReturnType<typeof startFakeSlack>>) => {
      fake.failUploads = 1;
    },
  ],
] as const) {
  test(`when ${label}, the digest is posted without the chart and the log says why`, async () => {
    const { fake, bot } = await setUp();
    fail(fake);
    const outcome = await postWeeklyDigest(bot.deps);
    assert.equal(outcome.kind, "posted");
    assert.equal(topPosts(fake).length, 1);
    assert.equal(fake.callsOf("chat.postMessage").length, 4, "the top message and its three replies");
    assert.equal(fake.callsOf("files.completeUploadExternal").length, 0);
    const warning = bot.log.entries().find((entry) => /posted without its trend chart/.test(String(entry.msg)));
    assert.ok(warning, bot.log.text());
    assert.match(
      String(warning.msg),
      label.startsWith("files:write") ? /missing_scope\): add the files:write scope/ : /the upload failed \(HTTP 500\)/,
    );
  });
}
