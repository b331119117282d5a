/**
 * WORKSTREAMS_FILE (default: workstreams.yml at the package root) -> the workstreams and their KPIs
 * (src/model/workstreams.ts). Every problem is collected with its file, line and field, the way src/config.ts lists
 * `.env` problems, so an operator fixes them all in one go; src/config.ts turns them into its ConfigError (exit 2).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import { EPIC_REF } from "./model/settings.js";
import {
  KPI_PERIODS,
  KPI_SOURCES,
  type KpiDefinition,
  SLACK_USER_ID,
  type WorkstreamDefinition,
} from "./model/workstreams.js";

/** The file shipped in the package (`files` in package.json): one level above src/ and dist/. */
export const DEFAULT_WORKSTREAMS_FILE = fileURLToPath(new URL("../workstreams.yml", import.meta.url));

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WORKSTREAM_KEYS = ["id", "title", "epic", "kpis"];
const KPI_KEYS = ["id", "title", "source", "period", "target", "owner"];

export interface WorkstreamsFileOptions {
  /** MONTHLY_TARGET: the target of the `contributors` KPI */
  monthlyTarget: number;
}

export interface ParsedWorkstreams {
  workstreams: WorkstreamDefinition[];
  /** "file:line: field …", in file order; empty when the file is valid */
  problems: string[];
}

/** Reads and validates the file; a missing or unreadable file is one problem. */
export function readWorkstreamsFile(path: string, options: WorkstreamsFileOptions): ParsedWorkstreams {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : (error as Error).message;
    return {
      workstreams: [],
      problems: [`WORKSTREAMS_FILE ${path} ${reason} (unset it to use the shipped workstreams.yml)`],
    };
  }
  return parseWorkstreams(text, path, options);
}

/** Validates the text of a workstreams file named `file` (for the messages). */
export function parseWorkstreams(text: string, file: string, options: WorkstreamsFileOptions): ParsedWorkstreams {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: Array<{ line: number; text: string }> = [];
  const lineOf = (node: Node | null | undefined, fallback = 1): number =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  const problem = (line: number, field: string, message: string): void => {
    problems.push({ line, text: `${field ? `${field} ` : ""}${message}` });
  };
  const finish = (workstreams: WorkstreamDefinition[]): ParsedWorkstreams => ({
    workstreams,
    problems: problems.sort((a, b) => a.line - b.line).map((p) => `${file}:${p.line}: ${p.text}`),
  });

  for (const error of doc.errors) {
    problem(error.linePos?.[0].line ?? 1, "", `is not valid YAML: ${error.message.split("\n")[0]}`);
  }
  if (doc.errors.length > 0) return finish([]);

  const root = doc.contents;
  if (!isMap(root)) {
    problem(lineOf(root), "", "must be a mapping with a `workstreams:` list");
    return finish([]);
  }
  unknownKeys(root, ["workstreams"], "", lineOf, problem);
  const list = root.get("workstreams", true) as Node | undefined;
  if (!isSeq(list) || list.items.length === 0) {
    problem(lineOf(list, lineOf(root)), "workstreams", "must be a non-empty list of workstreams");
    return finish([]);
  }

  const workstreams: WorkstreamDefinition[] = [];
  const workstreamIds = new Map<string, number>();
  const kpiIds = new Map<string, number>();
  let contributorsKpis = 0;
  list.items.forEach((item, w) => {
    const at = `workstreams[${w}]`;
    const itemNode = item as Node;
    const field = mappingReader(itemNode, WORKSTREAM_KEYS, at, lineOf(itemNode, lineOf(list)), lineOf, problem);
    if (field === null || !isMap(itemNode)) return;
    const id = field.string("id", { pattern: ID, hint: "lower-case words joined by -, e.g. brand-awareness" });
    const title = field.string("title");
    const epicRef = field.string("epic", { pattern: EPIC_REF, hint: "group-path&iid, e.g. gitlab-com&1795" });
    if (id !== null) {
      const first = workstreamIds.get(id);
      if (first !== undefined) problem(field.line("id"), `${at}.id`, `"${id}" is used twice (first on line ${first})`);
      else workstreamIds.set(id, field.line("id"));
    }
    const kpiList = itemNode.get("kpis", true) as Node | undefined;
    const kpis: KpiDefinition[] = [];
    if (!isSeq(kpiList) || kpiList.items.length === 0) {
      problem(lineOf(kpiList, lineOf(itemNode)), `${at}.kpis`, "must be a non-empty list of KPIs");
    } else {
      kpiList.items.forEach((kpiItem, k) => {
        const kat = `${at}.kpis[${k}]`;
        const kpiNode = kpiItem as Node;
        const kpi = mappingReader(kpiNode, KPI_KEYS, kat, lineOf(kpiNode, lineOf(kpiList)), lineOf, problem);
        if (kpi === null || !isMap(kpiNode)) return;
        const kpiId = kpi.string("id", {
          pattern: ID,
          hint: "lower-case words joined by -, e.g. certifications-total",
        });
        const kpiTitle = kpi.string("title");
        const source = kpi.oneOf("source", KPI_SOURCES);
        const period = kpi.oneOf("period", KPI_PERIODS);
        const target = kpi.wholeNumber("target");
        const owner = kpi.string("owner", {
          optional: true,
          pattern: SLACK_USER_ID,
          hint: "a Slack user ID such as U0123ABCD (profile > ⋮ > Copy member ID)",
        });
        if (kpiId !== null) {
          const first = kpiIds.get(kpiId);
          if (first !== undefined) {
            problem(
              kpi.line("id"),
              `${kat}.id`,
              `"${kpiId}" is used twice (first on line ${first}): KPI ids are unique`,
            );
          } else kpiIds.set(kpiId, kpi.line("id"));
        }
        if (source === "contributors") {
          contributorsKpis++;
          if (contributorsKpis > 1) {
            problem(
              kpi.line("source"),
              `${kat}.source`,
              "contributors is the bot's one count: only one KPI may use it",
            );
          }
          if (kpiNode.has("target")) {
            problem(kpi.line("target"), `${kat}.target`, "is MONTHLY_TARGET for the contributors KPI: remove it here");
          }
          if (period !== null && period !== "monthly") {
            problem(
              kpi.line("period"),
              `${kat}.period`,
              "must be monthly for the contributors KPI (a count per month)",
            );
          }
        }
        if (kpiId === null || kpiTitle === null || source === null || period === null) return;
        kpis.push({
          id: kpiId,
          title: kpiTitle,
          source,
          period,
          target: source === "contributors" ? options.monthlyTarget : target,
          owner,
        });
      });
    }
    if (id === null || title === null || epicRef === null) return;
    workstreams.push({ id, title, epicRef, kpis });
  });
  return finish(problems.length === 0 ? workstreams : []);
}

