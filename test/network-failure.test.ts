/** networkFailure (src/network-failure.ts): the cause behind fetch's "fetch failed", in words. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isUnreachable, networkFailure } from "../src/network-failure.js";

const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

test("refused, unknown host, TLS and bad port are unreachable; timeouts and resets are not", () => {
  const cases: Array<[unknown, string, boolean]> = [
    [fetchFailed(coded("ECONNREFUSED")), "connection refused", true],
    [fetchFailed(coded("ENOTFOUND")), "unknown host (ENOTFOUND)", true],
    [fetchFailed(coded("EAI_AGAIN")), "unknown host (EAI_AGAIN)", true],
    [
      fetchFailed(coded("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")),
      "TLS error (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)",
      true,
    ],
    [
      fetchFailed(coded("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match")),
      "TLS error (ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match)",
      true,
    ],
    [fetchFailed(new Error("bad port")), "bad port (fetch never connects to it)", true],
    [fetchFailed(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")])), "connection refused", true],
    [new DOMException("The operation was aborted due to timeout", "TimeoutError"), "timed out", false],
    [fetchFailed(coded("UND_ERR_CONNECT_TIMEOUT")), "timed out", false],
    [fetchFailed(coded("ECONNRESET")), "ECONNRESET", false],
  ];
  for (const [error, text, unreachable] of cases) {
    const failure = networkFailure(error);
    assert.equal(failure?.text, text);
    assert.equal(isUnreachable(failure), unreachable, text);
  }
});

test("Slack's WebAPIRequestError wraps the fetch error in `original`; its own lower-case code is not the cause", () => {
  const slackError = Object.assign(new Error("A request error occurred: fetch failed"), {
    code: "slack_webapi_request_error",
    original: fetchFailed(coded("ECONNREFUSED")),
  });
  assert.equal(networkFailure(slackError)?.text, "connection refused");
});

test("not a network failure: null", () => {
  assert.equal(networkFailure(new Error("GitLab answered 500")), null);
  assert.equal(networkFailure("text"), null);
});
