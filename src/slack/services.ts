/**
 * What the Slack listeners need from the rest of the bot. Listeners stay thin: they parse, ask these
 * services (which answer from the store, never from GitLab while Slack waits), render, and reply.
 */
import type { webApi } from "@slack/bolt";
import type { BotContext } from "../context.js";
import type { BuildReportOptions } from "../metrics/build-report.js";
import type { KpiRecordRequest, KpiRecordResult } from "../metrics/kpi-values.js";
import type { PaceStatus, Report } from "../model/report.js";
import type { KpiValue } from "../model/workstreams.js";

/** What a listener may ask of a Report: the core's options of buildReport (src/metrics/build-report.ts). */
export type ReportRequest = Pick<BuildReportOptions, "month" | "newIssuesDays">;

export interface AlertRecord {
  month: string;
  status: PaceStatus;
  kind: "alert" | "recovery";
  postedAt: string;
}

export interface AlertSettings {
  /** the ID of the channel pace alerts go to (DIGEST_CHANNEL); undefined while its name is not resolved yet */
  alertChannelId(): string | undefined;
  isMuted(channelId: string): Promise<boolean>;
  setMuted(channelId: string, muted: boolean, userId: string): Promise<void>;
  lastAlert(): Promise<AlertRecord | null>;
}

/** The recorded workstream KPIs (src/service/kpi-recorder.ts): read them, record checked values. */
export interface KpiServices {
  /** every recorded value, in the order recorded */
  values(): Promise<KpiValue[]>;
  /** checks every request against the rules and the history; stores all of them, or none */
  record(requests: readonly KpiRecordRequest[]): Promise<KpiRecordResult>;
}

/** Interactions already acted on (store/ledger.ts), so a replayed request or a second click does not act twice. */
export interface InteractionLog {
  /** true the first time `key` is seen within the window (30 minutes, a card's lifetime); false after that */
  firstDelivery(key: string): Promise<boolean>;
  /** lets `key` act again (its action failed and the person was asked to try again) */
  forget(key: string): Promise<void>;
}

export interface BotServices extends BotContext {
  /** the Report from the store; null when the store has never synced */
  report(request?: ReportRequest): Promise<Report | null>;
  /** resolves once a first sync has completed (starting one if none is running); rejects if it fails */
  waitForFirstSync(): Promise<void>;
  alerts: AlertSettings;
  kpis: KpiServices;
  /** the Home tab's trend chart as an uploaded file (src/slack/home-chart.ts); null, or absent: no chart */
  homeChart?: (client: webApi.WebClient, report: Report) => Promise<{ fileId: string; altText: string } | null>;
  interactions: InteractionLog;
}
