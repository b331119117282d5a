/**
 * Reports from the store, fast enough for Slack's 3 seconds: the store snapshot (the expensive part,
 * up to hundreds of thousands of rows) is read once per store change, and each Report is kept for a
 * minute per request shape. Adapter: store -> metrics; no Slack, no GitLab.
 *
 * While a sync runs, every page it commits changes the store. No answer waits for the snapshot to be read again
 * then: answers come from the last snapshot (its `dataAsOf` says how fresh it is) while refresh() reads the new one
 * in slices, the event loop free between them, and rebuilds the Reports asked for, one per turn; the new snapshot
 * takes over when both are done. The sync's end awaits one last refresh (src/service/runtime.ts). Outside a sync
 * a changed store is read at once, as before, so a command after a sync or a write sees it.
 */
import { type Config, secretsOf } from "../config.js";
import { type BuildReportOptions, buildReport } from "../metrics/build-report.js";
import { contributorList } from "../metrics/contributor-list.js";
import type { ContributorList } from "../model/contributor-list.js";
import type { StoreSnapshot } from "../model/records.js";
import type { Report } from "../model/report.js";
import { redactDeep } from "../redaction.js";
import type { Store } from "../store/store.js";

/** Reports depend on the clock (pace, "since"), so a cached one is reused for at most this long. */
const REPORT_TTL_MS = 60_000;
const MAX_CACHED_REPORTS = 64;
/** during a sync, a refresh starts at most this often (each one reads the whole store) */
const REFRESH_GAP_MS = 15_000;

export interface ReportServiceOptions {
  /** true while answers may come from the last snapshot instead of waiting for the changed store (a running sync) */
  deferRebuild?: () => boolean;
}

interface CachedReport {
  at: number;
  request: BuildReportOptions;
  report: Report;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const keyOf = (request: BuildReportOptions): string => JSON.stringify([request.month, request.newIssuesDays]);

export class ReportService {
  private snapshotCache: { marker: string; snapshot: StoreSnapshot } | null = null;
  private reports = new Map<string, CachedReport>();
  private refreshing: Promise<void> | null = null;
  /** a refresh was asked for while one ran: it runs once more when that one ends */
  private refreshAgain = false;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  /** moves on invalidate(), so a refresh that began before it does not bring back what it dropped */
  private generation = 0;
  private readonly deferRebuild: () => boolean;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
    options: ReportServiceOptions = {},
  ) {
    this.deferRebuild = options.deferRebuild ?? (() => false);
  }

  private readSnapshot(): StoreSnapshot {
    return this.store.snapshot(this.snapshotOptions());
  }

  private snapshotOptions() {
    return {
      epicRefs: this.config.epics.map((e) => e.ref),
      labels: { community: this.config.communityLabel, bot: this.config.botLabel },
    };
  }

  /** The current snapshot (re-read only when the store changed). */
  snapshot(): StoreSnapshot {
    const marker = this.store.changeMarker();
    if (this.snapshotCache?.marker !== marker) {
      this.snapshotCache = { marker, snapshot: this.readSnapshot() };
      this.reports.clear();
    }
    return this.snapshotCache.snapshot;
  }

  /** The Report, or null when the store has never completed a sync. Throws MonthArgError for a bad month. */
  report(request: BuildReportOptions = {}): Report | null {
    const stale = this.staleSnapshot();
    if (stale) {
      // the store changed under a running sync: answer from the last snapshot, read the new one meanwhile
      if (!this.refreshing && this.now().getTime() - this.lastRefreshAt >= REFRESH_GAP_MS) void this.refresh();
      if (stale.dataAsOf === null) return null;
      return this.reports.get(keyOf(request))?.report ?? this.build(stale, request);
    }
    const snapshot = this.snapshot();
    if (snapshot.dataAsOf === null) return null;
    const cached = this.reports.get(keyOf(request));
    const age = this.now().getTime() - (cached?.at ?? 0);
    if (cached && age >= 0 && age < REPORT_TTL_MS) return cached.report;
    return this.build(snapshot, request);
  }

  /** The last snapshot, when the store changed since and answers must not wait for it; null otherwise. */
  private staleSnapshot(): StoreSnapshot | null {
    const current = this.snapshotCache;
    if (!current || current.marker === this.store.changeMarker()) return null;
    return this.refreshing || this.deferRebuild() ? current.snapshot : null;
  }

  private build(snapshot: StoreSnapshot, request: BuildReportOptions): Report {
    // every card, digest and status print is rendered from a Report: a secret in a stored string (a sync error that
    // quoted one) is redacted here, once, for all of them (src/redaction.ts)
    const report = redactDeep(buildReport(snapshot, this.config, this.now(), request), secretsOf(this.config));
    if (this.reports.size >= MAX_CACHED_REPORTS) this.reports.clear();
    this.reports.set(keyOf(request), { at: this.now().getTime(), request, report });
    return report;
  }

  /**
   * Reads the store's current snapshot in slices and rebuilds the Reports asked for so far, one per turn, then
   * swaps them in. A call while one runs makes one more run after it, so the result reflects the store as it was
   * when the last call was made.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        this.refreshAgain = false;
        const generation = this.generation;
        const marker = this.store.changeMarker();
        const snapshot = await this.store.snapshotInSlices(this.snapshotOptions());
        const rebuilt = new Map<string, CachedReport>();
        if (snapshot.dataAsOf !== null) {
          for (const [key, { request }] of this.reports) {
            await turn();
            const now = this.now();
            const report = redactDeep(buildReport(snapshot, this.config, now, request), secretsOf(this.config));
            rebuilt.set(key, { at: now.getTime(), request, report });
          }
        }
        if (generation !== this.generation) return;
        this.snapshotCache = { marker, snapshot };
        this.reports = rebuilt;
        this.lastRefreshAt = this.now().getTime();
      } while (this.refreshAgain);
    };
    this.refreshing = run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Every counted contributor of a month with their MR URLs (`engagement-bot contributors`), or null when the store
   * has never completed a sync. Read afresh with the MR URLs (the cached snapshot goes without them), then built as
   * the Report is (src/metrics/contributor-list.ts). Throws MonthArgError for a bad month.
   */
  async contributorList(month?: string): Promise<ContributorList | null> {
    const snapshot = await this.store.snapshot({ ...this.snapshotOptions(), mrUrls: true });
    if (snapshot.dataAsOf === null) return null;
    return redactDeep(contributorList(snapshot, this.config, this.now(), month), secretsOf(this.config));
  }

  /** Forget everything (after this process wrote to the store outside a sync, e.g. a digest was posted). */
  invalidate(): void {
    this.generation += 1;
    this.snapshotCache = null;
    this.reports.clear();
  }
}
