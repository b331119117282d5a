/** argv -> verb + flags, strictly: an unknown verb or flag is a usage error (exit 2). */
import { parseArgs } from "node:util";

export const VERBS = ["start", "sync", "status", "digest", "check-pace", "demo"] as const;
export type Verb = (typeof VERBS)[number];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type CliRequest =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "run"; verb: "start" }
  | { kind: "run"; verb: "sync"; reconcile: boolean }
  | { kind: "run"; verb: "status"; month: string | undefined; json: boolean; sync: boolean }
  | { kind: "run"; verb: "digest"; post: boolean; json: boolean }
  | { kind: "run"; verb: "check-pace" }
  | { kind: "run"; verb: "demo" };

const FLAGS: Record<Verb, Record<string, { type: "boolean" | "string" }>> = {
  start: {},
  sync: { reconcile: { type: "boolean" } },
  status: { month: { type: "string" }, json: { type: "boolean" }, "no-sync": { type: "boolean" } },
  digest: { post: { type: "boolean" }, json: { type: "boolean" } },
  "check-pace": {},
  demo: {},
};

export function parseCli(argv: string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") return { kind: "help" };
  if (first === "-v" || first === "--version") return { kind: "version" };
  if (!(VERBS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}" (commands: ${VERBS.join(", ")})`);
  }
  const verb = first as Verb;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { ...FLAGS[verb], help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${verb}: ${(error as Error).message.replace(/\. To specify.*$/s, "")}`);
  }
  if (values.help) return { kind: "help" };
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
    default:
      return { kind: "run", verb } as CliRequest;
  }
}
