/**
 * The GitLab client: gitbeaker's resource plumbing (base URL, PRIVATE-TOKEN header) with our own requester,
 * because gitbeaker ignores Retry-After, does not retry 500 and has one timeout for a whole multi-page call.
 * Here every HTTP request gets its own timeout; 429, 5xx and network failures are retried with backoff
 * (Retry-After wins when present) until a time budget runs out: the request's, or the retry budget of the whole
 * sync (withRetryBudget: time spent on failed attempts and waits, so a long healthy backfill is never cut short).
 * A GITLAB_URL that leads nowhere (refused, unknown host, TLS) is retried for a few
 * seconds only. Pages are fetched one at a time following Link rel="next" (x-total is absent past 10,000 results).
 */
import { Groups } from "@gitbeaker/rest";
import type { Logger } from "../log.js";
import { isUnreachable, networkFailure } from "../network-failure.js";
import {
  GitLabAuthError,
  GitLabHtmlError,
  GitLabRequestError,
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
}

export interface GitLabClient {
  readonly url: string;
  readonly hasToken: boolean;
  /** HTTP requests sent so far, retries included */
  requestCount(): number;
  /** endpoint relative to /api/v4, e.g. `groups/gitlab-org%2Fquality/epics/5` */
  get<T>(endpoint: string, query?: Query): Promise<T>;
  getPage<T>(endpoint: string, query?: Query): Promise<GitLabPage<T>>;
  /** every page in turn, following rel="next" */
  pages<T>(endpoint: string, query?: Query): AsyncGenerator<T[], void, undefined>;
  /** the same client (one request count) whose failed attempts and retry waits all draw on one `budget` */
  withRetryBudget(budget: RetryBudget): GitLabClient;
}

/** Time a whole sync may spend on failed attempts and on waiting to retry them. */
export interface RetryBudget {
  remainingMs: number;
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
}

/** The part of gitbeaker's ResourceOptions our requester reads (gitbeaker does not export the type from rest). */
interface ResourceOptionsLike {
  url: string;
  headers: Record<string, string>;
  authHeaders: Record<string, () => Promise<string>>;
}

interface GitbeakerRequestOptions {
  searchParams?: string | Record<string, unknown>;
  /** ours, not gitbeaker's: the sync's retry budget */
  budget?: RetryBudget;
}

type Send = (
  resource: ResourceOptionsLike,
  endpoint: string,
  searchParams: GitbeakerRequestOptions["searchParams"],
  budget: RetryBudget,
) => Promise<GitLabResponse<unknown>>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** gitbeaker passes camelCase keys from its typed resources; GitLab wants snake_case. */
const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

