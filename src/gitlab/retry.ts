/** Retry timing: exponential backoff with full jitter, and GitLab's Retry-After header. Pure. */

export const MAX_BACKOFF_MS = 30_000;

/** Delay before retry number `attempt` (1-based): random in [base·2^(attempt-1)/2, base·2^(attempt-1)], capped. */
export function backoffDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  // half fixed, half jitter: spreads concurrent clients without ever retrying instantly
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** Statuses worth another try: rate limiting and server-side trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
