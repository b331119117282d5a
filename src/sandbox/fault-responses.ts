/**
 * What a `status` fault answers: GitLab's own bodies for the usual failures (429 is plain text
 * `Retry later` with Retry-After; 5xx JSON, or the HTML error page a proxy in front of GitLab serves).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { ApiResponse } from "./routes.js";
import type { Fault } from "./types.js";

const REASONS: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function faultResponse(fault: Extract<Fault, { kind: "status" }>): ApiResponse {
  const reason = REASONS[fault.status] ?? "Error";
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  let contentType = fault.contentType;
  let body = fault.body;
  if (contentType === undefined) {
    contentType = fault.status === 429 ? "text/plain" : "application/json";
  }
  if (body === undefined) {
    if (contentType.includes("html")) body = htmlErrorPage(fault.status, reason);
    else if (fault.status === 429) body = "Retry later";
    else if (contentType.includes("json")) body = JSON.stringify({ message: `${fault.status} ${reason}` });
    else body = `${fault.status} ${reason}`;
  }
  headers["content-type"] = contentType;
  return { status: fault.status, headers, body };
}

function htmlErrorPage(status: number, reason: string): string {
  return `<!DOCTYPE html>\n<html><head><title>GitLab is not responding (${status})</title></head><body><h1>${status}</h1><p>${reason}</p></body></html>\n`;
}

/** The faults that reshape a list answer the sandbox computed (its records, or its pagination headers). */
export type ListFault = Extract<
  Fault,
  { kind: "null_fields" | "future_timestamp" | "loop_links" | "empty_list" | "short_list" }
>;

const LIST_FAULTS: ReadonlySet<Fault["kind"]> = new Set([
  "null_fields",
  "future_timestamp",
  "loop_links",
  "empty_list",
  "short_list",
]);

export const isListFault = (fault: Fault | undefined): fault is ListFault =>
  fault !== undefined && LIST_FAULTS.has(fault.kind);

/** `response` as the fault would have GitLab answer it; answers that are not a 200 list pass through. */
export function reshapeList(fault: ListFault, response: ApiResponse): ApiResponse {
  if (response.status !== 200) return response;
  const records: unknown = JSON.parse(response.body);
  if (!Array.isArray(records)) return response;
  const headers = { ...response.headers };
  let items = records as Record<string, unknown>[];
  const at = (positions: number[] | undefined, fallback: number) =>
    (positions ?? [fallback]).map((i) => items[i]).filter((item) => item !== undefined);
  switch (fault.kind) {
    case "null_fields":
      for (const change of fault.records) {
        const item = items[change.at];
        if (!item) continue;
        for (const path of change.null ?? []) setPath(item, path, null);
        for (const path of change.missing ?? []) setPath(item, path, undefined);
      }
      break;
    case "future_timestamp":
      for (const item of at(fault.items, items.length - 1)) item.updated_at = fault.updatedAt;
      break;
    case "empty_list":
      items = [];
      Object.assign(headers, { "x-total": "0", "x-total-pages": "1", "x-next-page": "", "x-prev-page": "" });
      headers.link = (headers.link ?? "")
        .split(", ")
        .filter((l) => /rel="(first|last)"/.test(l))
        .join(", ");
      break;
    case "short_list":
      items = items.slice(0, fault.keep);
      break;
    case "loop_links":
      loopLinks(fault.style, headers);
      break;
  }
  return { ...response, headers, body: JSON.stringify(items) };
}

/** Sets (or, for undefined, deletes) a dotted path of a record, e.g. `author.id`. */
function setPath(record: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let target: unknown = record;
  for (const key of keys) target = (target as Record<string, unknown> | null)?.[key];
  if (typeof target !== "object" || target === null) return;
  if (value === undefined) delete (target as Record<string, unknown>)[last];
  else (target as Record<string, unknown>)[last] = value;
}

function loopLinks(style: Extract<Fault, { kind: "loop_links" }>["style"], headers: Record<string, string>): void {
  const links = (headers.link ?? "").split(", ").filter((l) => l !== "");
  const first = /<([^>]+)>; rel="first"/.exec(headers.link ?? "")?.[1];
  const withoutNext = links.filter((l) => !l.endsWith('rel="next"'));
  if (style !== "past_total_pages") {
    // as past 10,000 results, where GitLab stops counting: only the loop itself gives it away
    delete headers["x-total"];
    delete headers["x-total-pages"];
  }
  if (style === "next_page_always_2") {
    delete headers.link;
    headers["x-next-page"] = "2";
    return;
  }
  if (!first) return;
  const page = Number(headers["x-page"] ?? "1");
  const target = new URL(first);
  if (style === "past_total_pages") target.searchParams.set("page", String(page + 1));
  headers["x-next-page"] = target.searchParams.get("page") ?? "1";
  headers.link = [...withoutNext, `<${target.toString()}>; rel="next"`].join(", ");
}

const bombs = new Map<number, Promise<Buffer>>();

/**
 * A JSON array that, gzip-decoded, is `expandsTo` bytes (spaces between `[` and `]`); built once per size, fed 1 MiB
 * at a time, so the sandbox never holds the expanded body (300 MB of it compress to about 300 KB).
 */
export function gzipBomb(expandsTo: number): Promise<Buffer> {
  let bomb = bombs.get(expandsTo);
  if (!bomb) {
    const spaces = Buffer.alloc(Math.min(Math.max(expandsTo - 2, 0), 1 << 20), 0x20);
    async function* body() {
      yield Buffer.from("[");
      for (let left = expandsTo - 2; left > 0; left -= spaces.length)
        yield spaces.subarray(0, Math.min(left, spaces.length));
      yield Buffer.from("]");
    }
    bomb = (async () => {
      const parts: Buffer[] = [];
      const gzip = createGzip({ level: 9 });
      gzip.on("data", (chunk: Buffer) => parts.push(chunk));
      await pipeline(Readable.from(body()), gzip);
      return Buffer.concat(parts);
    })();
    bombs.set(expandsTo, bomb);
  }
  return bomb;
}
