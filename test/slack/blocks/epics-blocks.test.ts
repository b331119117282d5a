import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { epicsMessage } from "../../../src/slack/blocks/epics-blocks.js";
import { allText, epic, report } from "./report-fixtures.js";

describe("epicsMessage", () => {
  it("lists each epic with link, state, due date and progress", () => {
    const message = epicsMessage(report());
    const text = allText(message.blocks);
    assert.ok(text.includes("*<https://gitlab.com/groups/gitlab-com/-/epics/1795|Technical content>*"));
    // a due date is a day: printed as the date, never as a Slack date token (west of UTC, the day before)
    assert.ok(text.includes("`gitlab-com&amp;1795` · open · due 31 Dec 2026\n"), text);
    assert.ok(!text.includes("due <!date^"));
    assert.ok(text.includes("30% (3/10 issues closed) ▓▓▓░░░░░░░"));
    assert.ok(text.includes("no issues yet"));
    assert.match(message.text, /gitlab-com&amp;1795 30%/);
  });

  it("shows an unavailable epic by its ref with the reason", () => {
    const text = allText(epicsMessage(report()).blocks);
    assert.ok(text.includes("*gitlab-com/customer-success/professional-services-group&amp;1277*"));
    assert.ok(text.includes(":no_entry_sign: unavailable: 403 Forbidden"));
  });

  it("shows closed epics and weights", () => {
    const done = epic({ state: "closed", closedIssues: 10, percent: 100, closedWeight: 20, totalWeight: 20 });
    const text = allText(epicsMessage(report({ epics: [done] })).blocks);
    assert.ok(text.includes("· closed ·"));
    assert.ok(text.includes("100% (10/10 issues closed, weight 20/20) ▓▓▓▓▓▓▓▓▓▓"));
  });

  it("says when no epics are configured", () => {
    assert.ok(allText(epicsMessage(report({ epics: [] })).blocks).includes("No epics are configured"));
  });
});
