/**
 * `engagement-bot demo`: the whole bot on simulated data, no tokens, no network. A sandbox GitLab on
 * 127.0.0.1 serves a generated, realistic history; the real sync copies it into a temporary store; then the
 * status report, the contributor funnel and the digest are printed exactly as the bot would build them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trendChart } from "../chart/trend-chart.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { SLASH_COMMAND } from "../model/subcommands.js";
import { chartPng } from "../render/chart-png.js";
import { generateWorld } from "../sandbox/generator.js";
import { sampleKpiValues } from "../sandbox/kpi-samples.js";
import { startSandbox } from "../sandbox/server.js";
import type { Runtime } from "../service/runtime.js";
import { digestText } from "../text/digest-text.js";
import { funnelText } from "../text/funnel-text.js";
import { renderStatusOutput } from "../text/status-output.js";
import { formatSyncSummary } from "../text/sync-text.js";
import { EXIT } from "./exit-codes.js";
import { createProgressPrinter } from "./progress-printer.js";
import { runVerb } from "./run-verb.js";

/** Same seed, same story: the demo's numbers are reproducible. */
export const DEMO_SEED = 1796;

const banner = (title: string): string => `\n${"=".repeat(78)}\n${title}\n${"=".repeat(78)}\n`;

export interface DemoOptions {
  now?: () => Date;
  output?: NodeJS.WritableStream;
  /** where the trend chart's PNG goes; default a new folder under the system's temporary directory, kept */
  chartDir?: string;
}

export function runDemo(config: Config, logger: Logger, options: DemoOptions = {}): Promise<number> {
  return runVerb("demo", async (open) => {
    const dir = mkdtempSync(join(tmpdir(), "engagement-bot-demo-"));
    let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
    let runtime: Runtime | undefined;
    try {
      const out = options.output ?? process.stdout;
      const now = options.now ?? (() => new Date());
      out.write(
        "SIMULATED DATA — this demo runs a sandbox GitLab on 127.0.0.1 with generated history " +
          `(seed ${DEMO_SEED}); no tokens, nothing leaves this machine. The numbers are not GitLab's.\n`,
      );
      sandbox = await startSandbox({ world: demoWorld(config, now()) });
      const demoConfig: Config = {
        ...config,
        gitlabUrl: sandbox.url,
        gitlabToken: undefined,
        databasePath: join(dir, "engagement.db"),
        // the demo's store is always a temporary file, whatever DATABASE_URL says
        databaseUrl: undefined,
        databasePathIgnored: false,
      };
      out.write(`Sandbox GitLab at ${sandbox.url}, temporary store in ${dir}\n`);
      runtime = await open(demoConfig, logger, { now });
      return await printDemo(runtime, out, options.chartDir);
    } finally {
      // the store first: its files live in the directory removed below
      await runtime?.close();
      await sandbox?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

const demoWorld = (config: Config, now: Date) =>
  generateWorld({
    seed: DEMO_SEED,
    now,
    months: config.historyMonths,
    groups: config.contributorGroups,
    communityLabel: config.communityLabel,
    engagementGroup: config.engagementGroup,
    engagementLabel: config.engagementLabel,
    epics: config.epics.map((epic) => epic.ref),
  });

/** The sync, the status report, the funnel and the digest, as the bot would build them. */
async function printDemo(runtime: Runtime, out: NodeJS.WritableStream, chartDir?: string): Promise<number> {
  const { config } = runtime;
  out.write(banner("engagement-bot sync"));
  const summary = await runtime.runSync({ onProgress: createProgressPrinter(out as NodeJS.WriteStream) });
  out.write(`${formatSyncSummary(summary)}\n`);
  // the recorded KPIs live outside GitLab: a few months of sample values, as people would record them in Slack
  const samples = sampleKpiValues(config.workstreams, {
    seed: DEMO_SEED,
    nowMs: runtime.now().getTime(),
    timeZone: config.timezone,
  });
  for (const value of samples) await runtime.store.recordKpiValue(value);
  out.write(
    `Recorded ${samples.length} sample KPI values (${SLASH_COMMAND} record does this in Slack, engagement-bot record on the command line)\n`,
  );

  const report = await runtime.reports.report();
  if (!report) {
    process.stderr.write("engagement-bot demo: the sandbox sync stored nothing; see the errors above\n");
    return EXIT.failure;
  }
  out.write(banner(`engagement-bot status  (${SLASH_COMMAND} status shows the same numbers in Slack)`));
  out.write(renderStatusOutput(report, false));
  out.write(banner(`engagement-bot funnel  (${SLASH_COMMAND} funnel shows the same numbers in Slack)`));
  // the drifting people themselves are the digest's last thread reply, printed below
  out.write(funnelText(report, { driftingList: false }));
  out.write(banner(`engagement-bot digest  (posted to ${config.digestChannel} ${describeCron(config.digestCron)})`));
  const view = {
    nowMs: runtime.now().getTime(),
    staleAfterMs: runtime.staleAfterMs,
    issueLabel: config.engagementLabel,
  };
  out.write(`${digestText(report, view)}\n`);
  // the picture the digest's thread carries; outside the demo's store folder, which is removed at the end
  const chartPath = join(chartDir ?? mkdtempSync(join(tmpdir(), "engagement-bot-chart-")), "trend-chart.png");
  writeFileSync(chartPath, await chartPng(trendChart(report).spec));
  out.write(banner("engagement-bot chart  (the digest's thread and the Home tab show this picture)"));
  out.write(`Trend chart written to ${chartPath}\n`);
  out.write(
    "\nNext: create the Slack app from manifest.yml and run `npm start` (README: Quick start).\n" +
      "SIMULATED DATA — the numbers above come from the sandbox, not from GitLab.\n",
  );
  return EXIT.ok;
}

const describeCron = (cron: string): string => `on the schedule "${cron}"`;