function toSearch(searchParams: GitbeakerRequestOptions["searchParams"]): string {
  if (searchParams === undefined) return "";
  if (typeof searchParams === "string") return searchParams;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (value === undefined || value === null) continue;
    params.set(snake(key), Array.isArray(value) ? value.join(",") : String(value));
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

export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const maxTotalMs = options.maxTotalMs ?? 120_000;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const unreachableMs = options.unreachableMs ?? 5_000;
  const hasToken = options.token !== undefined && options.token !== "";
  const logger = options.logger.child({ component: "gitlab" });
  const displayUrl = withoutCredentials(options.url);
  let requests = 0;

  const send: Send = async (resource, endpoint, searchParams, budget) => {
    const search = toSearch(searchParams);
    const label = describeEndpoint(endpoint, search);
    const url = new URL(`${resource.url.replace(/\/+$/, "")}/${endpoint}`);
    url.search = search;
    const headers: Record<string, string> = { ...resource.headers, accept: "application/json" };
    for (const [name, value] of Object.entries(resource.authHeaders)) headers[name] = await value();

    const started = Date.now();
    let attempts = 0;
    let lastStatus: number | null = null;
    for (;;) {
      attempts += 1;
      requests += 1;
      const attemptStarted = Date.now();
      const remaining = Math.min(maxTotalMs - (attemptStarted - started), budget.remainingMs);
      let problem: string;
      let retryAfterMs: number | null = null;
      let unreachable: unknown = null;
      // a body that is not JSON says nothing about GitLab's health: it ends this source, not the sync
      let serverSide = true;
      try {
        const response = await fetch(url, {
          method: "GET",
          headers,
          signal: AbortSignal.timeout(Math.max(1, Math.min(requestTimeoutMs, remaining))),
        });
        lastStatus = response.status;
        // the body is read under the same timeout: a stalled or cut-off body is a failed attempt too
        const text = await response.text();
        if (response.ok) {
          const contentType = response.headers.get("content-type") ?? "";
          // a sign-in page, a proxy's error page or a web server that is not GitLab: retrying will not help
          if (isHtml(text, contentType)) throw new GitLabHtmlError(label, response.status, displayUrl, attempts);
          return {
            body: parseBody(text, contentType),
            headers: Object.fromEntries(response.headers),
            status: response.status,
          };
        }
        if (response.status === 401) throw new GitLabAuthError(label, hasToken);
        if (!isRetryableStatus(response.status)) {
          throw new GitLabRequestError(
            `GitLab answered ${response.status} for ${label}: ${text.slice(0, 200)}`,
            label,
            response.status,
            attempts,
          );
        }
        problem = `status ${response.status}`;
        retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), Date.now());
      } catch (error) {
        if (error instanceof GitLabRequestError) throw error;
        problem = describeFailure(error);
        serverSide = !(error instanceof SyntaxError);
        if (isUnreachable(networkFailure(error))) unreachable = error;
      }
      const delayMs = retryAfterMs ?? backoffDelayMs(attempts, retryBaseMs);
      const elapsedMs = Date.now() - started;
      budget.remainingMs -= Date.now() - attemptStarted;
      const syncBudgetSpent = budget.remainingMs - delayMs <= 0;
      if (unreachable !== null && (elapsedMs + delayMs >= unreachableMs || syncBudgetSpent)) {
        throw new GitLabUnreachableError(label, displayUrl, problem, attempts, { cause: unreachable });
      }
      if (elapsedMs + delayMs >= maxTotalMs || syncBudgetSpent) {
        throw new (serverSide ? GitLabUnavailableError : GitLabRequestError)(
          `GitLab request ${label} failed after ${attempts} attempt${attempts === 1 ? "" : "s"} in ${Math.round(
            elapsedMs / 1000,
          )} s (last: ${problem}${
            lastStatus !== null && !problem.startsWith("status") ? `; last status ${lastStatus}` : ""
          }); GitLab may be down or rate limiting${syncBudgetSpent ? " (the sync's retry budget is spent)" : ""}, try again later`,
          label,
          lastStatus,
          attempts,
        );
      }
      logger.warn({ endpoint: label, attempt: attempts, problem, delayMs }, "GitLab request failed; retrying");
      budget.remainingMs -= delayMs;
      await sleep(delayMs);
    }
  };

  // gitbeaker builds the base URL and the auth header; our requester does the HTTP (GET only: the bot only reads)
  const requesterFn = (resource: ResourceOptionsLike) => {
    const readOnly = async () => {
      throw new Error("engagement-bot's GitLab client only reads (GET)");
    };
    return {
      get: (endpoint: string, opts?: GitbeakerRequestOptions) =>
        send(resource, endpoint, opts?.searchParams, opts?.budget ?? { remainingMs: Number.POSITIVE_INFINITY }),
      post: readOnly,
      put: readOnly,
      patch: readOnly,
      delete: readOnly,
    };
  };
  const resource = new Groups({
    host: options.url.replace(/\/+$/, ""),
    ...(hasToken ? { token: options.token as string } : {}),
    queryTimeout: null,
    requesterFn: requesterFn as never,
  });
  const requester = resource.requester;

  const view = (budget: RetryBudget | undefined): GitLabClient => {
    const request = (endpoint: string, query: Query) =>
      requester.get(endpoint, {
        searchParams: query as Record<string, unknown>,
        ...(budget ? { budget } : {}),
      } as never);
    const getPage = async <T>(endpoint: string, query: Query = {}): Promise<GitLabPage<T>> => {
      const response = await request(endpoint, query);
      const body = response.body as unknown;
      if (!Array.isArray(body)) {
        throw new GitLabRequestError(`GitLab answered GET ${endpoint} with a non-list body`, `GET ${endpoint}`, 200, 1);
      }
      return { items: body as T[], next: nextQuery(response.headers, query) };
    };
    return {
      url: options.url,
      hasToken,
      requestCount: () => requests,
      async get<T>(endpoint: string, query: Query = {}): Promise<T> {
        const response = await request(endpoint, query);
        return response.body as T;
      },
      getPage,
      async *pages<T>(endpoint: string, query: Query = {}): AsyncGenerator<T[], void, undefined> {
        let current: Query | null = query;
        while (current) {
          const page: GitLabPage<T> = await getPage<T>(endpoint, current);
          yield page.items;
          current = page.next;
        }
      },
      withRetryBudget: (next) => view(next),
    };
  };
  return view(undefined);
}

/** Path segment for a group path or id: `gitlab-com/quality` -> `gitlab-com%2Fquality`. */
export function groupSegment(group: string | number): string {
  return encodeURIComponent(String(group));
}
