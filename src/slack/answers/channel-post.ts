/**
 * What the "Post to channel" button (listeners/actions/post-to-channel.ts) sends: the card re-rendered from its
 * subcommand text, so the channel sees current numbers, credited to the person who pressed the button. Links in it
 * are not unfurled: a card links to epics and profiles, and their previews would bury the numbers.
 */
import type { RespondArguments } from "@slack/bolt";
import { postedByContext } from "../blocks/post-to-channel.js";
import { parseEngagementCommand } from "../command-parser.js";
import type { AnswerContext } from "./answer.js";
import { answerCommand } from "./answer-command.js";

export async function channelPost(subcommandText: string, context: AnswerContext): Promise<RespondArguments> {
  const answer = await answerCommand(parseEngagementCommand(subcommandText), context);
  if (answer.postable === null) {
    // e.g. the store was wiped since the card was shown: tell the presser only
    return { response_type: "ephemeral", replace_original: false, ...answer.message };
  }
  const message = postedByContext(answer.message, context.userId);
  return {
    response_type: "in_channel",
    replace_original: false,
    unfurl_links: false,
    unfurl_media: false,
    text: message.text,
    blocks: message.blocks,
  };
}
