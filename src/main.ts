#!/usr/bin/env node
/**
 * engagement-bot's entry point and command line (README, "Command line"):
 * parse argv, validate configuration (for every verb), then run the verb.
 * Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration.
 */
import { parseCli, UsageError } from "./cli/args.js";
import { EXIT } from "./cli/exit-codes.js";
import { redactOutput } from "./cli/redacted-output.js";
import { listenForStop } from "./cli/stop-signal.js";
import { commandHelp, commandUsage, SHORT_USAGE, USAGE_TEXT } from "./cli/usage.js";
import { ConfigError, loadConfig, SECRET_KEYS, secretsOf } from "./config.js";
import { createLogger, registerSecrets, scrubText } from "./log.js";
import { passwordIn } from "./redaction.js";
import { VERSION } from "./version.js";

async function main(argv: string[]): Promise<number> {
  // whatever a verb prints is redacted on its way out, as the log is
  redactOutput([process.stdout, process.stderr]);
  let request: ReturnType<typeof parseCli>;
  try {
    request = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // one line saying what is wrong, then the usage of that command only
    const usage = error.verb ? `\n${commandUsage(error.verb)}` : SHORT_USAGE;
    process.stderr.write(`engagement-bot: ${error.message}\n${usage}\n`);
    return EXIT.usage;
  }
  if (request.kind === "help") {
    process.stdout.write(`${request.verb ? commandHelp(request.verb) : USAGE_TEXT}\n`);
    return EXIT.ok;
  }
  if (request.kind === "version") {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }

  // `start` stops on SIGTERM/SIGINT from here on, also while it loads Bolt or waits for Slack
  const stopSignal = request.verb === "start" ? listenForStop() : undefined;
  registerSecrets([...SECRET_KEYS.map((key) => process.env[key]), passwordIn(process.env.DATABASE_URL)]);
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // a .env warning often explains the problem (a value cut short by #): show them first
    for (const warning of error.warnings) process.stderr.write(`engagement-bot: warning: ${scrubText(warning)}\n`);
    process.stderr.write(`engagement-bot: ${error.message}\n`);
    return EXIT.usage;
  }
  const { config, warnings } = loaded;
  registerSecrets(secretsOf(config));

  // `start` logs to stdout (the container's log stream); the other verbs print their output on stdout,
  // so their logs go to stderr and `status --json | jq` stays clean.
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    destination: request.verb === "start" ? undefined : process.stderr,
  });
  for (const warning of warnings) logger.warn(warning);

  switch (request.verb) {
    case "start":
      return (await import("./cli/start-command.js")).runStart(config, logger, stopSignal ? { stopSignal } : {});
    case "sync":
      return (await import("./cli/sync-command.js")).runSync(config, logger, { reconcile: request.reconcile });
    case "status":
      return (await import("./cli/status-command.js")).runStatus(config, logger, request);
    case "digest":
      return (await import("./cli/digest-command.js")).runDigest(config, logger, request);
    case "check-pace":
      return (await import("./cli/check-pace-command.js")).runCheckPace(config, logger);
    case "demo":
      return (await import("./cli/demo-command.js")).runDemo(config, logger);
    case "record":
      return (await import("./cli/record-command.js")).runRecord(config, logger, request);
    case "kpis":
      return (await import("./cli/kpis-command.js")).runKpis(config, logger, request);
    case "funnel":
      return (await import("./cli/funnel-command.js")).runFunnel(config, logger, request);
    case "chart":
      return (await import("./cli/chart-command.js")).runChart(config, logger, request);
    case "contributors":
      return (await import("./cli/contributors-command.js")).runContributors(config, logger, request);
    case "copy-store":
      return (await import("./cli/copy-store-command.js")).runCopyStore(config, request);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `engagement-bot: unexpected failure: ${scrubText((error as Error)?.stack ?? String(error))}\n`,
    );
    process.exitCode = EXIT.failure;
  },
);
