/**
 * What a subcommand's answer (one file each in this folder) needs and produces. The answers serve the slash
 * command (src/slack/listeners/commands/), the "Post to channel" button (src/slack/listeners/actions/), which
 * re-renders a card from its subcommand text, and tests alike.
 */

import type * as types from "@slack/types";
import type { Config } from "../../config.js";
import type { Logger } from "../../log.js";
import type { Report } from "../../model/report.js";
import type { SlackMessage } from "../blocks/block-kit.js";
import type { ParsedCommand } from "../command-parser.js";
import type { AlertSettings, KpiServices, ReportRequest } from "../services.js";

export interface CommandAnswer {
  message: SlackMessage;
  /** subcommand text that re-renders this card when "Post to channel" is pressed; null: no button */
  postable: string | null;
  /** a later, final answer (sent through response_url, replacing this one) */
  followUp?: Promise<CommandAnswer>;
  /** a form to open instead of replying (views.open with the command's trigger_id); `message` is the fallback */
  view?: types.ModalView;
}

/** The part of the bot the answers read: the store through the Report, the alert settings, the clock. */
export interface AnswerDeps {
  config: Pick<Config, "engagementLabel" | "timezone" | "workstreams">;
  logger: Pick<Logger, "error">;
  now(): Date;
  /** data older than this gets a warning on the cards */
  staleAfterMs: number;
  /** the Report from the store; null when the store has never synced */
  report(request?: ReportRequest): Promise<Report | null>;
  /** resolves once a first sync has completed; rejects if it fails */
  waitForFirstSync(): Promise<void>;
  alerts: AlertSettings;
  kpis: KpiServices;
}

/** Who asked, where. */
export interface AnswerContext {
  deps: AnswerDeps;
  channelId: string;
  userId: string;
}

/** An answer with no "Post to channel" button. */
export const plain = (message: SlackMessage): CommandAnswer => ({ message, postable: null });

/** A subcommand's answer: the parsed command of its kind and who asked, to the reply. */
export type Answer<K extends ParsedCommand["kind"]> = (
  parsed: Extract<ParsedCommand, { kind: K }>,
  context: AnswerContext,
) => CommandAnswer | Promise<CommandAnswer>;
