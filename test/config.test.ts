import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, parseConfig, readEnvFile, requireSlack } from "../src/config.js";

const problemsOf = (raw: Record<string, string>): string[] => {
  try {
    parseConfig(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail("expected a ConfigError");
};

describe("config", () => {
  it("applies the DESIGN §4 defaults", () => {
    const config = parseConfig({});
    assert.equal(config.digestChannel, "#wg_user-engagement");
    assert.equal(config.port, 3000);
    assert.equal(config.gitlabUrl, "https://gitlab.com");
    assert.deepEqual(config.contributorGroups, ["gitlab-org", "gitlab-com"]);
    assert.equal(config.communityLabel, "Community contribution");
    assert.equal(config.engagementGroup, "gitlab-com");
    assert.equal(config.engagementLabel, "User engagement");
    assert.deepEqual(
      config.epics.map((e) => e.ref),
      ["gitlab-com&1795", "gitlab-com&1796", "gitlab-com/customer-success/professional-services-group&1277"],
    );
    assert.deepEqual(config.epics[2], {
      group: "gitlab-com/customer-success/professional-services-group",
      iid: 1277,
      ref: "gitlab-com/customer-success/professional-services-group&1277",
    });
    assert.equal(config.monthlyTarget, 1000);
    assert.equal(config.historyMonths, 24);
    assert.equal(config.timezone, "UTC");
    assert.equal(config.digestCron, "0 9 * * MON");
    assert.equal(config.paceCron, "0 10 * * *");
    assert.equal(config.syncCron, "*/15 * * * *");
    assert.equal(config.databasePath, "./data/engagement.db");
    assert.equal(config.logLevel, "info");
    assert.equal(config.slackBotToken, undefined);
  });

  it("parses good values", () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "s3cret",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      MONTHLY_TARGET: "1200",
      TIMEZONE: "Europe/Amsterdam",
      CONTRIBUTOR_GROUPS: " gitlab-org , gitlab-com ,",
      EPICS: "gitlab-com&1",
      PORT: "8080",
    });
    assert.equal(config.monthlyTarget, 1200);
    assert.equal(config.timezone, "Europe/Amsterdam");
    assert.equal(config.slackApiUrl, "http://127.0.0.1:9999/api/");
    assert.deepEqual(config.contributorGroups, ["gitlab-org", "gitlab-com"]);
    assert.equal(config.port, 8080);
    assert.equal(requireSlack(config, "receive"), "http");
  });

  it("lists every problem in one error with the messages operators need", () => {
    const problems = problemsOf({
      MONTHLY_TARGET: "abc",
      DIGEST_CRON: "every monday",
      TIMEZONE: "Mars/Base",
      HISTORY_MONTHS: "-3",
      EPICS: "gitlab-com#1795",
      LOG_LEVEL: "loud",
      GITLAB_URL: "gitlab.com",
      SLACK_BOT_TOKEN: "xoxp-user-token",
    });
    assert.ok(problems.includes('MONTHLY_TARGET must be a positive integer (got "abc")'), problems.join("\n"));
    assert.ok(problems.some((p) => p.startsWith("DIGEST_CRON is not a valid cron expression")));
    assert.ok(
      problems.includes('TIMEZONE "Mars/Base" is not an IANA time zone (e.g. UTC, Europe/Amsterdam, America/New_York)'),
    );
    assert.ok(problems.some((p) => p.startsWith("HISTORY_MONTHS must be a positive integer")));
    assert.ok(problems.some((p) => p.includes('EPICS entry "gitlab-com#1795"')));
    assert.ok(problems.some((p) => p.startsWith("LOG_LEVEL must be one of")));
    assert.ok(problems.some((p) => p.startsWith("GITLAB_URL must be an http(s) URL")));
    assert.ok(problems.some((p) => p.startsWith("SLACK_BOT_TOKEN must be a bot token")));
    assert.equal(problems.length, 8);
  });

  it("never echoes a secret value in a problem", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: "xoxp-very-secret-value", SLACK_APP_TOKEN: "nope-secret-app" });
    const text = problems.join("\n");
    assert.ok(!text.includes("very-secret-value"));
    assert.ok(!text.includes("nope-secret-app"));
  });

  it("start needs a bot token and a way to receive events", () => {
    assert.throws(
      () => requireSlack(parseConfig({}), "receive"),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems[0]?.startsWith(
          "start needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
        ) === true,
    );
    assert.throws(() => requireSlack(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1" }), "receive"), ConfigError);
    assert.equal(
      requireSlack(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }), "receive"),
      "socket",
    );
    assert.equal(requireSlack(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1" }), "post"), "http");
    assert.throws(() => requireSlack(parseConfig({}), "post"), ConfigError);
  });

  it("reads .env, lets the environment win, and warns about unknown and duplicated keys", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    writeFileSync(file, "MONTHLY_TARGET=500\nTIMEZONE=UTC\nMONTLY_TARGET=9\nTIMEZONE=Europe/Berlin\n# comment\n");
    const { config, warnings } = loadConfig({ env: { MONTHLY_TARGET: "700" }, envFile: file });
    assert.equal(config.monthlyTarget, 700);
    assert.equal(config.timezone, "Europe/Berlin");
    assert.equal(warnings.length, 2);
    assert.match(warnings.join("\n"), /unknown key MONTLY_TARGET/);
    assert.match(warnings.join("\n"), /TIMEZONE is set twice \(first on line 2\)/);
  });

  it("a missing .env is fine; a broken value in it is a ConfigError", () => {
    assert.deepEqual(readEnvFile("/nonexistent/.env"), { values: {}, warnings: [] });
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    writeFileSync(file, "PORT=http\n");
    assert.throws(() => loadConfig({ env: {}, envFile: file }), /PORT must be a positive integer/);
  });
});
