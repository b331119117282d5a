import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchWorkstreams } from "../../src/metrics/workstreams.js";
import { epic } from "../slack/blocks/report-fixtures.js";

describe("matchWorkstreams", () => {
  it("matches epics by ref suffix in workstream order, then lists the rest", () => {
    const epics = [
      epic({ ref: "gitlab-com&42", title: "Extra" }),
      epic({ ref: "gitlab-com&1796" }),
      epic({ ref: "gitlab-com&11795", title: "Not 1795" }),
      epic({ ref: "gitlab-com/customer-success/professional-services-group&1277" }),
      epic({ ref: "gitlab-com&1795" }),
    ];
    const matched = matchWorkstreams(epics).map(({ workstream, epic }) => [workstream?.name ?? null, epic.ref]);
    assert.deepEqual(matched, [
      ["Technical content (brand awareness)", "gitlab-com&1795"],
      ["DevOps Architect certification", "gitlab-com/customer-success/professional-services-group&1277"],
      ["1,000 contributors/month", "gitlab-com&1796"],
      [null, "gitlab-com&42"],
      [null, "gitlab-com&11795"],
    ]);
  });
});
