/**
 * The composition root. Every verb of the command line (src/cli/) opens one Runtime, which builds each part once —
 * the store and its ledger, the GitLab client, the sync (one at a time), the reports, the Slack Web API client and,
 * for `start`, the Slack app — and hands each consumer only the part it uses: the listeners their BotServices
 * (src/slack/services.ts), the jobs their JobDeps (src/schedule/job-deps.ts). Data flows one way:
 * GitLab -> sync -> store -> report -> render -> Slack (ARCHITECTURE.md).
 */
import { hostname } from "node:os";
import type { webApi } from "@slack/bolt";
import type { Config } from "../config.js";
import type { BotContext } from "../context.js";
import { createGitLabClient, type GitLabClientOptions } from "../gitlab/client.js";
import { syncAll } from "../gitlab/sync.js";
import type { Logger } from "../log.js";
import type { SyncSummary } from "../model/sync-summary.js";
import { storeAlertSettings } from "../schedule/alert-settings.js";
import type { JobDeps } from "../schedule/job-deps.js";
import { cachedChannelId } from "../schedule/slack-channel.js";
import { type RunningSlackApp, type SlackAppOptions, startSlackApp } from "../slack/app.js";
import { HomeChart } from "../slack/home-chart.js";
import type { AlertSettings, BotServices } from "../slack/services.js";
import { SlackWebClient, slackClientOptions } from "../slack/web-client.js";
import { watchStoreFile } from "../store/file-watch.js";
import { type Leadership, leadershipOf } from "../store/leadership.js";
import { Ledger } from "../store/ledger.js";
import { cachedCheck } from "../store/reachability.js";
import { Store } from "../store/store.js";
import { recordKpiValues } from "./kpi-recorder.js";
import { ReportService } from "./report-service.js";
import { staleAfterMs } from "./stale-after.js";
import { type SyncRequest, SyncService } from "./sync-service.js";

/**
 * How long an interaction's key is kept: Slack accepts a signed request for 5 minutes (a replay within them must not
 * act twice), and an ephemeral card's response_url works for 30 minutes (a second click on a card already posted
 * must not post it again while the card is still shown).
 */
const INTERACTION_WINDOW_MS = 30 * 60_000;
/** /healthz's database check: how long its SELECT 1 may take, and how long its answer is reused */
const STORE_CHECK_TIMEOUT_MS = 2000;
const STORE_CHECK_MS = 1500;

export interface RuntimeOptions {
  now?: () => Date;
  /** GitLab client tuning (tests shorten retries) */
  gitlab?: Partial<Omit<GitLabClientOptions, "url" | "token" | "logger">>;
}

