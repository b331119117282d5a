/**
 * Source `configured_epics`: each epic of EPICS with its child issues, through an EpicSource (src/gitlab/epic-source.ts).
 * An epic GitLab will not show is stored as unavailable, keeping its last known figures; any other failure of one
 * epic fails the source after the others were tried.
 */
import type { EpicSource } from "../epic-source.js";
import { endsTheSync, GitLabRequestError } from "../errors.js";
import type { SourceRun, SyncContext } from "../sync-source.js";

/** Some configured epics could not be fetched (other than being unavailable). */
export class EpicsFailedError extends Error {
  override name = "EpicsFailedError";
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function syncConfiguredEpics(ctx: SyncContext, run: SourceRun, epicSource: EpicSource): Promise<void> {
  const { store } = ctx;
  const failures: string[] = [];
  const unavailable: string[] = [];
  for (const ref of ctx.config.epics) {
    try {
      const record = await epicSource.fetch(ref);
      const previous = record.available ? undefined : (await store.epics([ref.ref]))[0];
      // an epic that became unreadable keeps its last known figures, marked unavailable
      const toStore = previous
        ? { ...previous, available: false, unavailableReason: record.unavailableReason }
        : record;
      await store.transaction(() => store.upsertEpics([toStore]));
      if (!record.available) unavailable.push(ref.ref);
      run.page(1, 1);
    } catch (error) {
      if (!(error instanceof GitLabRequestError) || endsTheSync(error)) throw error;
      failures.push(`${ref.ref}: ${describe(error)}`);
    }
  }
  // which API answered (EPIC_SOURCE=auto decides per sync), so the request count reads against the right floor
  const via = epicSource.via?.();
  const notes = [
    ...(via ? [`via ${via}`] : []),
    ...(unavailable.length > 0 ? [`unavailable: ${unavailable.join(", ")}`] : []),
  ];
  if (notes.length > 0) run.summary.note = notes.join("; ");
  if (failures.length > 0) throw new EpicsFailedError(failures.join("; "));
}
