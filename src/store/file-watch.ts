/**
 * A running bot notices when its database file is deleted or replaced (a volume wiped, a file copied over it): it
 * logs it once, as an error naming the file, and /healthz fails with the same words (src/slack/health-route.ts),
 * while the store refuses every further write (src/store/store.ts fileProblem). Started by `start`'s Slack app.
 */
import type { Logger } from "../log.js";
import type { Store } from "./store.js";

/** How often the file is looked at; the container's HEALTHCHECK looks too, through /healthz. */
export const STORE_FILE_CHECK_MS = 15_000;

/** Checks now and every `intervalMs`; returns the check (for /healthz) and a stop. */
export function watchStoreFile(
  store: Pick<Store, "fileProblem">,
  logger: Logger,
  intervalMs = STORE_FILE_CHECK_MS,
): { check(): string | null; stop(): void } {
  let reported: string | null = null;
  const check = (): string | null => {
    const problem = store.fileProblem();
    if (problem !== null && problem !== reported) {
      logger.error(
        { component: "store" },
        `${problem}: the bot writes nothing more to it (no digest or alert record is lost there) and /healthz fails; put the file back or restart the bot`,
      );
    }
    reported = problem;
    return problem;
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
