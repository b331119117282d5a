/**
 * The GitLab client: a thin typed layer over Node's fetch. It only reads: GETs of REST API v4, and GraphQL queries
 * (POST /api/graphql, for Work Items) under the same timeout, retry, Retry-After and error rules.
 *
 * Why not gitbeaker's typed resources: our policy is per HTTP request — its own timeout, retries on 429, 5xx and
 * network failures with backoff (Retry-After wins when present), within the request's time budget and the retry
 * budget of the whole sync (withRetryBudget: time spent on failed attempts and waits, so a long healthy backfill is
 * never cut short) — and gitbeaker ignores Retry-After, does not retry 500 and has one timeout for a whole
 * multi-page call. Its pagination reads x-next-page, while past 10,000 results only Link rel="next" is reliable; the
 * child-epic route (`…/epics/:iid/epics`) is not one of its resources, and Work Items need GraphQL, which it lacks.
 * So we would have replaced its requester, its pagination and some of its routes: what would be left is a URL
 * prefix and a header, which the few lines below state plainly. (test/sandbox/server-gitbeaker.test.ts still
 * reads the sandbox through gitbeaker, to show the sandbox speaks GitLab's dialect as a common client reads it.)
 *
 * A GITLAB_URL that leads nowhere (refused, unknown host, TLS) is retried for a few seconds only. Pages are fetched
 * one at a time following Link rel="next" (x-total is absent past 10,000 results).
 */
import type { Logger } from "../log.js";
import { isUnreachable, networkFailure } from "../network-failure.js";
import { counted } from "../wording/numbers.js";
import {
  formatBytes,
  GitLabAuthError,
  GitLabDeadlineError,
  GitLabGraphQLError,
  GitLabHtmlError,
  GitLabPaginationError,
  GitLabRequestError,
  GitLabResponseTooLargeError,
  GitLabUnavailableError,
  GitLabUnreachableError,
} from "./errors.js";
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from "./retry.js";

export type QueryValue = string | number | boolean;
export type Query = Record<string, QueryValue | undefined>;

export interface GitLabResponse<T> {
  body: T;
  headers: Record<string, string>;
  status: number;
}

export interface GitLabPage<T> {
  items: T[];
  /** query of the next page (from Link rel="next"), null on the last page */
  next: Query | null;
  /** x-total / x-total-pages as this answer announced them; null when absent (past 10,000 results) */
  total: number | null;
  totalPages: number | null;
}

export interface GitLabClient {
  readonly url: string;
  readonly hasToken: boolean;
  /** HTTP requests sent so far, retries included */
  requestCount(): number;
  /** endpoint relative to /api/v4, e.g. `groups/gitlab-org%2Fquality/epics/5` */
  get<T>(endpoint: string, query?: Query): Promise<T>;
  getPage<T>(endpoint: string, query?: Query): Promise<GitLabPage<T>>;
  /**
   * Every page in turn, following rel="next". A listing that does not add up — a page seen twice, a next page past
   * the x-total-pages GitLab announced, an empty page linking to another — throws GitLabPaginationError.
   */
  listing<T>(endpoint: string, query?: Query): AsyncGenerator<GitLabPage<T>, void, undefined>;
  /** listing()'s items, page by page */
  pages<T>(endpoint: string, query?: Query): AsyncGenerator<T[], void, undefined>;
  /**
   * A GraphQL query; resolves to its `data`. An answer carrying `errors` (GitLab sends them with HTTP 200) rejects
   * with GitLabGraphQLError, whatever partial data came with it.
   */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** the same client (one request count) whose failed attempts and retry waits all draw on one `budget` */
  withRetryBudget(budget: RetryBudget): GitLabClient;
}

/** Time a whole sync may spend on failed attempts and on waiting to retry them, and when it must end. */
export interface RetryBudget {
  remainingMs: number;
  /** the sync's deadline (Date.now() clock) and its length, for the message; no request starts or waits past it */
  deadline?: { at: number; ms: number };
}

export interface GitLabClientOptions {
  url: string;
  token?: string;
  logger: Logger;
  /** one HTTP request, body included; default 30 s */
  requestTimeoutMs?: number;
  /** one logical request, all retries included; default 2 min */
  maxTotalMs?: number;
  /** first backoff step; default 500 ms */
  retryBaseMs?: number;
  /** how long a GITLAB_URL that leads nowhere (refused, unknown host, TLS) is retried; default 5 s */
  unreachableMs?: number;
  /** the most of one answer's body read, after decompression; default 32 MiB */
  maxResponseBytes?: number;
  /** the most a compressed answer may announce in content-length; default 8 MiB */
  maxCompressedBytes?: number;
}

/**
 * A page of 100 MRs is a few hundred KB of JSON (descriptions included); these leave room for any real answer and
 * keep a gzip bomb (300 KB that expand to 300 MB) from taking the process's memory.
 */
