/**
 * Replies about the command itself: help, unknown subcommand, usage errors, stale buttons, apologies, alert settings,
 * first sync.
 */
import type { PaceStatus } from "../../model/report.js";
import {
  SLASH_COMMAND,
  SUBCOMMAND_NAMES,
  SUBCOMMANDS,
  type SubcommandName,
  synopsis,
} from "../../model/subcommands.js";
import { context, type KnownBlock, type SlackMessage, section } from "./block-kit.js";
import { isMentionableChannel } from "./channel-id.js";
import { slackDate, statusLabel } from "./format.js";
import { enforceLimits } from "./limits.js";
import { inlineCode, safeText } from "./mrkdwn.js";

function helpBlocks(): KnownBlock[] {
  const lines = SUBCOMMANDS.map(({ name, help }) => `\`${SLASH_COMMAND} ${synopsis(name)}\` — ${help}`);
  return [section(`*What I can do*\n${lines.join("\n")}`)];
}

export function helpMessage(): SlackMessage {
  return enforceLimits(
    {
      text: `${SLASH_COMMAND} subcommands: ${SUBCOMMAND_NAMES.join(", ")}`,
      blocks: helpBlocks(),
    },
    "message",
  );
}

/** `suggestion`: the subcommand the word most likely meant (model/subcommands.ts, nearestSubcommand). */
export function unknownSubcommandMessage(word: string, suggestion?: SubcommandName): SlackMessage {
  const shown = inlineCode(word, 40);
  const meant = suggestion === undefined ? "." : ` — did you mean \`${suggestion}\`?`;
  return enforceLimits(
    {
      text: `Unknown subcommand ${shown}${meant} Try ${SLASH_COMMAND} help.`,
      blocks: [section(`:thinking_face: Unknown subcommand ${shown}${meant}`), ...helpBlocks()],
    },
    "message",
  );
}

/** `problem` says what was wrong with the input; `usage` is the correct form, e.g. "contributors [YYYY-MM]". */
export function usageErrorMessage(problem: string, usage: string): SlackMessage {
  const line = `${safeText(problem, 300)}\nUsage: \`${SLASH_COMMAND} ${safeText(usage, 100).replaceAll("`", "'")}\``;
  return enforceLimits(
    { text: `${safeText(problem, 300)} Usage: ${SLASH_COMMAND} ${safeText(usage, 100)}`, blocks: [section(line)] },
    "message",
  );
}

/** A button no listener knows (a card from an older version of the bot, a button since removed). */
export function staleButtonMessage(): SlackMessage {
  const line = `:hourglass: That button is out of date, so it does nothing now. Run \`${SLASH_COMMAND} help\` to see what I can do.`;
  return enforceLimits(
    { text: `That button is out of date. Run ${SLASH_COMMAND} help to see what I can do.`, blocks: [section(line)] },
    "message",
  );
}

/** `reference` lets the operator find the matching log line. */
export function apologyMessage(reference?: string): SlackMessage {
  const ref = reference === undefined ? "" : ` (reference ${inlineCode(reference, 60)})`;
  const line = `:face_with_head_bandage: Sorry, something went wrong on my side${ref}. Please try again in a minute; if it keeps happening, tell the bot's operator.`;
  return enforceLimits({ text: `Sorry, something went wrong${ref}.`, blocks: [section(line)] }, "message");
}

/** The database (PostgreSQL) does not answer: not a bug to report, an outage the operator's log already names. */
export function databaseUnreachableMessage(): SlackMessage {
  const line =
    ":electric_plug: Sorry, I cannot reach my database right now, so I cannot answer. The bot's operator sees it " +
    "in the log, and I reconnect by myself when it is back: please try again in a few minutes.";
  return enforceLimits({ text: "Sorry, I cannot reach my database right now.", blocks: [section(line)] }, "message");
}

/** A channel ID becomes a Slack channel mention; a name is shown as written. */
function channelText(channel: string): string {
  return isMentionableChannel(channel) ? `<#${channel}>` : safeText(channel, 80);
}

export interface AlertsState {
  muted: boolean;
  /** the channel alerts go to */
  channel: string;
  lastAlert?: { status: PaceStatus; postedAt: string };
  /** asked in another channel (or a DM): the reply says where alerts go, and that on/off is done there */
  askedElsewhere?: { toggle?: "on" | "off" };
}

export function alertsStateMessage(state: AlertsState): SlackMessage {
  const channel = channelText(state.channel);
  const line = state.askedElsewhere
    ? alertsElsewhereLine(channel, state.muted, state.askedElsewhere.toggle)
    : state.muted
      ? `:no_bell: Pace alerts are *muted* for ${channel}. Turn them back on with \`${SLASH_COMMAND} alerts on\`.`
      : `:bell: Pace alerts are *on*: they go to ${channel} when the month's status changes. Mute with \`${SLASH_COMMAND} alerts off\`.`;
  const blocks: KnownBlock[] = [section(line)];
  if (state.lastAlert !== undefined) {
    blocks.push(context(`Last alert: ${statusLabel(state.lastAlert.status)}, ${slackDate(state.lastAlert.postedAt)}`));
  }
  return enforceLimits({ text: `Pace alerts are ${state.muted ? "muted" : "on"}`, blocks }, "message");
}

/** Alerts go to one channel (DIGEST_CHANNEL); muting them is done there, where everyone can see it was done. */
function alertsElsewhereLine(channel: string, muted: boolean, toggle: "on" | "off" | undefined): string {
  const state = muted ? ":no_bell: *muted*" : ":bell: *on*";
  const where = `Pace alerts go to ${channel}, not to this conversation; there they are ${state}.`;
  const how = toggle
    ? `Nothing was changed: to turn them ${toggle}, run \`${SLASH_COMMAND} alerts ${toggle}\` in ${channel}.`
    : `To ${muted ? "unmute" : "mute"} them, run \`${SLASH_COMMAND} alerts ${muted ? "on" : "off"}\` in ${channel}.`;
  return `${where} ${how}`;
}

export function firstSyncRunningMessage(): SlackMessage {
  const line =
    ":hourglass_flowing_sand: The first GitLab sync is still running (it reads the configured months of history), so there are no numbers yet. I'll answer here as soon as it has finished.";
  return enforceLimits(
    {
      text: "The first GitLab sync is still running; the answer follows here when it has finished.",
      blocks: [section(line)],
    },
    "message",
  );
}
