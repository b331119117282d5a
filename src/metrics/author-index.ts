/**
 * Dense author indices (0, 1, 2, … in order of first appearance) for GitLab user ids, with an open-addressing hash
 * table in reused scratch memory instead of a Map: over 240k records a Map's entries and rehashes are megabytes of
 * garbage per report, this is none, and it is faster.
 */
import type { Contribution } from "../model/records.js";
import { scratchFloat64, scratchInt32 } from "./scratch-memory.js";

const EMPTY = -1;
const INITIAL_CAPACITY = 1 << 12;

/** Mixes an integer id (up to 2^53) into 32 bits. */
function hashId(id: number): number {
  const low = id >>> 0;
  const high = (id / 4_294_967_296) >>> 0;
  let h = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

/**
 * Fills `authorOf[i]` with the dense index of record i's author, or -1 when the record merged at or after
 * `endMs` (it is skipped). Returns the number of distinct authors.
 */
export function indexAuthors(contributions: readonly Contribution[], endMs: number, authorOf: Int32Array): number {
  // a power-of-two table kept at most half full, so probes stay short; it doubles (rehashing) as authors arrive
  let capacity = INITIAL_CAPACITY;
  let mask = capacity - 1;
  let keys = scratchFloat64("authorIds", capacity);
  let values = scratchInt32("authorSlots", capacity).fill(EMPTY);
  let count = 0;
  for (let i = 0; i < contributions.length; i++) {
    const record = contributions[i] as Contribution;
    if (record.mergedAtMs >= endMs) {
      authorOf[i] = -1;
      continue;
    }
    const id = record.authorId;
    let slot = hashId(id) & mask;
    for (;;) {
      const value = values[slot] as number;
      if (value === EMPTY) {
        keys[slot] = id;
        values[slot] = count;
        authorOf[i] = count++;
        break;
      }
      if (keys[slot] === id) {
        authorOf[i] = value;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (count * 2 > capacity) {
      // Rebuild from the records already indexed: authorOf holds every (record -> index) pair seen so far.
      capacity *= 2;
      mask = capacity - 1;
      keys = scratchFloat64("authorIds", capacity);
      values = scratchInt32("authorSlots", capacity).fill(EMPTY);
      for (let j = 0; j <= i; j++) {
        const index = authorOf[j] as number;
        if (index < 0) continue;
        const known = (contributions[j] as Contribution).authorId;
        let to = hashId(known) & mask;
        while ((values[to] as number) !== EMPTY && keys[to] !== known) to = (to + 1) & mask;
        keys[to] = known;
        values[to] = index;
      }
    }
  }
  return count;
}
