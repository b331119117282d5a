/**
 * Checks every listener test applies to what the bot sent: the HTTP ack, the message shape, Slack's Block Kit
 * limits, and the "Post to channel" button. Shared by the tests in this folder.
 */
import assert from "node:assert/strict";
import type { KnownBlock } from "../../../src/slack/blocks/block-kit.js";
import { checkLimits, type Surface } from "../../../src/slack/blocks/limits.js";
import { POST_TO_CHANNEL_ACTION } from "../../../src/slack/blocks/post-to-channel.js";
import type { SlackHttpReply } from "../../support/slack-requests.js";

export interface SlackReply {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: KnownBlock[];
}

/** Every piece of text in the blocks (mrkdwn, plain text, button values), joined by newlines. */
export function blocksText(blocks: readonly KnownBlock[]): string {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value !== null && typeof value === "object") for (const item of Object.values(value)) visit(item);
  };
  for (const block of blocks) {
    const { block_id: _ignored, ...rest } = block as KnownBlock & { block_id?: string };
    visit(rest);
  }
  return out.join("\n");
}

/** Blocks and text fallback, everything the person could see. */
export const visibleText = (reply: SlackReply): string => `${reply.text}\n${blocksText(reply.blocks)}`;

export function assertWithinLimits(message: { text?: string; blocks: KnownBlock[] }, surface: Surface): void {
  assert.deepEqual(checkLimits(message, { surface }), [], `${surface} breaks Slack's limits`);
}

/** The HTTP answer to a slash command: 200, an ephemeral message within limits, with a text fallback. */
export function ephemeralReply(reply: SlackHttpReply): SlackReply {
  assert.equal(reply.status, 200, `HTTP ${reply.status}: ${reply.text}`);
  const body = reply.body as SlackReply;
  assert.equal(typeof body, "object", `the ack carries the answer (got ${JSON.stringify(reply.text)})`);
  assert.equal(body.response_type, "ephemeral");
  assert.ok(Array.isArray(body.blocks) && body.blocks.length > 0, "blocks");
  assert.ok(body.text.trim().length > 0, "text fallback");
  assertWithinLimits(body, "message");
  return body;
}

/** The value of the "Post to channel" button, or undefined when the reply has none. */
export function postButtonValue(reply: SlackReply): string | undefined {
  for (const block of reply.blocks) {
    if (block.type !== "actions") continue;
    for (const element of block.elements) {
      if (element.type === "button" && element.action_id === POST_TO_CHANNEL_ACTION) return element.value;
    }
  }
  return undefined;
}

/** The reply without its "Post to channel" actions block: the card itself. */
export const cardBlocks = (reply: SlackReply): KnownBlock[] =>
  reply.blocks.filter(
    (block) =>
      !(
        block.type === "actions" &&
        block.elements.some((e) => e.type === "button" && e.action_id === POST_TO_CHANNEL_ACTION)
      ),
  );

/** Asserts `needle` appears in `haystack`, with a readable failure. */
export function assertIncludes(haystack: string, needle: string): void {
  assert.ok(haystack.includes(needle), `expected to find ${JSON.stringify(needle)} in:\n${haystack}`);
}
