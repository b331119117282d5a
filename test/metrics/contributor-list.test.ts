/**
 * The list behind the count (issue 14, item 7), hand-computed: who is a row, first_time, the MR URLs by merge time,
 * and that it agrees with the Report built from the same snapshot; the CSV's quoting (RFC 4180).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../src/metrics/build-report.js";
import { contributorList } from "../../src/metrics/contributor-list.js";
import type { Contribution } from "../../src/model/records.js";
import { csvField, renderContributorsCsv } from "../../src/text/contributor-list-text.js";
import { mr, reportConfig, snapshot } from "./snapshot-fixtures.js";

const withUrl = (c: Contribution, n: number, extra: Partial<Contribution> = {}): Contribution => ({
  ...c,
  webUrl: `https://gitlab.example/gitlab-org/gitlab/-/merge_requests/${n}`,
  ...extra,
});

const NOW = new Date("2026-11-20T12:00:00Z");
const records = [
  // user1: merged in October and twice in November (the later one first in the store): returning, 2 MRs
  withUrl(mr(1, "2026-10-03T10:00:00Z"), 1),
  withUrl(mr(1, "2026-11-15T10:00:00Z"), 3),
  withUrl(mr(1, "2026-11-02T10:00:00Z"), 2),
  // user2: first merge ever in November: first-time
  withUrl(mr(2, "2026-11-05T10:00:00Z"), 4),
  // user3: merged in October, labelled `1st contribution` in November: first-time as well
  withUrl(mr(3, "2026-10-20T10:00:00Z"), 5),
  withUrl(mr(3, "2026-11-06T10:00:00Z", true), 6),
  // not counted: a bot by username, an MR labelled BOT_LABEL, another group, after now
  withUrl(mr(4, "2026-11-07T10:00:00Z"), 7, { username: "group_9970_bot_3f2a1b" }),
  withUrl(mr(5, "2026-11-08T10:00:00Z"), 8, { botLabel: true }),
  withUrl(mr(6, "2026-11-09T10:00:00Z"), 9, { projectPath: "gitlab-community/x", groupPath: "gitlab-community" }),
  withUrl(mr(7, "2026-11-25T10:00:00Z"), 10),
];
const store = snapshot({ contributions: records, dataAsOf: NOW.toISOString() });

describe("contributorList", () => {
  it("one row per counted contributor of the month, by merged MRs then username, URLs by merge time", () => {
    const list = contributorList(store, reportConfig(), NOW);
    assert.equal(list.month, "2026-11");
    assert.deepEqual(
      list.contributors.map((c) => [c.userId, c.username, c.mergedMrs, c.firstTime, c.mrUrls.map((u) => u.slice(-2))]),
      [
        [1, "user1", 2, false, ["/2", "/3"]],
        [2, "user2", 1, true, ["/4"]],
        [3, "user3", 1, true, ["/6"]],
      ],
    );
    assert.equal(list.count, 3);
    assert.equal(list.firstTime, 2);
    const report = buildReport(store, reportConfig(), NOW);
    assert.equal(list.count, report.contributors.count);
    assert.equal(list.firstTime, report.contributors.firstTime);
  });

  it("a past month, and narrower settings, change the list as they change the Report", () => {
    const october = contributorList(store, reportConfig(), NOW, "2026-10");
    assert.deepEqual(
      october.contributors.map((c) => [c.userId, c.firstTime]),
      [
        [1, true],
        [3, true],
      ],
    );
    const narrower = reportConfig({ botUserIds: [2] });
    const list = contributorList(store, narrower, NOW);
    assert.deepEqual(
      list.contributors.map((c) => c.userId),
      [1, 3],
    );
    assert.equal(list.count, buildReport(store, narrower, NOW).contributors.count);
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

  it("the header, then rows with true/false and space-separated URLs, CRLF line ends", () => {
    const csv = renderContributorsCsv(contributorList(store, reportConfig(), NOW));
    assert.equal(
      csv,
      [
        "user_id,username,name,merged_mrs,first_time,mr_urls",
        "1,user1,User 1,2,false,https://gitlab.example/gitlab-org/gitlab/-/merge_requests/2 https://gitlab.example/gitlab-org/gitlab/-/merge_requests/3",
        "2,user2,User 2,1,true,https://gitlab.example/gitlab-org/gitlab/-/merge_requests/4",
        "3,user3,User 3,1,true,https://gitlab.example/gitlab-org/gitlab/-/merge_requests/6",
        "",
      ].join("\r\n"),
    );
  });
});
