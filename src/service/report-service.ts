/**
 * Reports from the store, fast enough for Slack's 3 seconds: the store snapshot (the expensive part,
 * up to hundreds of thousands of rows) is read once per store change, and each Report is kept for a
 * minute per request shape. Adapter: store -> metrics; no Slack, no GitLab.
 */
import { type Config, secretsOf } from "../config.js";
import { type BuildReportOptions, buildReport } from "../metrics/build-report.js";
import type { StoreSnapshot } from "../model/records.js";
import type { Report } from "../model/report.js";
import { redactDeep } from "../redaction.js";
import type { Store } from "../store/store.js";

/** Reports depend on the clock (pace, "since"), so a cached one is reused for at most this long. */
const REPORT_TTL_MS = 60_000;
const MAX_CACHED_REPORTS = 64;

export class ReportService {
  private snapshotCache: { marker: string; snapshot: StoreSnapshot } | null = null;
  private readonly reports = new Map<string, { at: number; report: Report }>();

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The current snapshot (re-read only when the store changed). */
  snapshot(): StoreSnapshot {
    const marker = this.store.changeMarker();
    if (this.snapshotCache?.marker !== marker) {
      this.snapshotCache = {
        marker,
        snapshot: this.store.snapshot({
          epicRefs: this.config.epics.map((e) => e.ref),
          labels: { community: this.config.communityLabel, bot: this.config.botLabel },
        }),
      };
      this.reports.clear();
    }
    return this.snapshotCache.snapshot;
  }

  /** The Report, or null when the store has never completed a sync. Throws MonthArgError for a bad month. */
  report(request: BuildReportOptions = {}): Report | null {
    const snapshot = this.snapshot();
    if (snapshot.dataAsOf === null) return null;
    const now = this.now();
    const key = JSON.stringify([request.month, request.newIssuesDays]);
    const cached = this.reports.get(key);
    if (cached && now.getTime() - cached.at >= 0 && now.getTime() - cached.at < REPORT_TTL_MS) return cached.report;
    // every card, digest and status print is rendered from a Report: a secret in a stored string (a sync error that
    // quoted one) is redacted here, once, for all of them (src/redaction.ts)
    const report = redactDeep(buildReport(snapshot, this.config, now, request), secretsOf(this.config));
    if (this.reports.size >= MAX_CACHED_REPORTS) this.reports.clear();
    this.reports.set(key, { at: now.getTime(), report });
    return report;
  }

  /** Forget everything (after this process wrote to the store outside a sync, e.g. a digest was posted). */
  invalidate(): void {
    this.snapshotCache = null;
    this.reports.clear();
  }
}
