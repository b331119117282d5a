/**
 * Long lists (issues, first-timers, epics) rendered as sections of several lines, capped with "…and N more".
 * Each section's block_id records how many list items it holds, so the limit enforcer can say how many ITEMS it
 * dropped rather than how many blocks.
 */
import { context, type KnownBlock, section } from "./block-kit.js";
import { truncateMrkdwn } from "./mrkdwn.js";

/** Stays under Slack's 3,000-character section limit with room to spare. */
const SECTION_BUDGET = 2900;

/** `issues.3.items5`: block 3 of list "issues", holding 5 items. */
export function listBlockId(list: string, index: number | "more", items: number): string {
  return `${list}.${index}.items${items}`;
}

/** How many list items a block stands for: its recorded count, or null for a block outside any list. */
export function listItemCount(block: KnownBlock): number | null {
  const match = /\.items(\d+)$/.exec(block.block_id ?? "");
  return match ? Number(match[1]) : null;
}

export function moreNote(list: string, count: number): KnownBlock {
  return context(`…and ${count} more`, listBlockId(list, "more", count));
}

export interface ListOptions {
  /** at most this many items are shown; the rest become "…and N more" */
  cap: number;
  /** at most this many items per section */
  perBlock: number;
  /** between items within a section */
  separator?: string;
}

/** Sections holding the first `cap` items (already rendered mrkdwn), packed under the section limit. */
export function listSections(list: string, items: readonly string[], options: ListOptions): KnownBlock[] {
  const separator = options.separator ?? "\n";
  const shown = items.slice(0, Math.max(0, options.cap)).map((item) => truncateMrkdwn(item, SECTION_BUDGET));
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const item of shown) {
    const added = current.length === 0 ? item.length : separator.length + item.length;
    if (current.length > 0 && (current.length >= options.perBlock || length + added > SECTION_BUDGET)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += current.length === 0 ? item.length : separator.length + item.length;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  const blocks: KnownBlock[] = chunks.map((chunk, index) =>
    section(chunk.join(separator), listBlockId(list, index, chunk.length)),
  );
  const rest = items.length - shown.length;
  if (rest > 0) blocks.push(moreNote(list, rest));
  return blocks;
}
