/**
 * Something failed while a person waited for an answer: log it with a reference, and tell them, quoting the
 * reference so that the operator can find the log line — or, when the database is unreachable, say that instead. Used by the slash command (reply-within.ts) and the
 * "Post to channel" button (listeners/actions/post-to-channel.ts).
 */
import type { RespondArguments } from "@slack/bolt";
import type { Logger } from "../log.js";
import { databaseUnreachable } from "../store/reachability.js";
import { apologyMessage, databaseUnreachableMessage } from "./blocks/help-blocks.js";

/** Short, unique enough to grep the logs for: "E" and the time in base 36. */
export const apologyReference = (): string => `E${Date.now().toString(36)}`;

export async function apologise(
  send: (args: RespondArguments) => Promise<unknown>,
  logger: Pick<Logger, "error" | "debug">,
  error: unknown,
  log: { msg: string; fields?: Record<string, unknown> },
): Promise<void> {
  const reference = apologyReference();
  const unreachable = databaseUnreachable(error);
  // an outage is logged once, when it starts (src/service/runtime.ts), not once per person who asked meanwhile
  if (unreachable === null) logger.error({ err: error, reference, ...log.fields }, log.msg);
  else logger.debug({ reference, reason: unreachable, ...log.fields }, `${log.msg}: the database is unreachable`);
  const sorry = unreachable === null ? apologyMessage(reference) : databaseUnreachableMessage();
  try {
    await send({ response_type: "ephemeral", text: sorry.text, blocks: sorry.blocks });
  } catch (sendError) {
    logger.error({ err: sendError, reference }, "could not deliver the apology");
  }
}
