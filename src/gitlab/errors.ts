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
