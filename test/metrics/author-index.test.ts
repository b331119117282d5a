import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indexAuthors } from "../../src/metrics/author-index.js";
import type { Contribution } from "../../src/model/records.js";

const record = (authorId: number, mergedAtMs: number): Contribution => ({
  authorId,
  username: `u${authorId}`,
  name: `U ${authorId}`,
  mergedAtMs,
  firstContributionLabel: false,
  projectId: 1,
  projectPath: "gitlab-org/gitlab",
  groupPath: "gitlab-org",
  communityLabel: true,
  botLabel: false,
});

describe("indexAuthors", () => {
  it("numbers authors densely in order of first appearance and skips records at or after the end", () => {
    const records = [record(42, 1), record(7, 2), record(42, 3), record(9, 10), record(7, 4)];
    const authorOf = new Int32Array(records.length);
    assert.equal(indexAuthors(records, 10, authorOf), 2);
    assert.deepEqual(Array.from(authorOf), [0, 1, 0, -1, 1]);
  });

  it("agrees with a Map across table growth, colliding and very large ids", () => {
    const records: Contribution[] = [];
    for (let i = 0; i < 30_000; i++) {
      // 12,000 distinct ids: multiples of 4096 (same low bits), ids beyond 2^32, and plain small ones
      const k = (i * 7919) % 12_000;
      const id = k % 3 === 0 ? k * 4096 : k % 3 === 1 ? 2 ** 40 + k : k;
      records.push(record(id, i));
    }
    const authorOf = new Int32Array(records.length);
    const count = indexAuthors(records, Number.POSITIVE_INFINITY, authorOf);
    const expected = new Map<number, number>();
    records.forEach((r, i) => {
      if (!expected.has(r.authorId)) expected.set(r.authorId, expected.size);
      assert.equal(authorOf[i], expected.get(r.authorId), `record ${i}`);
    });
    assert.equal(count, expected.size);
    assert.equal(count, 12_000);
  });
});
