/**
 * Block Kit types (from @slack/types, the package Bolt itself re-exports as `types`: the core stays free of Bolt) and
 * small constructors for the few block shapes the renderers use, so every renderer builds blocks the same way.
 */
import type * as types from "@slack/types";

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type DividerBlock = types.DividerBlock;
export type Button = types.Button;
export type ImageBlock = types.ImageBlock;

/** A message for chat.postMessage / respond: blocks plus the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The App Home tab (views.publish). */
export interface HomeView extends types.HomeView {
  blocks: KnownBlock[];
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

export function section(mrkdwn: string, blockId?: string): SectionBlock {
  const block: SectionBlock = { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
  if (blockId !== undefined) block.block_id = blockId;
  return block;
}

export function fieldsSection(fields: string[]): SectionBlock {
  return { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) };
}

export function context(mrkdwn: string, blockId?: string): ContextBlock {
  const block: ContextBlock = { type: "context", elements: [{ type: "mrkdwn", text: mrkdwn }] };
  if (blockId !== undefined) block.block_id = blockId;
  return block;
}

/** An image uploaded to Slack (files.completeUploadExternal), shown by file ID. */
export function slackFileImage(fileId: string, altText: string): ImageBlock {
  return { type: "image", slack_file: { id: fileId }, alt_text: altText };
}

export function divider(): DividerBlock {
  return { type: "divider" };
}

export function button(text: string, actionId: string, value?: string): Button {
  const element: Button = { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId };
  if (value !== undefined) element.value = value;
  return element;
}

export function actions(...elements: Button[]): ActionsBlock {
  return { type: "actions", elements };
}