type Problem = (line: number, field: string, message: string) => void;
type LineOf = (node: Node | null | undefined, fallback?: number) => number;

/** A mapping's field reader after flagging unknown keys; null (one problem) when the node is not a mapping. */
function mappingReader(
  node: Node,
  known: readonly string[],
  at: string,
  line: number,
  lineOf: LineOf,
  problem: Problem,
): ReturnType<typeof fieldReader> | null {
  if (!isMap(node)) {
    problem(line, at, `must be a mapping (${known.join(", ")})`);
    return null;
  }
  unknownKeys(node, known, at, lineOf, problem);
  return fieldReader(node, at, lineOf, problem);
}

function unknownKeys(map: YAMLMap, known: readonly string[], at: string, lineOf: LineOf, problem: Problem): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!known.includes(key)) {
      problem(lineOf(pair.key as Node), at ? `${at}.${key}` : key, `is not a known field (known: ${known.join(", ")})`);
    }
  }
}

/** Typed reads of one mapping's fields; each bad or missing field becomes a problem on its line. */
function fieldReader(map: YAMLMap, at: string, lineOf: LineOf, problem: Problem) {
  const node = (key: string): Node | undefined => map.get(key, true) as Node | undefined;
  const line = (key: string): number => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    return lineOf((pair?.key as Node | undefined) ?? map);
  };
  const scalar = (key: string): unknown => {
    const value = node(key);
    return isScalar(value) ? value.value : value === undefined ? undefined : value;
  };
  return {
    line,
    string(key: string, rules: { optional?: boolean; pattern?: RegExp; hint?: string } = {}): string | null {
      const value = scalar(key);
      const field = `${at}.${key}`;
      if (value === undefined || value === null || value === "") {
        if (!rules.optional) problem(line(key), field, "is missing");
        return null;
      }
      if (typeof value !== "string" || (rules.pattern && !rules.pattern.test(value))) {
        problem(line(key), field, `${rules.hint ? `must be ${rules.hint}` : "must be text"} (got ${show(value)})`);
        return null;
      }
      return value;
    },
    oneOf<T extends string>(key: string, allowed: readonly T[]): T | null {
      const value = scalar(key);
      if (value === undefined || value === null) {
        problem(line(key), `${at}.${key}`, `is missing (one of ${allowed.join(", ")})`);
        return null;
      }
      if (!allowed.includes(value as T)) {
        problem(line(key), `${at}.${key}`, `must be one of ${allowed.join(", ")} (got ${show(value)})`);
        return null;
      }
      return value as T;
    },
    wholeNumber(key: string): number | null {
      const value = scalar(key);
      if (value === undefined || value === null) return null;
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
        problem(line(key), `${at}.${key}`, `must be a whole number ≥ 0 (got ${show(value)})`);
        return null;
      }
      return value;
    },
  };
}

const show = (value: unknown): string =>
  typeof value === "string" ? `"${value}"` : isMap(value) || isSeq(value) ? "a list or mapping" : String(value);
