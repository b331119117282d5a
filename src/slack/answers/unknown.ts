/** A word that is no subcommand: say so, suggest the nearest one if any is close, and show the help. */
import { unknownSubcommandMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";

export const unknownAnswer: Answer<"unknown"> = ({ word, suggestion }) =>
  plain(unknownSubcommandMessage(word, suggestion));
