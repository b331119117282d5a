/** Errors of the GitLab client, checked with instanceof. Messages never contain the token. */

/** A request that failed for good: a non-retryable status, or retries exhausted within the time budget. */
export class GitLabRequestError extends Error {
  constructor(
    message: string,
    /** method and path, e.g. GET groups/gitlab-org/merge_requests */
    readonly endpoint: string,
    /** last HTTP status seen; null when no response arrived (timeout, network error) */
    readonly status: number | null,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GitLabRequestError";
  }
}

/** 401: the token is missing, wrong or expired. Never retried. */
export class GitLabAuthError extends GitLabRequestError {
  constructor(endpoint: string, hasToken: boolean) {
    super(
      hasToken
        ? `GitLab refused GITLAB_TOKEN (401) for ${endpoint}: the token is invalid, expired or lacks the read_api scope; create a new one and set GITLAB_TOKEN`
        : `GitLab needs authentication (401) for ${endpoint}: set GITLAB_TOKEN (a token with the read_api scope)`,
      endpoint,
      401,
      1,
    );
    this.name = "GitLabAuthError";
  }
}

/** A 2xx answer that is an HTML page, not GitLab's JSON: GITLAB_URL points at something else. Never retried. */
export class GitLabHtmlError extends GitLabRequestError {
  constructor(endpoint: string, status: number, gitlabUrl: string, attempts: number) {
    super(
      `GitLab answered ${endpoint} with an HTML page (status ${status}) instead of JSON: check that GITLAB_URL (${gitlabUrl}) points at the GitLab instance itself, not a sign-in, proxy or maintenance page`,
      endpoint,
      status,
      attempts,
    );
    this.name = "GitLabHtmlError";
  }
}

/**
 * GITLAB_URL does not lead to a server: connection refused, unknown host, a TLS failure. Retried only for a few
 * seconds (a restarting GitLab); the sync then skips its remaining sources, which would fail the same way.
 */
export class GitLabUnreachableError extends GitLabRequestError {
  constructor(endpoint: string, gitlabUrl: string, cause: string, attempts: number, options?: { cause?: unknown }) {
    super(`cannot reach GITLAB_URL (${gitlabUrl}: ${cause}): check the URL`, endpoint, null, attempts, options);
    this.name = "GitLabUnreachableError";
  }
}

/**
 * GitLab answered only with server-side failures (5xx, 429, timeouts, cut connections) until the retry budget of
 * the request or of the whole sync ran out. The sync skips its remaining sources with this reason.
 */
export class GitLabUnavailableError extends GitLabRequestError {
  constructor(message: string, endpoint: string, status: number | null, attempts: number) {
    super(message, endpoint, status, attempts);
    this.name = "GitLabUnavailableError";
  }
}

/**
 * An answer larger than the client reads (src/gitlab/client.ts maxResponseBytes): announced so by content-length,
 * or grown so while decompressing (a gzip bomb). Never retried: the same request gets the same answer.
 */
export class GitLabResponseTooLargeError extends GitLabRequestError {
  constructor(endpoint: string, what: string, attempts: number) {
    super(
      `GitLab's answer to ${endpoint} is too large (${what}): not read further. ` +
        "A GitLab page of 100 items is far smaller; check GITLAB_URL and any proxy in front of GitLab",
      endpoint,
      200,
      attempts,
    );
    this.name = "GitLabResponseTooLargeError";
  }
}

/**
 * A listing whose pages do not add up: a page seen twice (Link rel="next" looping back, x-next-page stuck), a next
 * page past the x-total-pages GitLab announced, an empty page that links to another. Ends that source.
 */
export class GitLabPaginationError extends GitLabRequestError {
  constructor(endpoint: string, problem: string) {
    super(
      `GitLab's pages of GET ${endpoint} do not add up: ${problem}; stopped reading them`,
      `GET ${endpoint}`,
      200,
      1,
    );
    this.name = "GitLabPaginationError";
  }
}

/** The sync's one deadline (SYNC_DEADLINE_MS) passed: what was stored stays, the next sync goes on from there. */
export class GitLabDeadlineError extends GitLabRequestError {
  constructor(endpoint: string, deadlineMs: number) {
    super(
      `the sync reached its deadline (SYNC_DEADLINE_MS=${deadlineMs}, ${formatDuration(deadlineMs)}) at ${endpoint}; ` +
        "what was fetched is stored and the next sync continues from there",
      endpoint,
      null,
      0,
    );
    this.name = "GitLabDeadlineError";
  }
}

const formatDuration = (ms: number): string =>
  ms >= 60_000 ? `${Math.round((ms / 60_000) * 10) / 10} min` : `${Math.round(ms / 100) / 10} s`;

export const formatBytes = (bytes: number): string =>
  bytes >= 1 << 20 ? `${Math.round((bytes / (1 << 20)) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;

/** One entry of a GraphQL answer's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  /** `extensions.code` when GitLab gives one, e.g. `undefinedField` */
  code?: string;
}

/**
 * A GraphQL answer carrying `errors` (GitLab sends them with HTTP 200): the schema rejected the query (an unknown
 * field on an older GitLab, too complex), or a field failed. Never retried.
 */
export class GitLabGraphQLError extends GitLabRequestError {
  constructor(
    endpoint: string,
    readonly errors: GraphQLErrorEntry[],
    /** some `data` came with the errors (a field failed); false: the whole query was rejected */
    readonly partial: boolean,
  ) {
    const shown = errors
      .slice(0, 3)
      .map((e) => e.message)
      .join("; ");
    super(
      `GitLab's GraphQL API answered with ${errors.length === 1 ? "an error" : `${errors.length} errors`}: ${shown.slice(0, 300)}`,
      endpoint,
      200,
      1,
    );
    this.name = "GitLabGraphQLError";
  }
}

/** The failures after which the rest of a sync is not worth trying. */
export const endsTheSync = (
  error: unknown,
): error is GitLabUnreachableError | GitLabUnavailableError | GitLabDeadlineError =>
  error instanceof GitLabUnreachableError ||
  error instanceof GitLabUnavailableError ||
  error instanceof GitLabDeadlineError;
