/**
 * The `/engagement record` form submitted: errors go back on their fields (`response_action: errors`), valid values
 * are stored with the Slack user and time (src/slack/answers/record-form.ts), and the person gets the confirmation:
 * ephemeral in the channel the command was typed in, or as a direct message when that is not possible.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { answerRecordForm } from "../../answers/record-form.js";
import { apologyReference } from "../../apology.js";
import { MONTH_BLOCK, readRecordSubmission, type ViewStateValues } from "../../blocks/record-modal.js";
import type { BotServices } from "../../services.js";

export function recordSubmission(services: BotServices) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const submission = readRecordSubmission(
      view.state.values as ViewStateValues,
      view.private_metadata,
      services.config.workstreams,
    );
    let outcome: Awaited<ReturnType<typeof answerRecordForm>>;
    try {
      outcome = await answerRecordForm(submission, services.kpis, userId);
    } catch (error) {
      const reference = apologyReference();
      services.logger.error({ err: error, reference, user: userId }, "recording KPI values failed");
      await ack({
        response_action: "errors",
        errors: {
          [MONTH_BLOCK]: `Sorry, the values could not be saved (reference ${reference}). Try again in a minute.`,
        },
      });
      return;
    }
    if (outcome.kind === "errors") {
      await ack({ response_action: "errors", errors: outcome.errors });
      return;
    }
    await ack();
    services.logger.info({ user: userId, month: submission.month, kpis: outcome.recorded }, "KPI values recorded");
    const { text, blocks } = outcome.confirmation;
    const channel = submission.metadata?.channelId;
    try {
      if (!channel) throw new Error("the form did not say where it was opened");
      await client.chat.postEphemeral({ channel, user: userId, text, blocks });
    } catch (error) {
      // not in that channel (or a DM the bot cannot post in): the app's DM with the person always works
      services.logger.debug({ err: error, user: userId }, "ephemeral confirmation failed; sending a direct message");
      try {
        await client.chat.postMessage({ channel: userId, text, blocks });
      } catch (dmError) {
        services.logger.warn({ err: dmError, user: userId }, "could not confirm the recorded KPI values");
      }
    }
  };
}
