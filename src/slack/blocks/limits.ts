/**
 * Slack's Block Kit limits (LIMITS below, as Slack documents them): `checkLimits` lists violations, `enforceLimits` fixes them by truncating
 * (texts cut with "…", surplus blocks replaced by "…and N more") so a big month degrades instead of failing with
 * `invalid_blocks`.
 */

import { truncateText } from "../../wording/one-line.js";
import { type ActionsBlock, type ContextBlock, context, type KnownBlock } from "./block-kit.js";
import { listItemCount } from "./list-blocks.js";
import { truncateMrkdwn } from "./mrkdwn.js";

export type Surface = "message" | "home";

export const LIMITS = {
  blocks: { message: 50, home: 100 },
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionElements: 25,
  blockId: 255,
  /** Slack truncates at 40,000; a fallback this long is for notifications, so keep it short. */
  fallbackText: 3000,
} as const;

/** Anything with blocks: a SlackMessage (text required by Slack) or a Home view (no text). */
export interface BlockContainer {
  text?: string;
  blocks: KnownBlock[];
}

export function checkLimits(message: BlockContainer, options: { surface: Surface }): string[] {
  const problems: string[] = [];
  const maxBlocks = LIMITS.blocks[options.surface];
  if (message.blocks.length > maxBlocks) {
    problems.push(`${message.blocks.length} blocks (max ${maxBlocks} on ${options.surface})`);
  }
  if (options.surface === "message") {
    if (message.text === undefined || message.text.trim() === "") problems.push("text fallback is missing");
    else if (message.text.length > LIMITS.fallbackText) {
      problems.push(`text fallback is ${message.text.length} chars (max ${LIMITS.fallbackText})`);
    }
  }
  message.blocks.forEach((block, index) => {
    for (const problem of blockProblems(block)) problems.push(`block ${index} (${block.type}): ${problem}`);
  });
  return problems;
}

function textProblem(what: string, text: string, max: number): string[] {
  if (text.trim() === "") return [`${what} is empty`];
  return text.length > max ? [`${what} is ${text.length} chars (max ${max})`] : [];
}

function blockProblems(block: KnownBlock): string[] {
  const problems: string[] = [];
  if (block.block_id !== undefined && block.block_id.length > LIMITS.blockId) problems.push("block_id too long");
  switch (block.type) {
    case "header":
      problems.push(...textProblem("header text", block.text.text, LIMITS.headerText));
      break;
    case "section":
      if (block.text === undefined && (block.fields === undefined || block.fields.length === 0)) {
        problems.push("section has neither text nor fields");
      }
      if (block.text !== undefined) problems.push(...textProblem("section text", block.text.text, LIMITS.sectionText));
      if (block.fields !== undefined) {
        if (block.fields.length > LIMITS.fields) problems.push(`${block.fields.length} fields (max ${LIMITS.fields})`);
        block.fields.forEach((field, i) => {
          problems.push(...textProblem(`field ${i}`, field.text, LIMITS.fieldText));
        });
      }
      break;
    case "context":
      if (block.elements.length === 0) problems.push("context has no elements");
      if (block.elements.length > LIMITS.contextElements) {
        problems.push(`${block.elements.length} context elements (max ${LIMITS.contextElements})`);
      }
      block.elements.forEach((element, i) => {
        if ("text" in element && typeof element.text === "string") {
          problems.push(...textProblem(`context element ${i}`, element.text, LIMITS.contextText));
        }
      });
      break;
    case "actions":
      if (block.elements.length > LIMITS.actionElements) problems.push(`${block.elements.length} action elements`);
      for (const element of block.elements) {
        if (element.type !== "button") continue;
        problems.push(...textProblem("button text", element.text.text, LIMITS.buttonText));
        if (element.value !== undefined && element.value.length > LIMITS.buttonValue) {
          problems.push(`button value is ${element.value.length} chars (max ${LIMITS.buttonValue})`);
        }
      }
      break;
    default:
      break;
  }
  return problems;
}

/** Returns a copy within the limits of `surface`; a message already within them comes back equal. */
export function enforceLimits<T extends BlockContainer>(message: T, surface: Surface): T {
  const blocks = dropSurplusBlocks(message.blocks.map(fitBlock), LIMITS.blocks[surface]);
  const result: T = { ...message, blocks };
  if (message.text !== undefined) {
    result.text = message.text.trim() === "" ? "Engagement bot" : truncateMrkdwn(message.text, LIMITS.fallbackText);
  }
  return result;
}

/** The first `max` elements, each fitted. */
function fitEach<E>(elements: E[], max: number, fit: (element: E) => E): E[] {
  return elements.slice(0, max).map(fit);
}

function fitContextElement(element: ContextBlock["elements"][number]): ContextBlock["elements"][number] {
  return "text" in element && typeof element.text === "string"
    ? { ...element, text: truncateMrkdwn(element.text, LIMITS.contextText) }
    : element;
}

function fitActionElement(element: ActionsBlock["elements"][number]): ActionsBlock["elements"][number] {
  return element.type === "button"
    ? { ...element, text: { ...element.text, text: truncateText(element.text.text, LIMITS.buttonText) } }
    : element;
}

function fitBlock(block: KnownBlock): KnownBlock {
  switch (block.type) {
    case "header":
      return { ...block, text: { ...block.text, text: truncateText(block.text.text, LIMITS.headerText) } };
    case "section": {
      const fitted = { ...block };
      if (block.text !== undefined) {
        fitted.text = { ...block.text, text: truncateMrkdwn(block.text.text, LIMITS.sectionText) };
      }
      if (block.fields !== undefined) {
        fitted.fields = block.fields
          .slice(0, LIMITS.fields)
          .map((field) => ({ ...field, text: truncateMrkdwn(field.text, LIMITS.fieldText) }));
      }
      return fitted;
    }
    case "context":
      return { ...block, elements: fitEach(block.elements, LIMITS.contextElements, fitContextElement) };
    case "actions":
      return { ...block, elements: fitEach(block.elements, LIMITS.actionElements, fitActionElement) };
    default:
      return block;
  }
}

/**
 * How many things the dropped blocks hide: list items when list blocks were dropped (a section may hold several),
 * otherwise the content blocks themselves (layout blocks hide nothing).
 */
function hiddenCount(dropped: readonly KnownBlock[]): number {
  const items = dropped.map(listItemCount).filter((count) => count !== null);
  if (items.length > 0) return items.reduce((sum, count) => sum + count, 0);
  return dropped.filter((block) => block.type !== "divider" && block.type !== "header").length;
}

/**
 * Keeps the first blocks and the actions blocks (buttons such as Refresh or Post to channel must survive), and
 * ends the kept content with "…and N more".
 */
function dropSurplusBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const pinned = blocks.filter((block) => block.type === "actions").slice(0, max - 1);
  const content = blocks.filter((block) => block.type !== "actions");
  const keep = Math.max(0, max - pinned.length - 1);
  const kept = content.slice(0, keep);
  const dropped = content.slice(keep);
  return [...kept, context(`…and ${hiddenCount(dropped)} more`), ...pinned];
}
