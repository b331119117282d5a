/**
 * What the Slack listeners need from the rest of the bot. Listeners stay thin: they parse, ask these
 * services (which answer from the store, never from GitLab while Slack waits), render, and reply.
 */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { PaceStatus, Report } from "../model/report.js";

export interface ReportRequest {
  /** YYYY-MM; default the current month */
  month?: string;
  /** new issues within this many days; default since the last digest */
  newIssuesDays?: number;
}

export interface AlertRecord {
  month: string;
  status: PaceStatus;
  kind: "alert" | "recovery";
  postedAt: string;
}

export interface AlertSettings {
  /** the ID of the channel pace alerts go to (DIGEST_CHANNEL); undefined while its name is not resolved yet */
  alertChannelId(): string | undefined;
  isMuted(channelId: string): boolean;
  setMuted(channelId: string, muted: boolean, userId: string): void;
  lastAlert(): AlertRecord | null;
}

export interface BotServices {
  config: Config;
  logger: Logger;
  now(): Date;
  /** data older than this gets a warning on the cards (2 sync periods) */
  staleAfterMs: number;
  /** the Report from the store; null when the store has never synced */
  report(request?: ReportRequest): Report | null;
  /** resolves once a first sync has completed (starting one if none is running); rejects if it fails */
  waitForFirstSync(): Promise<void>;
  alerts: AlertSettings;
}
