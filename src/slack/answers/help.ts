/** `/engagement help` (and `/engagement` alone): every subcommand of src/model/subcommands.ts. */
import { helpMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";

export const helpAnswer: Answer<"help"> = () => plain(helpMessage());
