/** A subcommand with a wrong argument: what was wrong, and the usage line. */
import { usageErrorMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";

export const usageAnswer: Answer<"usage"> = ({ problem, usage }) => plain(usageErrorMessage(problem, usage));
