/**
 * One answer per subcommand, each in its own file of this folder, looked up by the parsed command's kind.
 * The same function serves the slash command, the "Post to channel" button and tests.
 */
import type { ParsedCommand } from "../command-parser.js";
import { alertsAnswer } from "./alerts.js";
import type { Answer, AnswerContext, CommandAnswer } from "./answer.js";
import { contributorsAnswer } from "./contributors.js";
import { digestAnswer } from "./digest.js";
import { epicsAnswer } from "./epics.js";
import { funnelAnswer } from "./funnel.js";
import { helpAnswer } from "./help.js";
import { issuesAnswer } from "./issues.js";
import { kpiAnswer } from "./kpi.js";
import { recordAnswer } from "./record.js";
import { statusAnswer } from "./status.js";
import { unknownAnswer } from "./unknown.js";
import { usageAnswer } from "./usage.js";

const ANSWERS: { [K in ParsedCommand["kind"]]: Answer<K> } = {
  status: statusAnswer,
  contributors: contributorsAnswer,
  funnel: funnelAnswer,
  epics: epicsAnswer,
  issues: issuesAnswer,
  digest: digestAnswer,
  alerts: alertsAnswer,
  record: recordAnswer,
  kpi: kpiAnswer,
  help: helpAnswer,
  unknown: unknownAnswer,
  usage: usageAnswer,
};

export async function answerCommand(parsed: ParsedCommand, context: AnswerContext): Promise<CommandAnswer> {
  // the table is indexed by the same kind it is called with; TypeScript cannot correlate the two
  const answer = ANSWERS[parsed.kind] as Answer<ParsedCommand["kind"]>;
  return answer(parsed, context);
}
