import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { LogLevel } from "@slack/bolt";
import type { LogFormat } from "../src/config.js";
import { createLogger, REDACTED, registerSecrets, scrubText, slackLogger } from "../src/log.js";
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

  describe("format: readable lines on a terminal, JSON lines otherwise, LOG_FORMAT forces", () => {
    /** A destination that says it is (or is not) a terminal, as process.stdout does. */
    const sink = (isTTY: boolean) => {
      const chunks: string[] = [];
      const stream = Object.assign(
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk.toString("utf8"));
            callback();
          },
        }),
        { isTTY },
      );
      return { stream, text: () => chunks.join("") };
    };
    const write = (isTTY: boolean, format?: LogFormat) => {
      const out = sink(isTTY);
      const logger = createLogger({ destination: out.stream, format });
      logger.warn({ source: "mrs", token: "xoxb-1-2-pretty-secret" }, "sync slow");
      logger.info("second line with glpat-prettysecret99");
      return out.text();
    };
    const isJsonLines = (text: string) =>
      text
        .trim()
        .split("\n")
        .every((line) => {
          try {
            return typeof JSON.parse(line) === "object";
          } catch {
            return false;
          }
        });

    it("a terminal gets one readable line per entry, secrets still scrubbed", () => {
      const text = write(true);
      const lines = text.trim().split("\n");
      assert.equal(lines.length, 2, text);
      assert.ok(!isJsonLines(text), text);
      assert.match(
        stripVTControlCharacters(lines[0] ?? ""),
        /^\[\d\d:\d\d:\d\d\] WARN: sync slow/,
        "time, level, message",
      );
      assert.match(lines[0] ?? "", /WARN/);
      assert.match(lines[0] ?? "", /sync slow/);
      assert.match(lines[0] ?? "", /source.*mrs/);
      assert.ok(!text.includes("pretty-secret") && !text.includes("prettysecret99"), text);
    });

    it("anything else gets JSON lines", () => {
      const text = write(false);
      assert.ok(isJsonLines(text), text);
      assert.equal(text.trim().split("\n").length, 2);
    });

    it("LOG_FORMAT=json on a terminal gives JSON; LOG_FORMAT=pretty into a pipe gives readable lines without colour", () => {
      assert.ok(isJsonLines(write(true, "json")));
      const pretty = write(false, "pretty");
      assert.ok(!isJsonLines(pretty), pretty);
      assert.match(pretty, /^\[\d\d:\d\d:\d\d\] WARN: sync slow/);
      assert.ok(!pretty.includes("\x1b["), "no colour codes where no terminal reads them");
    });
  });
});
