/** argv -> verb + flags, strictly: an unknown verb or flag is a usage error (exit 2). */
import { parseArgs } from "node:util";

export const VERBS = ["start", "sync", "status", "digest", "check-pace", "demo", "chart"] as const;
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
  | { kind: "run"; verb: "chart"; month: string | undefined; out: string };

const FLAGS: Record<Verb, Record<string, { type: "boolean" | "string" }>> = {
  start: {},
  sync: { reconcile: { type: "boolean" } },
  status: { month: { type: "string" }, json: { type: "boolean" }, "no-sync": { type: "boolean" } },
  digest: { post: { type: "boolean" }, json: { type: "boolean" } },
  "check-pace": {},
  demo: {},
  chart: { month: { type: "string" }, out: { type: "string" } },
};

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
  try {
    ({ values } = parseArgs({
      args: rest,
      options: FLAGS[verb],
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${verb}: ${(error as Error).message.replace(/\. To specify.*$/s, "")}`, verb);
  }
  switch (verb) {
    case "sync":
      return { kind: "run", verb, reconcile: values.reconcile === true };
    case "status":
      return {
        kind: "run",
        verb,
        month: typeof values.month === "string" ? values.month : undefined,
        json: values.json === true,
        sync: values["no-sync"] !== true,
      };
    case "digest":
      return { kind: "run", verb, post: values.post === true, json: values.json === true };
    case "chart": {
      const out = values.out;
      if (typeof out !== "string" || out === "") throw new UsageError("chart: --out FILE.png is required", verb);
      return { kind: "run", verb, month: typeof values.month === "string" ? values.month : undefined, out };
    }
    default:
      return { kind: "run", verb } as CliRequest;
  }
}
