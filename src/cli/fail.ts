/** Turns known failures into one clear line on stderr and the exit code of src/cli/exit-codes.ts. */
import { ConfigError } from "../config.js";
import { GitLabRequestError } from "../gitlab/errors.js";
import { scrubText } from "../log.js";
import { MonthArgError } from "../metrics/errors.js";
import { ChannelError } from "../schedule/slack-channel.js";
import { SlackStartError } from "../slack/web-client.js";
import { StoreError } from "../store/store.js";
import { isVerb } from "./args.js";
import { EXIT } from "./exit-codes.js";
import { commandUsage } from "./usage.js";

export function reportFailure(error: unknown, verb: string): number {
  const usage = error instanceof ConfigError || error instanceof MonthArgError;
  const known =
    usage ||
    error instanceof StoreError ||
    error instanceof GitLabRequestError ||
    error instanceof SlackStartError ||
    error instanceof ChannelError;
  const message = known ? (error as Error).message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`engagement-bot ${verb}: ${scrubText(message)}\n`);
  // a mistyped flag value (--month 2026-13) is a usage error: the one line, then that command's usage
  if (error instanceof MonthArgError && isVerb(verb)) process.stderr.write(`\n${commandUsage(verb)}\n`);
  return usage ? EXIT.usage : EXIT.failure;
}
