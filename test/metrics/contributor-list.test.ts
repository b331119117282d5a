/**
 * The list behind the count (issue 14, item 7), hand-computed: who is a row, first_time, the MR URLs by merge time,
 * and that it agrees with the Report built from the same snapshot; the CSV's quoting (RFC 4180).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contributorList } from "../../src/metrics/contributor-list.js";
import { reportQuery } from "../../src/metrics/report-query.js";
import type { Contribution, StoreSnapshot } from "../../src/model/records.js";
import type { ReportSettings } from "../../src/model/settings.js";
import { Store } from "../../src/store/store.js";
import { csvField, renderContributorsCsv } from "../../src/text/contributor-list-text.js";
import { reportFromRecords, storedRows } from "../support/report-from-records.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const by = (c: Contribution, extra: Partial<Contribution>): Contribution => ({ ...c, ...extra });
// stored with ids in this order: the MR URLs are https://gitlab.example/mr/<position from 1>
const records = [
  // user1: merged in October and twice in November (the later one first in the store): returning, 2 MRs
  mr(1, "2026-10-03T10:00:00Z"),
  mr(1, "2026-11-15T10:00:00Z"),
  mr(1, "2026-11-02T10:00:00Z"),
  // user2: first merge ever in November: first-time
  mr(2, "2026-11-05T10:00:00Z"),
  // user3: merged in October, labelled `1st contribution` in November: first-time as well
  mr(3, "2026-10-20T10:00:00Z"),
  mr(3, "2026-11-06T10:00:00Z", true),
  // not counted: a bot by username, an MR labelled BOT_LABEL, another group, after now
  by(mr(4, "2026-11-07T10:00:00Z"), { username: "group_9970_bot_3f2a1b" }),
  by(mr(5, "2026-11-08T10:00:00Z"), { botLabel: true }),
  by(mr(6, "2026-11-09T10:00:00Z"), { projectPath: "gitlab-community/x", groupPath: "gitlab-community" }),
  mr(7, "2026-11-25T10:00:00Z"),
];
const store = snapshot({ contributions: records, dataAsOf: NOW.toISOString() });

/** The list as `engagement-bot contributors` builds it: the records in a Store, the Report's query. */
async function listOf(fixture: StoreSnapshot, settings: ReportSettings, now: Date, month?: string) {
  const db = await Store.open(":memory:");
  try {
    await db.upsertMergeRequests(storedRows(fixture, settings).merged);
    const query = reportQuery(settings, now, month === undefined ? {} : { month }, fixture.historyStartMs);
    const { aggregates, mrs } = await db.reportMonthMrs(query);
    return contributorList({ query, aggregates, mrs, dataAsOf: fixture.dataAsOf });
  } finally {
    await db.close();
  }
}

describe("contributorList", () => {
  it("one row per counted contributor of the month, by merged MRs then username, URLs by merge time", async () => {
    const list = await listOf(store, reportConfig(), NOW);
    assert.equal(list.month, "2026-11");
    assert.deepEqual(
      list.contributors.map((c) => [c.userId, c.username, c.mergedMrs, c.firstTime, c.mrUrls.map((u) => u.slice(-2))]),
      [
        [1, "user1", 2, false, ["/3", "/2"]],
        [2, "user2", 1, true, ["/4"]],
        [3, "user3", 1, true, ["/6"]],
      ],
    );
    assert.equal(list.count, 3);
    assert.equal(list.firstTime, 2);
    const report = await reportFromRecords(store, reportConfig(), NOW);
    assert.equal(list.count, report.contributors.count);
    assert.equal(list.firstTime, report.contributors.firstTime);
  });

  it("a past month, and narrower settings, change the list as they change the Report", async () => {
    const october = await listOf(store, reportConfig(), NOW, "2026-10");
    assert.deepEqual(
      october.contributors.map((c) => [c.userId, c.firstTime]),
      [
        [1, true],
        [3, true],
      ],
    );
    const narrower = reportConfig({ botUserIds: [2] });
    const list = await listOf(store, narrower, NOW);
    assert.deepEqual(
      list.contributors.map((c) => c.userId),
      [1, 3],
    );
    assert.equal(list.count, (await reportFromRecords(store, narrower, NOW)).contributors.count);
  });
});

describe("the contributors CSV", () => {
  it("quotes a field only when it holds a comma, a double quote, CR or LF, doubling its quotes", () => {
    assert.equal(csvField("Ada Lovelace"), "Ada Lovelace");
    assert.equal(csvField("Lovelace, Ada"), '"Lovelace, Ada"');
    assert.equal(csvField('Ada "the first"'), '"Ada ""the first"""');
    assert.equal(csvField("two\nlines"), '"two\nlines"');
    assert.equal(csvField("cr\rhere"), '"cr\rhere"');
    assert.equal(csvField(""), "");
  });

  it("the header, then rows with true/false and space-separated URLs, CRLF line ends", async () => {
    const csv = renderContributorsCsv(await listOf(store, reportConfig(), NOW));
    assert.equal(
      csv,
      [
        "user_id,username,name,merged_mrs,first_time,mr_urls",
        "1,user1,User 1,2,false,https://gitlab.example/mr/3 https://gitlab.example/mr/2",
        "2,user2,User 2,1,true,https://gitlab.example/mr/4",
        "3,user3,User 3,1,true,https://gitlab.example/mr/6",
        "",
      ].join("\r\n"),
    );
  });
});
