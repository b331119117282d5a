/**
 * One answer per subcommand, from the store through the Report: the same function serves the slash
 * command, the "Post to channel" button (which re-renders from its stored subcommand text) and tests.
 */

import { parseMonthArg } from "../../../../metrics/calendar.js";
import { MonthArgError } from "../../../../metrics/errors.js";
import type { Report } from "../../../../model/report.js";
import type { SlackMessage } from "../../../blocks/block-kit.js";
import { contributorsMessage } from "../../../blocks/contributors-blocks.js";
import { digestPreviewMessage } from "../../../blocks/digest-preview.js";
import { epicsMessage } from "../../../blocks/epics-blocks.js";
import {
  alertsStateMessage,
  firstSyncRunningMessage,
  helpMessage,
  unknownSubcommandMessage,
  usageErrorMessage,
} from "../../../blocks/help-blocks.js";
import { issuesMessage } from "../../../blocks/issues-blocks.js";
import { statusMessage } from "../../../blocks/status-blocks.js";
import { firstSyncFailedMessage } from "../../../blocks/waiting-blocks.js";
import { type ParsedCommand, USAGE } from "../../../command-parser.js";
import type { BotServices, ReportRequest } from "../../../services.js";
import type { CommandAnswer } from "../answer.js";

export interface CommandContext {
  services: BotServices;
  channelId: string;
  userId: string;
}

const plain = (message: SlackMessage): CommandAnswer => ({ message, postable: null });

/**
 * Rendered cards per Report object. ReportService hands out the same Report for up to a minute, so a burst of
 * `/engagement status` renders the card once (the view's clock moves by at most that minute).
 */
const rendered = new WeakMap<Report, Map<string, SlackMessage>>();

const renderOnce = (report: Report, key: string, render: (report: Report) => SlackMessage): SlackMessage => {
  let cards = rendered.get(report);
  if (!cards) {
    cards = new Map();
    rendered.set(report, cards);
  }
  let message = cards.get(key);
  if (!message) {
    message = render(report);
    cards.set(key, message);
  }
  return message;
};

/** Renders from the Report, or says the first sync is running and answers again once it finished. */
const fromReport = (
  parsed: ParsedCommand,
  context: CommandContext,
  request: ReportRequest,
  postable: string,
  render: (report: Report) => SlackMessage,
): CommandAnswer => {
  const report = context.services.report(request);
  if (report) return { message: renderOnce(report, postable, render), postable };
  return {
    message: firstSyncRunningMessage(),
    postable: null,
    followUp: context.services.waitForFirstSync().then(
      () => answerCommand(parsed, context),
      (error: unknown) => {
        context.services.logger.error({ err: error }, "first sync failed while a command waited for it");
        return plain(firstSyncFailedMessage(error instanceof Error ? error.message : String(error)));
      },
    ),
  };
};

export function answerCommand(parsed: ParsedCommand, context: CommandContext): CommandAnswer {
  const { services } = context;
  const issueLabel = services.config.engagementLabel;
  const view = { nowMs: services.now().getTime(), staleAfterMs: services.staleAfterMs, issueLabel };
  switch (parsed.kind) {
    case "help":
      return plain(helpMessage());
    case "unknown":
      return plain(unknownSubcommandMessage(parsed.word));
    case "usage":
      return plain(usageErrorMessage(parsed.problem, parsed.usage));
    case "status":
      return fromReport(parsed, context, {}, "status", (report) => statusMessage(report, view));
    case "epics":
      return fromReport(parsed, context, {}, "epics", (report) => epicsMessage(report));
    case "digest":
      return fromReport(parsed, context, {}, "digest", (report) => digestPreviewMessage(report, view));
    case "issues":
      return fromReport(
        parsed,
        context,
        parsed.days === undefined ? {} : { newIssuesDays: parsed.days },
        parsed.days === undefined ? "issues" : `issues ${parsed.days}`,
        (report) =>
          issuesMessage(report, {
            title: parsed.days === undefined ? undefined : `New ${issueLabel} issues, last ${parsed.days} days`,
            label: issueLabel,
          }),
      );
    case "contributors": {
      let month: string | undefined;
      if (parsed.month !== undefined) {
        try {
          month = parseMonthArg(parsed.month, view.nowMs, services.config.timezone);
        } catch (error) {
          if (!(error instanceof MonthArgError)) throw error;
          return plain(usageErrorMessage(error.message.replace(/^--month/, "The month"), USAGE.contributors));
        }
      }
      return fromReport(
        parsed,
        context,
        month === undefined ? {} : { month },
        month === undefined ? "contributors" : `contributors ${month}`,
        (report) => contributorsMessage(report),
      );
    }
    case "alerts": {
      // alerts go to DIGEST_CHANNEL only: asked anywhere else, say where and change nothing
      // (while its name is not resolved yet, the channel asked in is taken at its word)
      const alertChannel = services.alerts.alertChannelId() ?? context.channelId;
      const here = alertChannel === context.channelId;
      if (here && parsed.toggle !== undefined)
        services.alerts.setMuted(alertChannel, parsed.toggle === "off", context.userId);
      return plain(
        alertsStateMessage({
          muted: services.alerts.isMuted(alertChannel),
          channel: alertChannel,
          lastAlert: services.alerts.lastAlert() ?? undefined,
          ...(here ? {} : { askedElsewhere: parsed.toggle === undefined ? {} : { toggle: parsed.toggle } }),
        }),
      );
    }
  }
}
