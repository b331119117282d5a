/**
 * What a subcommand produces: the card, the text that re-creates it (for the Post-to-channel button),
 * and, when the store has never synced, a follow-up that arrives through response_url.
 */
import type { SlackMessage } from "../../blocks/block-kit.js";

export interface CommandAnswer {
  message: SlackMessage;
  /** subcommand text that re-renders this card when "Post to channel" is pressed; null: no button */
  postable: string | null;
  /** a later, final answer (sent through response_url, replacing this one) */
  followUp?: Promise<CommandAnswer>;
}
