/**
 * Something failed while a person waited for an answer: log it with a reference, and tell them, quoting the
 * reference so that the operator can find the log line. Used by the slash command (reply-within.ts) and the
 * "Post to channel" button (listeners/actions/post-to-channel.ts).
 */
import type { RespondArguments } from "@slack/bolt";
import type { Logger } from "../log.js";
import { apologyMessage } from "./blocks/help-blocks.js";

/** Short, unique enough to grep the logs for: "E" and the time in base 36. */
export const apologyReference = (): string => `E${Date.now().toString(36)}`;

export async function apologise(
  send: (args: RespondArguments) => Promise<unknown>,
  logger: Pick<Logger, "error">,
  error: unknown,
  log: { msg: string; fields?: Record<string, unknown> },
): Promise<void> {
  const reference = apologyReference();
  logger.error({ err: error, reference, ...log.fields }, log.msg);
  const sorry = apologyMessage(reference);
  try {
    await send({ response_type: "ephemeral", text: sorry.text, blocks: sorry.blocks });
  } catch (sendError) {
    logger.error({ err: sendError, reference }, "could not deliver the apology");
  }
}
