/**
 * What a `status` fault answers: GitLab's own bodies for the usual failures (429 is plain text
 * `Retry later` with Retry-After; 5xx JSON, or the HTML error page a proxy in front of GitLab serves).
 */
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
