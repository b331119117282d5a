/**
 * A GitLab sync in terminal lines: one line per source while it runs (drawn by src/cli/progress-printer.ts) and the
 * summary when it is done (`engagement-bot sync`, `demo`).
 */
import type { SourceSummary, SyncProgress, SyncSummary } from "../model/sync-summary.js";
import { counted } from "../wording/numbers.js";

type Figures = Pick<SourceSummary, "pages" | "fetched" | "stored"> &
  Partial<Pick<SourceSummary, "requests" | "removed">>;

/** "3 pages, 3 requests, 250 fetched, 240 stored, 2 removed" (requests and removed only when given / non-zero). */
function figures(s: Figures): string {
  const requests = s.requests === undefined ? "" : `, ${counted(s.requests, "request")}`;
  const removed = s.removed ? `, ${s.removed} removed` : "";
  return `${counted(s.pages, "page")}${requests}, ${s.fetched} fetched, ${s.stored} stored${removed}`;
}

/** The progress line of one source: starting, pages so far, then how it ended. */
export function syncProgressLine(event: SyncProgress): string {
  switch (event.kind) {
    case "start":
      return `… ${event.source}: starting`;
    case "page":
      return `… ${event.source}: ${figures(event)}`;
    case "done": {
      const s = event.summary;
      if (s.skipped) return `– ${s.source}: skipped (same reason)`;
      const done = `${figures({ pages: s.pages, fetched: s.fetched, stored: s.stored, removed: s.removed })}${
        s.malformed ? `, ${s.malformed.count} malformed skipped` : ""
      }${s.mergedWithoutMergedAt ? `, ${s.mergedWithoutMergedAt.count} merged without merged_at not counted` : ""}`;
      if (s.error) return `✗ ${s.source}: ${done} — failed: ${s.error}`;
      return `✓ ${s.source}: ${done}${s.note ? ` (${s.note})` : ""}${s.warning ? " ⚠ see the summary" : ""}`;
    }
  }
}

/**
 * The ⚠ lines under a source: records it skipped as malformed and merged MRs without merged_at (the first few of
 * each named), and its warning.
 */
function warningLines(s: SourceSummary): string[] {
  const lines: string[] = [];
  if (s.malformed) {
    const named = s.malformed.examples.map((m) => `${m.id} (${m.problem})`).join(", ");
    const more = s.malformed.count > s.malformed.examples.length ? ", …" : "";
    lines.push(`      ⚠ ${counted(s.malformed.count, "malformed record")} skipped, the rest stored: ${named}${more}`);
  }
  const noDate = s.mergedWithoutMergedAt;
  if (noDate) {
    const more = noDate.count > noDate.examples.length ? ", …" : "";
    lines.push(
      `      ⚠ ${counted(noDate.count, "merged MR")} without merged_at, not counted: ${noDate.examples.join(", ")}${more}`,
    );
  }
  if (s.warning) lines.push(`      ⚠ ${s.warning}`);
  return lines;
}

export function formatSyncSummary(summary: SyncSummary): string {
  const lines = summary.sources.flatMap((s) => {
    if (s.skipped) return [`  – ${s.source}: skipped (same reason)`];
    const tail = s.error ? `  FAILED: ${s.error}` : s.note ? `  (${s.note})` : "";
    return [`  ${s.error ? "✗" : "✓"} ${s.source}: ${figures(s)}${tail}`, ...warningLines(s)];
  });
  const seconds = ((Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000).toFixed(1);
  const t = summary.totals;
  const head = summary.ok
    ? `Sync #${summary.runId} finished in ${seconds} s`
    : `Sync #${summary.runId} finished in ${seconds} s with errors (the data of failed sources stays as it was; run sync again later)`;
  return [
    head,
    ...lines,
    `  total: ${t.requests} requests, ${t.fetched} fetched, ${t.stored} stored, ${t.removed} removed`,
  ].join("\n");
}
