/**
 * The sandbox GitLab: a real HTTP server on 127.0.0.1 that answers the bot's GitLab API calls (REST, and GraphQL at
 * /api/graphql for work items) from a world, with scripted faults (status codes, slowness, dropped, hanging and
 * truncated responses, GraphQL `errors` with 200, `workItem: null`; list answers with null or missing fields, future
 * timestamps, looping links, empty or cut-short listings; MRs changed between pages; gzip bombs and huge bodies)
 * and added latency.
 * Every request is logged without the token; close() ends even while connections hang.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue } from "./fault-queue.js";
import { faultResponse, gzipBomb, isListFault, reshapeList } from "./fault-responses.js";
import { graphqlRoute, type SandboxGraphQL } from "./graphql-route.js";
import { mutateBetweenPages } from "./mid-crawl-changes.js";
import { type ApiResponse, json, route } from "./routes.js";
import type { FaultRule, GitLabWorld, RequestLogEntry, Sandbox } from "./types.js";
import { WorldIndex } from "./world-index.js";

export interface SandboxOptions {
  world: GitLabWorld;
  latencyMs?: number;
  host?: "127.0.0.1";
  /** what POST /api/graphql knows; default "work_items" (today's GitLab) */
  graphql?: SandboxGraphQL;
  /** false: GraphQL without roll-ups (no rolledUpCountsByType entries, no Weight widget on epics); default true */
  workItemRollUps?: boolean;
}

const GRAPHQL_PATH = "/api/graphql";

const TOKEN_QUERY_PARAMS = ["private_token", "access_token", "job_token"];

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { world } = options;
  const host = options.host ?? "127.0.0.1";
  const index = new WorldIndex(world);
  const faults = new FaultQueue();
  const requests: RequestLogEntry[] = [];
  /** per path, the ids of the last list answer, in its order (what `mutate_between_pages` touches) */
  const lastServed = new Map<string, number[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = options.latencyMs ?? 0;
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
    const authenticated = hasToken(req, url.searchParams);
    const entry: RequestLogEntry = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: loggableQuery(url.searchParams),
      status: 0,
      authenticated,
      at: Date.now(),
    };
    requests.push(entry);
    const requestBody = entry.method === "POST" ? await readBody(req) : "";

    const fault = faults.take(url.pathname);
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "hang") return; // answered never; close() destroys the socket
    if (fault?.kind === "slow") await wait(fault.delayMs);
    if (fault?.kind === "mutate_between_pages")
      mutateBetweenPages(world, url.pathname, lastServed.get(url.pathname) ?? [], fault);
    await wait(latencyMs);
    if (closed || res.destroyed) return;

    let response: ApiResponse;
    if (fault?.kind === "status") {
      response = faultResponse(fault);
    } else if (fault?.kind === "graphql_errors") {
      const message = fault.message ?? "Internal server error";
      response = json(200, { errors: [{ message }], ...(fault.data === undefined ? {} : { data: fault.data }) });
    } else if (url.pathname === GRAPHQL_PATH) {
      try {
        response = graphqlRoute(
          world,
          index,
          { method: entry.method, body: requestBody, authenticated },
          {
            graphql: options.graphql ?? "work_items",
            rollUps: options.workItemRollUps ?? true,
            nullWorkItems: fault?.kind === "work_item_null",
          },
        );
      } catch (error) {
        response = json(500, { message: "500 Internal Server Error", detail: String(error) });
      }
    } else {
      try {
        response = route(world, index, {
          method: entry.method,
          path: url.pathname,
          params: url.searchParams,
          authenticated,
          origin: `http://${req.headers.host ?? host}`,
        });
      } catch (error) {
        response = json(500, { message: "500 Internal Server Error", detail: String(error) });
      }
    }
    if (isListFault(fault)) response = reshapeList(fault, response);
    if (response.status === 200 && response.body.startsWith("["))
      lastServed.set(url.pathname, servedIds(response.body));
    entry.status = response.status;
    if (fault?.kind === "gzip_bomb") {
      const bomb = await gzipBomb(fault.expandsTo);
      if (closed || res.destroyed) return;
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(bomb.length),
      });
      res.end(bomb);
      return;
    }
    if (fault?.kind === "huge_body") {
      await writeHugeBody(res, fault.bytes, fault.chunked === true);
      return;
    }
    const body = Buffer.from(entry.method === "HEAD" ? "" : response.body);
    if (fault?.kind === "truncate") {
      // Promise more than we send, then hang up: the client sees the body end early.
      res.writeHead(response.status, { ...response.headers, "content-length": String(body.length + 512) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.end());
      return;
    }
    res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
    res.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    world,
    requests,
    inject: (rule: FaultRule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms: number) => {
      latencyMs = Math.max(0, ms);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await done;
    },
  };
}

/** `[`, spaces, `]`: `bytes` of valid JSON, written 1 MiB at a time (honouring backpressure) until the client stops. */
async function writeHugeBody(res: ServerResponse, bytes: number, chunked: boolean): Promise<void> {
  res.writeHead(200, { "content-type": "application/json", ...(chunked ? {} : { "content-length": String(bytes) }) });
  const spaces = Buffer.alloc(1 << 20, 0x20);
  res.write("[");
  for (let left = bytes - 2; left > 0 && !res.destroyed; left -= spaces.length) {
    if (!res.write(spaces.subarray(0, Math.min(left, spaces.length)))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (!res.destroyed) res.end("]");
}

function servedIds(body: string): number[] {
  let records: unknown;
  try {
    records = JSON.parse(body);
  } catch {
    return []; // a malformed-JSON fault
  }
  if (!Array.isArray(records)) return [];
  return records.flatMap((r) =>
    typeof (r as { id?: unknown } | null)?.id === "number" ? [(r as { id: number }).id] : [],
  );
}

/** The request body (the GraphQL query); the sandbox only ever gets small ones. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function hasToken(req: IncomingMessage, params: URLSearchParams): boolean {
  if (req.headers["private-token"] || req.headers.authorization || req.headers["job-token"]) return true;
  return TOKEN_QUERY_PARAMS.some((name) => params.has(name));
}

/** The query as logged: token parameters present but never their values. */
function loggableQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) query[key] = TOKEN_QUERY_PARAMS.includes(key) ? "[REDACTED]" : value;
  return query;
}
