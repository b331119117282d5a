/** argv -> verb + flags, strictly: an unknown verb or flag is a usage error (exit 2). */
import { parseArgs } from "node:util";

export const VERBS = [
  "start",
  "sync",
  "status",
  "digest",
  "check-pace",
  "demo",
  "record",
  "kpis",
  "chart",
  "funnel",
  "contributors",
  "copy-store",
] as const;
export type Verb = (typeof VERBS)[number];

export class UsageError extends Error {
  constructor(
    message: string,
    /** the command whose usage to show with the message; none for an unknown command */
    readonly verb?: Verb,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export const isVerb = (word: string): word is Verb => (VERBS as readonly string[]).includes(word);

const unknownCommand = (word: string): UsageError =>
  new UsageError(`unknown command "${word}" (commands: ${VERBS.join(", ")})`);

export type CliRequest =
  /** the whole help, or one command's (`<command> --help`, `help <command>`) */
  | { kind: "help"; verb?: Verb }
  | { kind: "version" }
  | { kind: "run"; verb: "start" }
  | { kind: "run"; verb: "sync"; reconcile: boolean }
  | { kind: "run"; verb: "status"; month: string | undefined; json: boolean; sync: boolean }
  | { kind: "run"; verb: "digest"; post: boolean; json: boolean }
  | { kind: "run"; verb: "check-pace" }
  | { kind: "run"; verb: "demo" }
  | {
      kind: "run";
      verb: "record";
      kpi: string;
      value: string;
      month: string | undefined;
      by: string | undefined;
      confirmDecrease: boolean;
    }
  | { kind: "run"; verb: "kpis"; json: boolean }
  | { kind: "run"; verb: "chart"; month: string | undefined; out: string }
  | { kind: "run"; verb: "funnel"; month: string | undefined; json: boolean; sync: boolean }
  | { kind: "run"; verb: "contributors"; month: string | undefined; format: "csv" | "json" }
  | { kind: "run"; verb: "copy-store"; to: string; force: boolean };

const FLAGS: Record<Verb, Record<string, { type: "boolean" | "string" }>> = {
  start: {},
  sync: { reconcile: { type: "boolean" } },
  status: { month: { type: "string" }, json: { type: "boolean" }, "no-sync": { type: "boolean" } },
  digest: { post: { type: "boolean" }, json: { type: "boolean" } },
  "check-pace": {},
  demo: {},
  record: { month: { type: "string" }, by: { type: "string" }, "confirm-decrease": { type: "boolean" } },
  kpis: { json: { type: "boolean" } },
  chart: { month: { type: "string" }, out: { type: "string" } },
  funnel: { month: { type: "string" }, json: { type: "boolean" }, "no-sync": { type: "boolean" } },
  contributors: { month: { type: "string" }, csv: { type: "boolean" }, json: { type: "boolean" } },
  "copy-store": { to: { type: "string" }, force: { type: "boolean" } },
};

/** Verbs that take positional arguments, and how many. */
const POSITIONALS: Partial<Record<Verb, { names: string[] }>> = { record: { names: ["KPI", "VALUE"] } };

export function parseCli(argv: string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help") return { kind: "help" };
  if (first === "help") {
    const [topic, ...extra] = rest;
    if (topic === undefined) return { kind: "help" };
    if (!isVerb(topic)) throw unknownCommand(topic);
    if (extra.length > 0) throw new UsageError(`help takes one command (got "${rest.join(" ")}")`, topic);
    return { kind: "help", verb: topic };
  }
  if (first === "-v" || first === "--version") return { kind: "version" };
  if (!isVerb(first)) throw unknownCommand(first);
  const verb = first;
  // `status --help` is help whatever else is typed beside it
  if (rest.includes("--help") || rest.includes("-h")) return { kind: "help", verb };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  const expected = POSITIONALS[verb]?.names ?? [];
  // a negative VALUE (`record certifications-total -5`) is a value to reject with its reason, not an unknown flag
  const negatives: string[] = [];
  const args =
    expected.length === 0 ? rest : rest.map((arg) => (/^-\d/.test(arg) ? `\u0000${negatives.push(arg) - 1}` : arg));
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: FLAGS[verb],
      strict: true,
      allowPositionals: expected.length > 0,
    }));
    positionals = positionals.map((arg) => (arg.startsWith("\u0000") ? (negatives[Number(arg.slice(1))] ?? arg) : arg));
  } catch (error) {
    throw new UsageError(`${verb}: ${(error as Error).message.replace(/\. To specify.*$/s, "")}`, verb);
  }
  if (positionals.length !== expected.length) {
    const got = positionals.length === 0 ? "nothing" : `"${positionals.join(" ")}"`;
    throw new UsageError(`${verb}: expects ${expected.join(" ")} (got ${got})`, verb);
  }
  switch (verb) {
    case "sync":
      return { kind: "run", verb, reconcile: values.reconcile === true };
    case "status":
    case "funnel":
      return {
        kind: "run",
        verb,
        month: typeof values.month === "string" ? values.month : undefined,
        json: values.json === true,
        sync: values["no-sync"] !== true,
      };
    case "digest":
      return { kind: "run", verb, post: values.post === true, json: values.json === true };
    case "record":
      return {
        kind: "run",
        verb,
        kpi: positionals[0] as string,
        value: positionals[1] as string,
        month: typeof values.month === "string" ? values.month : undefined,
        by: typeof values.by === "string" ? values.by : undefined,
        confirmDecrease: values["confirm-decrease"] === true,
      };
    case "kpis":
      return { kind: "run", verb, json: values.json === true };
    case "contributors": {
      if (values.csv === true && values.json === true) {
        throw new UsageError("contributors: --csv and --json exclude each other (give one, or neither for CSV)", verb);
      }
      const month = typeof values.month === "string" ? values.month : undefined;
      return { kind: "run", verb, month, format: values.json === true ? "json" : "csv" };
    }
    case "chart": {
      const out = values.out;
      if (typeof out !== "string" || out === "") throw new UsageError("chart: --out FILE.png is required", verb);
      return { kind: "run", verb, month: typeof values.month === "string" ? values.month : undefined, out };
    }
    case "copy-store": {
      const to = values.to;
      if (typeof to !== "string" || to === "") {
        throw new UsageError("copy-store: --to postgres://USER:PASSWORD@HOST[:PORT]/DATABASE is required", verb);
      }
      return { kind: "run", verb, to, force: values.force === true };
    }
    default:
      return { kind: "run", verb } as CliRequest;
  }
}
