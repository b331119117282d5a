import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelayMs, isRetryableStatus, MAX_BACKOFF_MS, parseRetryAfterMs } from "../../src/gitlab/retry.js";

test("backoff doubles per attempt, stays within [ceiling/2, ceiling] and is capped", () => {
  assert.equal(
    backoffDelayMs(1, 100, () => 0),
    50,
  );
  assert.equal(
    backoffDelayMs(1, 100, () => 1),
    100,
  );
  assert.equal(
    backoffDelayMs(3, 100, () => 1),
    400,
  );
  assert.equal(
    backoffDelayMs(3, 100, () => 0),
    200,
  );
  assert.equal(
    backoffDelayMs(30, 100, () => 1),
    MAX_BACKOFF_MS,
  );
});

test("Retry-After accepts seconds and HTTP dates", () => {
  assert.equal(parseRetryAfterMs("2", 0), 2000);
  assert.equal(parseRetryAfterMs(" 0.5 ", 0), 500);
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000);
  assert.equal(parseRetryAfterMs(undefined, now), null);
  assert.equal(parseRetryAfterMs("soon", now), null);
});

test("only 429 and 5xx are retryable statuses", () => {
  assert.ok(isRetryableStatus(429));
  assert.ok(isRetryableStatus(500));
  assert.ok(isRetryableStatus(503));
  assert.ok(!isRetryableStatus(404));
  assert.ok(!isRetryableStatus(403));
});
