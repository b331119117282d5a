/**
 * Reports from the store, fast enough for Slack's 3 seconds: the store answers each Report's question with SQL
 * aggregates (Store.reportAggregates: a few thousand numbers, never every MR in memory), read again only after the
 * store changed; each Report is kept for a minute per request shape. Adapter: store -> metrics; no Slack, no GitLab.
 *
 * While a sync runs, every page it commits changes the store. No answer waits for the aggregates to be read again
 * then: answers come from the last Report of their shape (its `dataAsOf` says how fresh it is) while refresh()
 * rebuilds the Reports asked for, one per turn; they take over when all are done. The sync's end awaits one last
 * refresh (src/service/runtime.ts). Outside a sync a changed store is read at once, so a command after a sync or
 * a write sees it.
 */
import { type Config, secretsOf } from "../config.js";
import { type BuildReportOptions, buildReport } from "../metrics/build-report.js";
import { contributorList } from "../metrics/contributor-list.js";
import { contributorScopeOf, reportQuery } from "../metrics/report-query.js";
import type { ContributorList } from "../model/contributor-list.js";
import type { StoreParts } from "../model/records.js";
import type { Report } from "../model/report.js";
import { redactDeep } from "../redaction.js";
import type { Store } from "../store/store.js";

/** Reports depend on the clock (pace, "since"), so a cached one is reused for at most this long. */
const REPORT_TTL_MS = 60_000;
const MAX_CACHED_REPORTS = 64;
/** during a sync, a refresh starts at most this often */
const REFRESH_GAP_MS = 15_000;

export interface ReportServiceOptions {
  /** true while answers may come from the last Report instead of waiting for the changed store (a running sync) */
  deferRebuild?: () => boolean;
}

interface CachedReport {
  at: number;
  /** the store's change marker the Report was built at */
  marker: string;
  request: BuildReportOptions;
  /** null: the store has never completed a sync */
  report: Report | null;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const keyOf = (request: BuildReportOptions): string => JSON.stringify([request.month, request.newIssuesDays]);

export class ReportService {
  /** the store's small parts, read once per store change */
  private partsCache: { marker: string; parts: StoreParts } | null = null;
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

  private snapshotOptions() {
    return {
      epicRefs: this.config.epics.map((e) => e.ref),
      labels: { community: this.config.communityLabel, bot: this.config.botLabel },
    };
  }

  /** The store's small parts (re-read only when the store changed). */
  private async parts(marker: string): Promise<StoreParts> {
    if (this.partsCache?.marker !== marker) {
      const parts = await this.store.parts(this.snapshotOptions());
      this.partsCache = { marker, parts };
    }
    return this.partsCache.parts;
  }

  /** Builds in flight by request shape and store change: concurrent asks for one Report read the store once. */
  private building = new Map<string, Promise<CachedReport>>();

  /** the change marker being read: requests arriving meanwhile share it (one round trip to PostgreSQL, not 20) */
  private markerRead: Promise<string> | null = null;

  private changeMarker(): Promise<string> {
    this.markerRead ??= this.store.changeMarker().finally(() => {
      this.markerRead = null;
    });
    return this.markerRead;
  }

  /** The Report, or null when the store has never completed a sync. Throws MonthArgError for a bad month. */
  async report(request: BuildReportOptions = {}): Promise<Report | null> {
    const marker = await this.changeMarker();
    const cached = this.reports.get(keyOf(request));
    if (cached && cached.marker !== marker && (this.refreshing || this.deferRebuild())) {
      // the store changed under a running sync: answer from the last Report, build the new one meanwhile
      if (!this.refreshing && this.now().getTime() - this.lastRefreshAt >= REFRESH_GAP_MS) void this.refresh();
      return cached.report;
    }
    const age = this.now().getTime() - (cached?.at ?? 0);
    if (cached && cached.marker === marker && age >= 0 && age < REPORT_TTL_MS) return cached.report;
    const key = JSON.stringify([keyOf(request), marker]);
    let pending = this.building.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = this.build(marker, request).finally(() => this.building.delete(key));
      this.building.set(key, pending);
      const entry = await pending;
      // an invalidate() while it was read: the store changed under it, so it is not kept
      return generation === this.generation ? this.keep(entry) : entry.report;
    }
    return (await pending).report;
  }

  private async build(marker: string, request: BuildReportOptions): Promise<CachedReport> {
    const now = this.now();
    const parts = await this.parts(marker);
    if (parts.dataAsOf === null) return { at: now.getTime(), marker, request, report: null };
    const query = reportQuery(this.config, now, request, parts.historyStartMs);
    const aggregates = await this.store.reportAggregates(query);
    // every card, digest and status print is rendered from a Report: a secret in a stored string (a sync error that
    // quoted one) is redacted here, once, for all of them (src/redaction.ts)
    const report = redactDeep(
      buildReport({ snapshot: parts, query, aggregates }, this.config, now, request),
      secretsOf(this.config),
    );
    return { at: now.getTime(), marker, request, report };
  }

  private keep(entry: CachedReport): Report | null {
    if (this.reports.size >= MAX_CACHED_REPORTS) this.reports.clear();
    this.reports.set(keyOf(entry.request), entry);
    return entry.report;
  }

  /**
   * Rebuilds the Reports asked for so far from the store as it is now, one per turn, then swaps them in. A call
   * while one runs makes one more run after it, so the result reflects the store as it was when the last call was made.
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
        const marker = await this.store.changeMarker();
        const rebuilt = new Map<string, CachedReport>();
        for (const [key, { request }] of this.reports) {
          await turn();
          if (generation !== this.generation) return;
          try {
            rebuilt.set(key, await this.build(marker, request));
          } catch {
            // a request that no longer builds (a month now outside the history) is asked again when it comes
          }
        }
        if (generation !== this.generation) return;
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
   * Brings the store's contributor summary up to date for this configuration (src/store/author-months.ts), so the
   * next Report reads it as it is. A store that cannot be written is left as it is: Reports read the MR rows then.
   */
  async prepare(): Promise<void> {
    await this.store.summaryReady(contributorScopeOf(this.config), this.config.timezone);
  }

  /**
   * Every counted contributor of a month with their MR URLs (`engagement-bot contributors`), or null when the store
   * has never completed a sync: the same question as the month's Report (reportQuery), the same store answer, and
   * the month's counted MRs beside it (src/metrics/contributor-list.ts). Throws MonthArgError for a bad month.
   */
  async contributorList(month?: string): Promise<ContributorList | null> {
    const now = this.now();
    const parts = await this.parts(await this.store.changeMarker());
    if (parts.dataAsOf === null) return null;
    const query = reportQuery(this.config, now, month === undefined ? {} : { month }, parts.historyStartMs);
    const { aggregates, mrs } = await this.store.reportMonthMrs(query);
    return redactDeep(contributorList({ query, aggregates, mrs, dataAsOf: parts.dataAsOf }), secretsOf(this.config));
  }

  /** Forget everything (after this process wrote to the store outside a sync, e.g. a digest was posted). */
  invalidate(): void {
    this.generation += 1;
    this.partsCache = null;
    this.reports.clear();
  }
}
