/** The cards drawn from the Report (status, contributors, epics, issues, digest): rendered once per Report. */
import { parseMonthArg } from "../../metrics/calendar.js";
import { MonthArgError } from "../../metrics/errors.js";
import type { Report } from "../../model/report.js";
import { type SubcommandName, usageLine } from "../../model/subcommands.js";
import type { SlackMessage } from "../blocks/block-kit.js";
import { firstSyncRunningMessage, usageErrorMessage } from "../blocks/help-blocks.js";
import { firstSyncFailedMessage } from "../blocks/waiting-blocks.js";
import type { ReportRequest } from "../services.js";
import { type AnswerDeps, type CommandAnswer, plain } from "./answer.js";

export interface Card {
  request: ReportRequest;
  /** the subcommand text that re-renders the card; also its key in the render cache */
  postable: string;
  render: (report: Report) => SlackMessage;
}

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

/** The card, or: the first sync is running, and the card follows once it has finished. */
export async function fromReport(deps: AnswerDeps, card: Card): Promise<CommandAnswer> {
  const report = await deps.report(card.request);
  if (report) return { message: renderOnce(report, card.postable, card.render), postable: card.postable };
  return {
    message: firstSyncRunningMessage(),
    postable: null,
    followUp: deps.waitForFirstSync().then(
      () => fromReport(deps, card),
      (error: unknown) => {
        deps.logger.error({ err: error }, "first sync failed while a command waited for it");
        return plain(firstSyncFailedMessage(error instanceof Error ? error.message : String(error)));
      },
    ),
  };
}

/** What the status and digest cards need to say how fresh the data is. */
export const cardView = (deps: AnswerDeps) => ({
  nowMs: deps.now().getTime(),
  staleAfterMs: deps.staleAfterMs,
  issueLabel: deps.config.engagementLabel,
});

/**
 * A card of a month (`status [YYYY-MM]`, `contributors [YYYY-MM]`, `funnel [YYYY-MM]`): a month after this one is
 * refused before any card is built, one before the synced history by the Report's own check; both in one line naming
 * the first month available (once the store has synced), with the usage line and no card.
 */
export async function fromReportForMonth(
  deps: AnswerDeps,
  name: SubcommandName,
  month: string | undefined,
  render: (report: Report) => SlackMessage,
): Promise<CommandAnswer> {
  try {
    if (month !== undefined) parseMonthArg(month, deps.now().getTime(), deps.config.timezone);
    return await fromReport(deps, {
      request: month === undefined ? {} : { month },
      postable: month === undefined ? name : `${name} ${month}`,
      render,
    });
  } catch (error) {
    if (!(error instanceof MonthArgError)) throw error;
    const problem = (await withFirstMonth(deps, month, error)).message;
    return plain(usageErrorMessage(problem.replace(/^--month/, "The month"), usageLine(name)));
  }
}

/** The month check that names the first month available: the Report's own, when the store has a history. */
async function withFirstMonth(
  deps: AnswerDeps,
  month: string | undefined,
  error: MonthArgError,
): Promise<MonthArgError> {
  if (error.firstMonthAvailable !== null || month === undefined) return error;
  try {
    await deps.report({ month });
  } catch (checked) {
    if (checked instanceof MonthArgError) return checked;
    throw checked;
  }
  return error;
}
