/**
 * What went wrong when an HTTP request got no answer at all, in words an operator can act on. Node's fetch
 * reports "fetch failed" and hides the reason in `cause` (an AggregateError when several addresses were
 * tried); Slack's Web API client wraps that once more in `original`. Shared by the GitLab client
 * (src/gitlab/client.ts) and Slack's start-up check (src/slack/web-client.ts).
 */

export type NetworkFailureKind = "refused" | "unknown_host" | "tls" | "bad_port" | "timeout" | "other";

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** e.g. "connection refused", "unknown host (ENOTFOUND)", "TLS error (CERT_HAS_EXPIRED)", "timed out" */
  text: string;
}

const REFUSED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const UNKNOWN_HOST = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const TIMEOUT = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Certificate and handshake failures: node's X509 codes and ERR_TLS_* / ERR_SSL_*. */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|LEAF_SIGNATURE|EPROTO/.test(code)
  );
}

export interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  original?: unknown;
  errors?: unknown[];
}

/** Every error in the chain: the error, its cause/original, and an AggregateError's members (also the store's, src/store/reachability.ts). */
export function* errorChain(error: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 6 || typeof error !== "object" || error === null) return;
  const e = error as ErrorLike;
  yield e;
  yield* errorChain(e.original, depth + 1);
  yield* errorChain(e.cause, depth + 1);
  for (const member of e.errors ?? []) yield* errorChain(member, depth + 1);
}

/** The network failure behind `error`, or null when the error is not one (an HTTP status, a bad body, …). */
export function networkFailure(error: unknown): NetworkFailure | null {
  let found: NetworkFailure | null = null;
  for (const e of errorChain(error)) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return { kind: "timeout", text: "timed out" };
    // fetch refuses ports browsers block (e.g. 9, 25, 6000) before connecting
    if (e.message === "bad port") return { kind: "bad_port", text: "bad port (fetch never connects to it)" };
    const code = e.code;
    // system and TLS codes are upper case; a library's own code (slack_webapi_request_error) says nothing more
    if (typeof code !== "string" || !/^[A-Z][A-Z0-9_]+$/.test(code)) continue;
    if (REFUSED.has(code)) return { kind: "refused", text: code === "ECONNREFUSED" ? "connection refused" : code };
    if (UNKNOWN_HOST.has(code)) return { kind: "unknown_host", text: `unknown host (${code})` };
    if (TIMEOUT.has(code)) return { kind: "timeout", text: "timed out" };
    if (isTlsCode(code)) return { kind: "tls", text: `TLS error (${code}${e.message ? `: ${e.message}` : ""})` };
    found ??= { kind: "other", text: code };
  }
  if (found) return found;
  const fetchFailed = [...errorChain(error)].some((e) => e.message === "fetch failed");
  return fetchFailed ? { kind: "other", text: "fetch failed" } : null;
}

/** Failures that mean the URL itself is wrong or the host is not there: retrying for minutes will not help. */
export function isUnreachable(failure: NetworkFailure | null): boolean {
  return failure !== null && failure.kind !== "timeout" && failure.kind !== "other";
}
