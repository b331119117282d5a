/**
 * Slack's conversation IDs: `C…` public channels, `G…` private ones (older workspaces), `D…` direct messages,
 * upper-case letters and digits. The one pattern that config.ts (DIGEST_CHANNEL), schedule/slack-channel.ts
 * (name or ID?) and the alert card (mention or name?) go by.
 */
const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;

export const isChannelId = (text: string): boolean => CHANNEL_ID.test(text);

/** A channel that `<#ID>` shows by its name; a direct message has none. */
export const isMentionableChannel = (text: string): boolean => isChannelId(text) && !text.startsWith("D");
