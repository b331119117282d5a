/**
 * The Home tab's trend chart: uploaded once per store change (a sync, a posted digest), not on every app_home_opened;
 * every Home view published until the next change shows the same file. Opens that arrive while it uploads share the
 * one upload. A failed upload is logged and the Home tab is published without the chart (tried again at the next
 * store change).
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";
import type { Report } from "../model/report.js";
import { type UploadedChart, uploadTrendChart } from "./trend-chart-upload.js";

export class HomeChart {
  private current: { key: string; chart: Promise<UploadedChart | null> } | null = null;

  constructor(
    /** changes whenever the store does (Store.changeMarker) */
    private readonly changeMarker: () => Promise<string>,
    private readonly logger: Logger,
  ) {}

  /** The chart of `report` as an uploaded file, or null when it could not be uploaded. */
  async chart(client: webApi.WebClient, report: Report): Promise<UploadedChart | null> {
    const key = `${await this.changeMarker()}|${report.month}`;
    if (this.current?.key !== key) {
      const chart = uploadTrendChart(client, report).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn({ err: error }, `the Home tab shows no trend chart: ${message}`);
        return null;
      });
      this.current = { key, chart };
    }
    return this.current.chart;
  }
}
