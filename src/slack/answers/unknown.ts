/** A word that is no subcommand: say so, and show the help. */
import { unknownSubcommandMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";

export const unknownAnswer: Answer<"unknown"> = ({ word }) => plain(unknownSubcommandMessage(word));
