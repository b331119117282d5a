import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LogLevel } from "@slack/bolt";
import { REDACTED, registerSecrets, scrubText, slackLogger } from "../src/log.js";
import { captureLog } from "./support/capture-log.js";

describe("log", () => {
  it("writes JSON lines with level and message", () => {
    const log = captureLog("info");
    log.logger.info({ source: "mrs" }, "synced");
    log.logger.debug("hidden");
    const [entry] = log.entries();
    assert.equal(log.lines.length, 1);
    assert.equal(entry?.msg, "synced");
    assert.equal(entry?.source, "mrs");
    assert.equal(entry?.level, 30);
  });

  it("scrubs token shapes, authorization headers and registered secrets from every part of a line", () => {
    registerSecrets(["plain-signing-secret-123"]);
    const log = captureLog();
    log.logger.info(
      {
        headers: { authorization: "Bearer xoxb-111-222-abc", "PRIVATE-TOKEN": "glpat-abcdef123456" },
        url: "https://gitlab.example/api/v4/groups?private_token=glpat-zzzz&page=2",
        nested: { note: "secret is plain-signing-secret-123" },
        err: new Error("auth failed for xapp-1-A111-222-xyz"),
      },
      "calling with xoxb-999-888-secret and token=abc123",
    );
    const text = log.text();
    for (const secret of [
      "xoxb-111-222-abc",
      "glpat-abcdef123456",
      "glpat-zzzz",
      "plain-signing-secret-123",
      "xapp-1-A111-222-xyz",
      "xoxb-999-888-secret",
      "abc123",
    ]) {
      assert.ok(!text.includes(secret), `leaked ${secret}: ${text}`);
    }
    assert.ok(text.includes(REDACTED));
    assert.match(text, /page=2/, "non-secret parts stay readable");
  });

  it("scrubText keeps prefixes so the line still says what was redacted", () => {
    assert.equal(scrubText("GET /x?private_token=glpat-abc&x=1"), `GET /x?private_token=${REDACTED}&x=1`);
    assert.equal(scrubText("Authorization: Bearer abc.def"), `Authorization: Bearer ${REDACTED}`);
  });

  it("adapts Bolt's multi-argument logger calls into one line", () => {
    const log = captureLog();
    const slack = slackLogger(log.logger);
    slack.warn("http request failed", { status: 500 }, "retrying");
    slack.error("boom", new Error("socket hang up"));
    slack.setLevel(LogLevel.ERROR);
    assert.equal(slack.getLevel(), LogLevel.ERROR);
    slack.info("dropped");
    const entries = log.entries();
    assert.equal(entries.length, 2);
    assert.equal(entries[0]?.msg, 'http request failed {"status":500} retrying');
    assert.equal(entries[0]?.component, "slack");
    assert.equal(entries[1]?.msg, "boom");
    assert.match(JSON.stringify(entries[1]?.err), /socket hang up/);
  });
});
