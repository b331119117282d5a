/**
 * buildReport for hand-computed fixtures written as records: the records go into an in-memory Store (ids in the
 * order given, so a tie goes to the later record as it always has), the store answers the Report's query with its
 * SQL (src/store/report-aggregates.ts), and the core builds the Report. So every hand-computed test of the numbers
 * checks the aggregates path end to end.
 */
import { type BuildReportOptions, buildReport } from "../../src/metrics/build-report.js";
import { reportQuery } from "../../src/metrics/report-query.js";
import type {
  Contribution,
  MergedMr,
  StoreSnapshot,
  UnmergedContribution,
  UnmergedMr,
} from "../../src/model/records.js";
import type { Report } from "../../src/model/report.js";
import type { ReportSettings } from "../../src/model/settings.js";
import { FIRST_CONTRIBUTION_LABEL, Store } from "../../src/store/store.js";

const labelsOf = (
  record: { communityLabel: boolean; botLabel: boolean; firstContributionLabel?: boolean },
  settings: ReportSettings,
): string[] => [
  ...(record.communityLabel ? [settings.communityLabel] : []),
  ...(record.botLabel ? [settings.botLabel] : []),
  ...(record.firstContributionLabel ? [FIRST_CONTRIBUTION_LABEL] : []),
];

/** The stored rows the records stand for, under `settings`' labels. */
export function storedRows(
  snapshot: Pick<StoreSnapshot, "contributions" | "unmergedMrs">,
  settings: ReportSettings,
): { merged: MergedMr[]; unmerged: UnmergedMr[] } {
  const common = (id: number, c: Contribution | UnmergedContribution) => ({
    id,
    projectId: c.projectId,
    projectPath: c.projectPath,
    iid: id,
    groupPath: c.groupPath,
    authorId: c.authorId,
    authorUsername: c.username,
    webUrl: `https://gitlab.example/mr/${id}`,
    title: `MR ${id}`,
  });
  const merged = snapshot.contributions.map(
    (c, i): MergedMr => ({
      ...common(i + 1, c),
      authorName: c.name,
      mergedAtMs: c.mergedAtMs,
      createdAtMs: c.createdAtMs ?? null,
      labels: labelsOf(c, settings),
    }),
  );
  const unmerged = snapshot.unmergedMrs.map(
    (c, i): UnmergedMr => ({
      ...common(i + 1, c),
      authorName: "",
      state: c.state,
      createdAtMs: c.createdAtMs,
      updatedAtMs: c.updatedAtMs,
      closedAtMs: c.closedAtMs,
      labels: labelsOf(c, settings),
    }),
  );
  return { merged, unmerged };
}

/** The Report of `snapshot` as the bot builds it from its store. */
export async function reportFromRecords(
  snapshot: StoreSnapshot,
  settings: ReportSettings,
  now: Date,
  options: BuildReportOptions = {},
): Promise<Report> {
  const store = await Store.open(":memory:");
  try {
    const { merged, unmerged } = storedRows(snapshot, settings);
    await store.upsertMergeRequests(merged);
    await store.upsertUnmergedMrs(unmerged);
    const { contributions: _c, unmergedMrs: _u, ...parts } = snapshot;
    const query = reportQuery(settings, now, options, snapshot.historyStartMs);
    return buildReport(
      { snapshot: parts, query, aggregates: await store.reportAggregates(query) },
      settings,
      now,
      options,
    );
  } finally {
    await store.close();
  }
}
