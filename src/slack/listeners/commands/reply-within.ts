/**
 * Slack gives a slash command 3 seconds. The answer rides on ack() when it is ready in time
 * (one round trip, no response_url needed); otherwise ack() says "working on it" and the answer
 * follows through response_url. Failures become an ephemeral apology, never silence.
 */
import type { AckFn, RespondArguments, RespondFn } from "@slack/bolt";
import type { Logger } from "../../../log.js";
import type { SlackMessage } from "../../blocks/block-kit.js";
import { apologyMessage } from "../../blocks/help-blocks.js";
import { withPostToChannelButton } from "../../blocks/post-to-channel.js";
import { workingOnItMessage } from "../../blocks/waiting-blocks.js";
import type { CommandAnswer } from "./answer.js";

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

export async function replyWithin(
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  produce: () => CommandAnswer | Promise<CommandAnswer>,
  logger: Logger,
  what: string,
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
  const apologise = async (error: unknown): Promise<void> => {
    const reference = `E${Date.now().toString(36)}`;
    logger.error({ err: error, reference, command: what }, "command failed");
    const sorry = apologyMessage(reference);
    try {
      await send({ response_type: "ephemeral", text: sorry.text, blocks: sorry.blocks });
    } catch (sendError) {
      logger.error({ err: sendError, reference }, "could not deliver the apology");
    }
  };

  try {
    const produced = produce();
    let answer: CommandAnswer;
    if (!(produced instanceof Promise)) {
      // answered from the store synchronously: no timer, straight into ack()
      answer = produced;
    } else {
      const first = await Promise.race([produced, delay(ACK_BUDGET_MS)]);
      if (first === "timeout") {
        const wait = workingOnItMessage();
        await send({ response_type: "ephemeral", text: wait.text, blocks: wait.blocks });
        answer = await produced;
      } else {
        answer = first;
      }
    }
    await send(ephemeral(answer));
    // Never-synced store: the final answer follows once the first sync finished (response_url is valid 30 min).
    while (answer.followUp) {
      answer = await answer.followUp;
      await send(ephemeral(answer));
    }
  } catch (error) {
    await apologise(error);
  }
}
