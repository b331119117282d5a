/**
 * The Report's trend chart as a Slack file: drawn in-process (src/render/chart-png.ts) and uploaded
 * (src/slack/file-upload.ts) — into the digest's thread, or kept by the app for the Home tab's image block.
 */
import type { webApi } from "@slack/bolt";
import { trendChart } from "../chart/trend-chart.js";
import type { Report } from "../model/report.js";
import { chartPng } from "../render/chart-png.js";
import { monthLabel } from "../wording/dates.js";
import { type UploadDestination, uploadFile } from "./file-upload.js";

export interface UploadedChart {
  fileId: string;
  altText: string;
}

export async function uploadTrendChart(
  client: webApi.WebClient,
  report: Report,
  destination?: UploadDestination,
): Promise<UploadedChart> {
  const chart = trendChart(report);
  const data = await chartPng(chart.spec);
  const fileId = await uploadFile(
    client,
    {
      filename: `contributors-${report.month}.png`,
      title: `Wider-community contributors per month, to ${monthLabel(report.month)}`,
      altText: chart.altText,
      data,
    },
    destination,
  );
  return { fileId, altText: chart.altText };
}
