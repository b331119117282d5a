/**
 * Logging: pino JSON lines, or readable lines (pino-pretty) on a terminal or with LOG_FORMAT=pretty, with secrets
 * scrubbed from every line, and the adapter that lets Bolt and the Slack Web API log through the same logger.
 */
import type { Writable } from "node:stream";
import type { Logger as SlackLogger } from "@slack/bolt";
import { LogLevel as SlackLogLevel } from "@slack/bolt";
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";
import type { LogFormat } from "./config.js";
import { REDACTED, redact } from "./redaction.js";

export type { Logger } from "pino";

/** Exact secret values known at run time (tokens, signing secret) — scrubbed even when they match no pattern. */
const knownSecrets = new Set<string>();

export function registerSecrets(values: Array<string | undefined>): void {
  for (const value of values) {
    if (value && value.length >= 6) knownSecrets.add(value);
  }
}

export { REDACTED };

/** The one redaction (src/redaction.ts), with the secrets this process registered. */
export function scrubText(text: string): string {
  return redact(text, knownSecrets);
}

const SECRET_KEY = /(token|secret|password|authorization|cookie|signature)/i;

/** Deep copy with secret-looking keys redacted and every string scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
    for (const [k, v] of Object.entries(value)) plain[k] = v;
    return scrubValue(plain, depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && v !== "" ? REDACTED : scrubValue(v, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** where lines go; default stdout */
  destination?: Writable;
  /** json or pretty; default pretty when the destination is a terminal, else json (LOG_FORMAT) */
  format?: LogFormat;
  name?: string;
}

const isTerminal = (stream: Writable): boolean => (stream as { isTTY?: boolean }).isTTY === true;

/**
 * pino-pretty as a synchronous destination (its prettyFactory), not as a transport: no worker thread, and no line
 * lost when `start` ends with process.exit (src/cli/start-command.ts). Scrubbing happens before, in pino's hooks.
 */
function prettyDestination(destination: Writable): { write(line: string): void } {
  const prettify = prettyFactory({
    colorize: isTerminal(destination) && !process.env.NO_COLOR,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,name",
    singleLine: true,
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? "info",
    name: options.name ?? "engagement-bot",
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    serializers: { err: (err: unknown) => scrubValue(err) },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
  const destination = options.destination ?? process.stdout;
  const format = options.format ?? (isTerminal(destination) ? "pretty" : "json");
  if (format === "pretty") return pino(base, prettyDestination(destination));
  // pino's own stdout destination writes synchronously, so `start` loses no line when it exits
  return options.destination ? pino(base, options.destination) : pino(base);
}

const toMessage = (parts: unknown[]): { msg: string; err?: unknown } => {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === "string" ? p : safeJson(p)))
    .join(" ");
  return err ? { msg: msg || (err as Error).message, err } : { msg };
};

const safeJson = (value: unknown): string => {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

const toPinoLevel: Record<SlackLogLevel, string> = {
  [SlackLogLevel.DEBUG]: "debug",
  [SlackLogLevel.INFO]: "info",
  [SlackLogLevel.WARN]: "warn",
  [SlackLogLevel.ERROR]: "error",
};

/** Bolt's Logger interface on top of pino: Bolt passes several arguments per call, joined into one line. */
export function slackLogger(logger: Logger): SlackLogger {
  let child = logger.child({ component: "slack" });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      const { msg, err } = toMessage(parts);
      if (err) child[level]({ err }, msg);
      else child[level](msg);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel(level: SlackLogLevel) {
      child.level = toPinoLevel[level] ?? "info";
    },
    getLevel(): SlackLogLevel {
      const entry = Object.entries(toPinoLevel).find(([, v]) => v === child.level);
      return (entry?.[0] as SlackLogLevel | undefined) ?? SlackLogLevel.INFO;
    },
    setName(name: string) {
      child = logger.child({ component: name });
    },
  };
}
