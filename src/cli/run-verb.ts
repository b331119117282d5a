/**
 * How every verb runs: it opens the one Runtime (src/service/runtime.ts, the composition root) through `open`, does
 * its work, and returns its exit code; a known failure becomes one line on stderr and its exit code (fail.ts), and
 * the runtime is closed whatever happens.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { openRuntime, type Runtime, type RuntimeOptions } from "../service/runtime.js";
import { reportFailure } from "./fail.js";

export type OpenRuntime = (config: Config, logger: Logger, options?: RuntimeOptions) => Promise<Runtime>;

export async function runVerb(verb: string, body: (open: OpenRuntime) => Promise<number>): Promise<number> {
  const opened: Runtime[] = [];
  try {
    return await body(async (config, logger, options) => {
      const runtime = await openRuntime(config, logger, options);
      opened.push(runtime);
      return runtime;
    });
  } catch (error) {
    return reportFailure(error, verb);
  } finally {
    for (const runtime of opened) await runtime.close();
  }
}
