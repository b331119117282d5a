/** `/engagement digest`: the next digest as one ephemeral card — the top message, then its thread replies. */
import type { Report } from "../../model/report.js";
import { context, divider, type KnownBlock, type SlackMessage } from "./block-kit.js";
import { type DigestOptions, digestMessages, digestReplies } from "./digest-blocks.js";
import { enforceLimits } from "./limits.js";

export function digestPreviewMessage(report: Report, options: DigestOptions): SlackMessage {
  const messages = digestMessages(report, options);
  const { top } = messages;
  const blocks: KnownBlock[] = [
    context(
      ":eyes: *Preview of the next weekly digest* — the channel gets the first part as one message, the rest in its thread.",
    ),
    ...top.blocks,
  ];
  for (const reply of digestReplies(messages)) blocks.push(divider(), ...reply.blocks);
  return enforceLimits({ text: `Digest preview: ${top.text}`, blocks }, "message");
}
