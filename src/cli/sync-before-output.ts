/**
 * `status` and `digest` sync before they print. A failed sync — GitLab down, or a read-only database that
 * cannot save what was fetched — still leaves the stored data worth showing. What is said about it is one story
 * (dataStory): the last good data and its age, or "no data yet" and what to do next; never both.
 */
import { failedSources } from "../gitlab/sync.js";
import type { Runtime } from "../service/runtime.js";
import { StoreError } from "../store/store.js";
import { formatAge } from "../wording/dates.js";
import { createProgressPrinter } from "./progress-printer.js";

/** Runs the sync with progress on stderr; resolves why it failed, or null when it succeeded. */
export async function syncBeforeOutput(runtime: Runtime): Promise<string | null> {
  let problems: string[];
  try {
    problems = failedSources(await runtime.runSync({ onProgress: createProgressPrinter(process.stderr) }));
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    problems = [error.message];
  }
  return problems.length > 0 ? problems.join("; ") : null;
}

export interface DataStory {
  verb: string;
  /** whether this run synced first (false: --no-sync) */
  synced: boolean;
  /** why the sync failed; null when it succeeded or did not run */
  syncFailure: string | null;
  /** ISO time of the last successful sync; null when the store has no data */
  dataAsOf: string | null;
  nowMs: number;
}

/** The one line for stderr about the data shown (null when there is nothing to say: a good sync, data shown). */
export function dataStory(story: DataStory): string | null {
  const prefix = `engagement-bot ${story.verb}:`;
  if (story.dataAsOf !== null) {
    if (story.syncFailure === null) return null;
    const age = formatAge(story.nowMs - Date.parse(story.dataAsOf));
    return `${prefix} sync failed (${story.syncFailure}); showing the last good data, synced ${age} ago (${story.dataAsOf})`;
  }
  if (story.syncFailure !== null) {
    return `${prefix} no data yet: the sync failed (${story.syncFailure}); fix that, then run \`engagement-bot ${story.verb}\` again`;
  }
  return story.synced
    ? `${prefix} the store has no data yet; run \`engagement-bot sync\` and look at its summary`
    : `${prefix} the store has no data yet; run \`engagement-bot sync\` (or drop --no-sync)`;
}

/** Writes the story to stderr, if there is one. */
export function tellDataStory(story: DataStory): void {
  const line = dataStory(story);
  if (line !== null) process.stderr.write(`${line}\n`);
}