export interface Runtime extends BotContext {
  store: Store;
  ledger: Ledger;
  reports: ReportService;
  syncs: SyncService;
  /** this process, for ledger claims: hostname:pid:random */
  owner: string;
  /** one sync, or the one in flight (syncs.sync) */
  runSync(request?: SyncRequest): Promise<SyncSummary>;
  /** the Web API client the jobs and the CLI post with, made on first use (most verbs never post) */
  slack(): webApi.WebClient;
  /**
   * whether this process runs the scheduled jobs (`start`'s scheduler): on PostgreSQL the replica holding the
   * advisory lock, on the SQLite file this process; made on first use, given up by close()
   */
  leadership(): Leadership;
  /** what the scheduled jobs and the CLI's `digest --post` / `check-pace` use */
  jobs(): JobDeps;
  /** what the Slack listeners use; alerts default to the store's, DIGEST_CHANNEL's ID as slack() learnt it */
  botServices(alerts?: AlertSettings): BotServices;
  /** `start`'s Slack app, listening with botServices() */
  startSlackApp(options?: Omit<SlackAppOptions, "services">): Promise<RunningSlackApp>;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const now = options.now ?? (() => new Date());
  // DATABASE_URL: PostgreSQL, shared by replicas; else the SQLite file
  const store =
    config.databaseUrl === undefined ? await Store.open(config.databasePath) : await Store.openUrl(config.databaseUrl);
  if (store.createdNew) {
    logger.info(
      config.databaseUrl === undefined ? { databasePath: config.databasePath } : { database: store.location },
      "created a new, empty database: the first run here, or the file was deleted (the digest and alert ledger start empty)",
    );
  }
  // PostgreSQL going away mid-run: said once when it goes, once when it is back (the pool reconnects by itself)
  store.reachability.onChange(({ down, sinceMs }) => {
    const fields = { component: "store", database: store.location };
    if (down !== null) {
      logger.error(
        { ...fields, reason: down },
        `the database at ${store.location} is unreachable: ${down}. Slash commands answer with an apology and ` +
          "scheduled jobs fail their runs until it is back; the bot reconnects by itself",
      );
    } else {
      const seconds = Math.round((Date.now() - sinceMs) / 1000);
      logger.info(
        { ...fields, downForS: seconds },
        `the database at ${store.location} is reachable again (after ${seconds} s)`,
      );
    }
  });
  // at most one SELECT 1 per STORE_CHECK_MS however often a load balancer probes /healthz
  const storeCheck = cachedCheck(() => store.reachable(STORE_CHECK_TIMEOUT_MS), STORE_CHECK_MS);
  let fileWatch: ReturnType<typeof watchStoreFile> | undefined;
  const ledger = new Ledger(store);
  const gitlab = createGitLabClient({ url: config.gitlabUrl, token: config.gitlabToken, logger, ...options.gitlab });
  // while a sync commits page after page, answers come from the last snapshot instead of re-reading the store
  const reports = new ReportService(store, config, now, { deferRebuild: () => syncs.running });
  /** set once botServices() handed the reports to Slack listeners */
  let answersSlack = false;
  const syncs = new SyncService(
    async (request) => {
      const summary = await syncAll({
        store,
        client: gitlab,
        config,
        logger,
        now,
        reconcile: request.reconcile ? true : "auto",
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      });
      // the contributor summary catches up with what the sync wrote, and the Reports are read again, now: no slash
      // command pays for either while Slack waits (a Report would catch the summary up itself)
      await reports.prepare();
      if (answersSlack) await reports.refresh();
      return summary;
    },
    async () => (await store.lastSuccessfulSyncAt()) !== null,
  );
  const context: BotContext = { config, logger, now, staleAfterMs: staleAfterMs(config.syncCron, config.timezone) };
  const owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  let slack: webApi.WebClient | undefined;
  let leadership: Leadership | undefined;
  // the store's URL when it is PostgreSQL (DATABASE_URL); undefined: the SQLite file
  const leadershipFor = () => (leadership ??= leadershipOf(config.databaseUrl, logger));
  let closed = false;
  const slackClient = () => {
    // no blind repeat of a post, bounded retries, a timeout per call: src/slack/web-client.ts
    slack ??= new SlackWebClient(config.slackBotToken, slackClientOptions(config, logger));
    return slack;
  };
  const homeChart = new HomeChart(() => store.changeMarker(), logger);
  const botServices = (alerts?: AlertSettings): BotServices => {
    answersSlack = true;
    return {
      ...context,
      homeChart: (client, report) => homeChart.chart(client, report),
      report: (request) => reports.report(request),
      waitForFirstSync: () => syncs.waitForFirstSync(),
      alerts:
        alerts ??
        storeAlertSettings(ledger, {
          channel: config.digestChannel,
          resolveChannelId: (channel) => cachedChannelId(slackClient(), channel),
        }),
      kpis: {
        values: () => store.kpiValues(),
        record: (requests) => recordKpiValues(store, requests, now(), config.timezone),
      },
      interactions: {
        firstDelivery: (key) => ledger.firstInteraction(key, now().getTime(), INTERACTION_WINDOW_MS),
        forget: (key) => ledger.forgetInteraction(key),
      },
    };
  };

  return {
    ...context,
    store,
    ledger,
    reports,
    syncs,
    owner,
    runSync: (request) => syncs.sync(request),
    slack: slackClient,
    leadership: leadershipFor,
    jobs: () => ({ ...context, reports, ledger, slack: slackClient(), owner, sync: () => syncs.syncResult() }),
    botServices,
    startSlackApp: (appOptions = {}) => {
      // a database file deleted or replaced under the running bot: logged, and /healthz fails (src/store/file-watch.ts)
      fileWatch ??= watchStoreFile(store, logger);
      const watch = fileWatch;
      return startSlackApp({
        services: botServices(),
        health: async () => {
          const unreachable = await storeCheck();
          return {
            store: { ...store.describe(), reachable: unreachable === null },
            dataAsOf: unreachable === null ? await store.lastSuccessfulSyncAt().catch(() => null) : null,
            syncing: syncs.running,
            // whether this replica runs the scheduled jobs (with replicas on PostgreSQL, exactly one does)
            leader: leadershipFor().isLeader(),
            problem:
              watch.check() ??
              (unreachable === null ? null : `the database at ${store.location} is unreachable: ${unreachable}`),
          };
        },
        ...appOptions,
      });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      fileWatch?.stop();
      // releases the lock at once: a standby takes over at its next try
      await leadership?.stop();
      await store.close();
    },
  };
}