export const MAX_RESPONSE_BYTES = 32 << 20;
export const MAX_COMPRESSED_BYTES = 8 << 20;

/** The client's fixed settings and its one request counter. */
interface Transport {
  /** `<GITLAB_URL>/api/v4` */
  apiUrl: string;
  /** `<GITLAB_URL>/api/graphql` */
  graphqlUrl: string;
  headers: Record<string, string>;
  hasToken: boolean;
  /** GITLAB_URL as shown in messages */
  displayUrl: string;
  requestTimeoutMs: number;
  maxTotalMs: number;
  retryBaseMs: number;
  unreachableMs: number;
  maxResponseBytes: number;
  maxCompressedBytes: number;
  logger: Logger;
  requests: number;
}

/** One failed attempt that may be worth another. */
interface Retryable {
  problem: string;
  retryAfterMs: number | null;
  /** the network error, when GITLAB_URL leads nowhere */
  unreachable: unknown;
  /** a body that is not JSON says nothing about GitLab's health: it ends this source, not the sync */
  serverSide: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** The page number (if any) helps a reader find where a long backfill stopped. */
function describeEndpoint(endpoint: string, search: string): string {
  const page = new URLSearchParams(search).get("page");
  return `GET ${endpoint}${page ? ` (page ${page})` : ""}`;
}

function describeFailure(error: unknown): string {
  const failure = networkFailure(error);
  if (failure) return failure.text;
  return error instanceof Error ? error.message : String(error);
}

function parseBody(text: string, contentType: string): unknown {
  if (text === "") return null;
  if (contentType.includes("json") || /^[[{]/.test(text.trimStart())) return JSON.parse(text);
  return text;
}

/** GITLAB_URL as shown in messages: user:password@ (if an operator put one there) left out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/+$/, "");
  } catch {
    return url;
  }
}

const headerCount = (value: string | undefined): number | null =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : null;

/** Which page a query asks for, whatever the parameter order: page 1 is the same page with or without `page=1`. */
function pageKey(query: Query): string {
  const entries = Object.entries({ page: 1, ...query })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return entries.sort().join("&");
}

/**
 * The body as text, read no further than the client's limits: a compressed answer whose content-length is over
 * maxCompressedBytes (any answer's over maxResponseBytes) is refused unread, and the decompressed bytes are counted
 * as they arrive, so a gzip bomb stops at maxResponseBytes instead of filling memory. Without content-length, the
 * compressed bytes read are bounded by the decompressed limit, as compression never expands them by much.
 */
async function readCapped(response: Response, transport: Transport, label: string, attempts: number): Promise<string> {
  const encoded = !/^(identity)?$/i.test(response.headers.get("content-encoding")?.trim() ?? "");
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const declaredLimit = encoded ? transport.maxCompressedBytes : transport.maxResponseBytes;
  if (Number.isFinite(declared) && declared > declaredLimit) {
    await response.body?.cancel().catch(() => {});
    throw new GitLabResponseTooLargeError(
      label,
      `it announces ${formatBytes(declared)}${encoded ? " compressed" : ""}; the bot reads at most ${formatBytes(declaredLimit)}`,
      attempts,
    );
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > transport.maxResponseBytes) {
      await reader.cancel().catch(() => {});
      throw new GitLabResponseTooLargeError(
        label,
        `it grew past ${formatBytes(transport.maxResponseBytes)}${encoded ? " once decompressed" : ""}, the most the bot reads`,
        attempts,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isHtml(text: string, contentType: string): boolean {
  return contentType.includes("html") || /^<(!doctype|html)/i.test(text.trimStart());
}

function nextQuery(headers: Record<string, string>, current: Query): Query | null {
  const link = headers.link ?? "";
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) {
      const query: Query = {};
      for (const [key, value] of new URL(match[1]).searchParams) query[key] = value;
      return query;
    }
  }
  // no Link header at all: fall back to x-next-page (empty on the last page)
  const nextPage = headers["x-next-page"];
  if (!link && nextPage) return { ...current, page: nextPage };
  return null;
}

/** A GET, or a POST of a JSON body (a GraphQL query). */
interface Send {
  url: URL;
  /** e.g. `GET groups/gitlab-org/merge_requests (page 3)`, `POST /api/graphql` */
  label: string;
  body?: string;
}

/**
 * One HTTP attempt: the answer, or why it failed in a way worth retrying. Final failures (401, another 4xx, an
 * HTML page) throw at once.
 */
async function attempt(
  transport: Transport,
  send: Send,
  attempts: number,
  timeoutMs: number,
): Promise<{ response: GitLabResponse<unknown>; status: number } | { retry: Retryable; status: number | null }> {
  const { label } = send;
  let status: number | null = null;
  try {
    const response = await fetch(send.url, {
      method: send.body === undefined ? "GET" : "POST",
      headers:
        send.body === undefined ? transport.headers : { ...transport.headers, "content-type": "application/json" },
      ...(send.body === undefined ? {} : { body: send.body }),
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
    status = response.status;
    // the body is read under the same timeout: a stalled or cut-off body is a failed attempt too
    const text = await readCapped(response, transport, label, attempts);
    if (response.ok) {
      const contentType = response.headers.get("content-type") ?? "";
      // a sign-in page, a proxy's error page or a web server that is not GitLab: retrying will not help
      if (isHtml(text, contentType)) throw new GitLabHtmlError(label, status, transport.displayUrl, attempts);
      const headers = Object.fromEntries(response.headers);
      return { response: { body: parseBody(text, contentType), headers, status }, status };
    }
    if (status === 401) throw new GitLabAuthError(label, transport.hasToken);
    if (!isRetryableStatus(status)) {
      throw new GitLabRequestError(
        `GitLab answered ${status} for ${label}: ${text.slice(0, 200)}`,
        label,
        status,
        attempts,
      );
    }
    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), Date.now());
    return { retry: { problem: `status ${status}`, retryAfterMs, unreachable: null, serverSide: true }, status };
  } catch (error) {
    if (error instanceof GitLabRequestError) throw error;
    const unreachable = isUnreachable(networkFailure(error)) ? error : null;
    const retry = {
      problem: describeFailure(error),
      retryAfterMs: null,
      unreachable,
      serverSide: !(error instanceof SyntaxError),
    };
    return { retry, status };
  }
}

/** A GET with our retry policy, within the request's own time budget and the sync's retry budget. */
function getWithRetries(
  transport: Transport,
  endpoint: string,
  query: Query,
  budget: RetryBudget,
): Promise<GitLabResponse<unknown>> {
  const search = toSearch(query);
  const url = new URL(`${transport.apiUrl}/${endpoint}`);
  url.search = search;
  return sendWithRetries(transport, { url, label: describeEndpoint(endpoint, search) }, budget);
}

async function sendWithRetries(
  transport: Transport,
  send: Send,
  budget: RetryBudget,
): Promise<GitLabResponse<unknown>> {
  const { label } = send;
  const started = Date.now();
  let attempts = 0;
  let lastStatus: number | null = null;
  for (;;) {
    attempts += 1;
    const attemptStarted = Date.now();
    const untilDeadline = budget.deadline ? budget.deadline.at - attemptStarted : Number.POSITIVE_INFINITY;
    if (budget.deadline && untilDeadline <= 0) throw new GitLabDeadlineError(label, budget.deadline.ms);
    transport.requests += 1;
    const remaining = Math.min(transport.maxTotalMs - (attemptStarted - started), budget.remainingMs, untilDeadline);
    const outcome = await attempt(transport, send, attempts, Math.min(transport.requestTimeoutMs, remaining));
    lastStatus = outcome.status ?? lastStatus;
    if ("response" in outcome) return outcome.response;
    const { problem, retryAfterMs, unreachable, serverSide } = outcome.retry;
    const delayMs = retryAfterMs ?? backoffDelayMs(attempts, transport.retryBaseMs);
    const elapsedMs = Date.now() - started;
    budget.remainingMs -= Date.now() - attemptStarted;
    const syncBudgetSpent = budget.remainingMs - delayMs <= 0;
    if (unreachable !== null && (elapsedMs + delayMs >= transport.unreachableMs || syncBudgetSpent)) {
      throw new GitLabUnreachableError(label, transport.displayUrl, problem, attempts, { cause: unreachable });
    }
    if (budget.deadline && Date.now() + delayMs >= budget.deadline.at) {
      throw new GitLabDeadlineError(label, budget.deadline.ms);
    }
    if (elapsedMs + delayMs >= transport.maxTotalMs || syncBudgetSpent) {
      throw new (serverSide ? GitLabUnavailableError : GitLabRequestError)(
        `GitLab request ${label} failed after ${counted(attempts, "attempt")} in ${Math.round(
          elapsedMs / 1000,
        )} s (last: ${problem}${
          lastStatus !== null && !problem.startsWith("status") ? `; last status ${lastStatus}` : ""
        }); GitLab may be down or rate limiting${syncBudgetSpent ? " (the sync's retry budget is spent)" : ""}, try again later`,
        label,
        lastStatus,
        attempts,
      );
    }
    transport.logger.warn({ endpoint: label, attempt: attempts, problem, delayMs }, "GitLab request failed; retrying");
    budget.remainingMs -= delayMs;
    await sleep(delayMs);
  }
}

const GRAPHQL_LABEL = "POST /api/graphql";

/** The `data` of a GraphQL answer; its `errors` (HTTP 200, as GitLab sends them) become a GitLabGraphQLError. */
function graphqlData<T>(body: unknown): T {
  const answer = body as { data?: unknown; errors?: unknown } | null;
  if (typeof answer !== "object" || answer === null || (!("data" in answer) && !("errors" in answer))) {
    throw new GitLabRequestError(
      `GitLab answered ${GRAPHQL_LABEL} with something that is not a GraphQL response`,
      GRAPHQL_LABEL,
      200,
      1,
    );
  }
  if (Array.isArray(answer.errors) && answer.errors.length > 0) {
    const errors = answer.errors.map((e: unknown) => {
      const error = e as { message?: unknown; extensions?: { code?: unknown } } | null;
      return {
        message: typeof error?.message === "string" ? error.message : JSON.stringify(e),
        ...(typeof error?.extensions?.code === "string" ? { code: error.extensions.code } : {}),
      };
    });
    throw new GitLabGraphQLError(GRAPHQL_LABEL, errors, answer.data !== undefined && answer.data !== null);
  }
  return answer.data as T;
}

/** The client over one transport; `budget` undefined: only the request's own time budget applies. */
function clientView(transport: Transport, url: string, budget: RetryBudget | undefined): GitLabClient {
  const ownBudget = () => budget ?? { remainingMs: Number.POSITIVE_INFINITY };
  const request = (endpoint: string, query: Query) => getWithRetries(transport, endpoint, query, ownBudget());
  const getPage = async <T>(endpoint: string, query: Query = {}): Promise<GitLabPage<T>> => {
    const response = await request(endpoint, query);
    if (!Array.isArray(response.body)) {
      throw new GitLabRequestError(`GitLab answered GET ${endpoint} with a non-list body`, `GET ${endpoint}`, 200, 1);
    }
    return {
      items: response.body as T[],
      next: nextQuery(response.headers, query),
      total: headerCount(response.headers["x-total"]),
      totalPages: headerCount(response.headers["x-total-pages"]),
    };
  };
  async function* listing<T>(endpoint: string, query: Query = {}): AsyncGenerator<GitLabPage<T>, void, undefined> {
    const seen = new Set<string>();
    let current: Query | null = query;
    while (current) {
      const key = pageKey(current);
      if (seen.has(key)) {
        throw new GitLabPaginationError(
          endpoint,
          `page ${current.page ?? 1} came up a second time, after ${seen.size} page${seen.size === 1 ? "" : "s"} read (the next-page link loops back)`,
        );
      }
      seen.add(key);
      const page: GitLabPage<T> = await getPage<T>(endpoint, current);
      if (page.next && page.totalPages !== null && seen.size >= page.totalPages) {
        throw new GitLabPaginationError(
          endpoint,
          `GitLab announced ${page.totalPages} page${page.totalPages === 1 ? "" : "s"} (x-total-pages) but page ${seen.size} links to another`,
        );
      }
      if (page.next && page.items.length === 0) {
        throw new GitLabPaginationError(endpoint, `page ${seen.size} is empty but links to another`);
      }
      yield page;
      current = page.next;
    }
  }
  return {
    url,
    hasToken: transport.hasToken,
    requestCount: () => transport.requests,
    async get<T>(endpoint: string, query: Query = {}): Promise<T> {
      return (await request(endpoint, query)).body as T;
    },
    getPage,
    listing,
    async *pages<T>(endpoint: string, query: Query = {}): AsyncGenerator<T[], void, undefined> {
      for await (const page of listing<T>(endpoint, query)) yield page.items;
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const send = {
        url: new URL(transport.graphqlUrl),
        label: GRAPHQL_LABEL,
        body: JSON.stringify({ query, variables }),
      };
      return graphqlData<T>((await sendWithRetries(transport, send, ownBudget())).body);
    },
    withRetryBudget: (next) => clientView(transport, url, next),
  };
}

export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  const hasToken = options.token !== undefined && options.token !== "";
  const transport: Transport = {
    apiUrl: `${options.url.replace(/\/+$/, "")}/api/v4`,
    graphqlUrl: `${options.url.replace(/\/+$/, "")}/api/graphql`,
    headers: { accept: "application/json", ...(hasToken ? { "private-token": options.token as string } : {}) },
    hasToken,
    displayUrl: withoutCredentials(options.url),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    maxTotalMs: options.maxTotalMs ?? 120_000,
    retryBaseMs: options.retryBaseMs ?? 500,
    unreachableMs: options.unreachableMs ?? 5_000,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    maxCompressedBytes: options.maxCompressedBytes ?? MAX_COMPRESSED_BYTES,
    logger: options.logger.child({ component: "gitlab" }),
    requests: 0,
  };
  return clientView(transport, options.url, undefined);
}

/** Path segment for a group path or id: `gitlab-com/quality` -> `gitlab-com%2Fquality`. */
export function groupSegment(group: string | number): string {
  return encodeURIComponent(String(group));
}
