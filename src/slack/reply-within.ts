/**
 * Slack gives a slash command 3 seconds. The answer rides on ack() when it is ready in time
 * (one round trip, no response_url needed); otherwise ack() says "working on it" and the answer
 * follows through response_url. Failures become an ephemeral apology, never silence.
 */
import type { AckFn, RespondArguments, RespondFn } from "@slack/bolt";
import type * as types from "@slack/types";
import type { Logger } from "../log.js";
import type { CommandAnswer } from "./answers/answer.js";
import { apologise } from "./apology.js";
import type { SlackMessage } from "./blocks/block-kit.js";
import { withPostToChannelButton } from "./blocks/post-to-channel.js";
import { workingOnItMessage } from "./blocks/waiting-blocks.js";

/** How long the answer may take before ack() goes out without it (Slack's limit is 3 s). */
export const ACK_BUDGET_MS = 2000;

const ephemeral = (answer: CommandAnswer): RespondArguments => {
  const message: SlackMessage =
    answer.postable === null ? answer.message : withPostToChannelButton(answer.message, answer.postable);
  return { response_type: "ephemeral", text: message.text, blocks: message.blocks };
};

const delay = (ms: number) =>
  new Promise<"timeout">((resolve) => {
    setTimeout(() => resolve("timeout"), ms).unref();
  });

/** The answer; when it takes longer than the budget, "working on it" goes out first. */
async function inTime(
  produced: CommandAnswer | Promise<CommandAnswer>,
  send: (args: RespondArguments) => Promise<void>,
): Promise<CommandAnswer> {
  // answered from the store synchronously: no timer, straight into ack()
  if (!(produced instanceof Promise)) return produced;
  const first = await Promise.race([produced, delay(ACK_BUDGET_MS)]);
  if (first !== "timeout") return first;
  const wait = workingOnItMessage();
  await send({ response_type: "ephemeral", text: wait.text, blocks: wait.blocks });
  return produced;
}

export async function replyWithin(
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  produce: () => CommandAnswer | Promise<CommandAnswer>,
  logger: Logger,
  what: string,
  /** opens an answer's form (views.open with the command's trigger_id, which lives 3 s) */
  openView?: (view: types.ModalView) => Promise<void>,
): Promise<void> {
  let acked = false;
  const send = async (args: RespondArguments): Promise<void> => {
    if (!acked) {
      acked = true;
      await ack(args);
    } else {
      await respond({ ...args, replace_original: true });
    }
  };
  try {
    let answer = await inTime(produce(), send);
    if (answer.view && openView && !acked) {
      // a form answers with nothing in the channel: an empty ack, then the form
      acked = true;
      await ack();
      try {
        await openView(answer.view);
        return;
      } catch (error) {
        // the form could not open (trigger expired, Slack down): say so, with the way around it
        logger.warn({ err: error, command: what }, "views.open failed; answered with the fallback");
      }
    }
    await send(ephemeral(answer));
    // Never-synced store: the final answer follows once the first sync finished (response_url is valid 30 min).
    while (answer.followUp) {
      answer = await answer.followUp;
      await send(ephemeral(answer));
    }
  } catch (error) {
    await apologise(send, logger, error, { msg: "command failed", fields: { command: what } });
  }
}
