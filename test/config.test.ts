import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, lostToComment, parseConfig, readEnvFile, requireSlack } from "../src/config.js";

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
  it("applies the README's configuration defaults", () => {
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

  it("SYNC_DEADLINE_MS: 30 minutes by default, a positive number of milliseconds up to a day", () => {
    assert.equal(parseConfig({}).syncDeadlineMs, 1_800_000);
    assert.equal(parseConfig({ SYNC_DEADLINE_MS: "600000" }).syncDeadlineMs, 600_000);
    for (const bad of ["0", "30m", "86400001"]) {
      assert.ok(
        problemsOf({ SYNC_DEADLINE_MS: bad }).some((p) => p.startsWith("SYNC_DEADLINE_MS must be a positive integer")),
        bad,
      );
    }
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

  it("DIGEST_CHANNEL accepts #name, name and a channel ID, from .env and from the environment, as one spelling", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    const fromFile = (line: string) => {
      writeFileSync(file, `${line}\n`);
      return loadConfig({ env: {}, envFile: file });
    };
    const fromEnv = (value: string) => loadConfig({ env: { DIGEST_CHANNEL: value }, envFile: false });
    for (const [written, channel] of [
      ['DIGEST_CHANNEL="#my-test-channel"', "#my-test-channel"],
      ["DIGEST_CHANNEL='#my-test-channel'", "#my-test-channel"],
      ["DIGEST_CHANNEL=my-test-channel", "#my-test-channel"],
      ["DIGEST_CHANNEL=C0TEST1234", "C0TEST1234"],
      // dotenv alone reads these as "" (and the default channel would get the posts): the value as written wins
      ["DIGEST_CHANNEL=#my-test-channel", "#my-test-channel"],
      ["DIGEST_CHANNEL = #my-test-channel   # where I try it", "#my-test-channel"],
      ["export DIGEST_CHANNEL=#my-test-channel", "#my-test-channel"],
    ] as const) {
      const { config, warnings } = fromFile(written);
      assert.equal(config.digestChannel, channel, written);
      assert.deepEqual(warnings, [], written);
    }
    for (const [value, channel] of [
      ["#my-test-channel", "#my-test-channel"],
      ["my-test-channel", "#my-test-channel"],
      ["C0TEST1234", "C0TEST1234"],
      ['"#my-test-channel"', "#my-test-channel"], // docker run --env-file keeps the quotes of .env.example
    ] as const) {
      assert.equal(fromEnv(value).config.digestChannel, channel, value);
    }
    writeFileSync(file, 'DIGEST_CHANNEL=#my-test-channel\nDIGEST_CHANNEL="#second"\n');
    assert.equal(loadConfig({ env: {}, envFile: file }).config.digestChannel, "#second", "the last one wins");
    writeFileSync(file, 'DIGEST_CHANNEL="#first"\nDIGEST_CHANNEL=#second\n');
    assert.equal(loadConfig({ env: {}, envFile: file }).config.digestChannel, "#second", "the last one wins");
  });

  it("a DIGEST_CHANNEL that is no channel stops with the key and what was written, never the default channel", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    writeFileSync(file, "DIGEST_CHANNEL=my#test\n");
    assert.throws(
      () => loadConfig({ env: {}, envFile: file }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((p) => p.startsWith("DIGEST_CHANNEL") && p.includes("my#test")),
    );
    assert.throws(() => loadConfig({ env: { DIGEST_CHANNEL: "#Not A Channel" }, envFile: false }), ConfigError);
  });

  it("warns, with the key and line and never the value, when a # cuts another value short", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    writeFileSync(
      file,
      [
        "# a comment line",
        "COMMUNITY_LABEL=Community#contribution",
        "ENGAGEMENT_LABEL=#engagement",
        "MONTHLY_TARGET=900 # what we aim for",
        'BOT_USERNAMES="helper#1"',
        "GITLAB_TOKEN=glpat-Secret#Part",
        "EPICS=  # none for now",
        "",
      ].join("\n"),
    );
    const { config, warnings } = loadConfig({ env: {}, envFile: file });
    assert.equal(config.monthlyTarget, 900, "a comment after a space is a comment");
    assert.equal(config.epics.length, 3, "KEY=  # note: empty, the default");
    assert.equal(config.communityLabel, "Community");
    assert.equal(config.engagementLabel, "User engagement", "empty: the default");
    assert.equal(warnings.length, 3, warnings.join("\n"));
    assert.match(warnings[0] ?? "", /\.env:2: COMMUNITY_LABEL loses everything from its "#" on .*only the text before/);
    assert.match(warnings[1] ?? "", /\.env:3: ENGAGEMENT_LABEL loses .* empty and the default applies/);
    assert.match(warnings[2] ?? "", /\.env:6: GITLAB_TOKEN loses/);
    assert.match(warnings.join("\n"), /quote the value/);
    assert.ok(!warnings.join("\n").includes("Secret"), "never the value");
    assert.ok(!warnings.join("\n").includes("contribution"), "never the value");
  });

  it("lostToComment: only a # right after = or inside a word is lost; quoted values lose nothing", () => {
    assert.equal(lostToComment("#wg"), 0);
    assert.equal(lostToComment("  # a note"), -1);
    assert.equal(lostToComment("a#b"), 1);
    assert.equal(lostToComment("a #b"), -1);
    assert.equal(lostToComment("a\t#b"), -1);
    assert.equal(lostToComment('"#wg"'), -1);
    assert.equal(lostToComment("'a#b'"), -1);
    assert.equal(lostToComment("plain"), -1);
  });

  it("LOG_FORMAT: json or pretty (any case); unset means pretty on a terminal", () => {
    assert.equal(parseConfig({}).logFormat, undefined);
    assert.equal(parseConfig({ LOG_FORMAT: "json" }).logFormat, "json");
    assert.equal(parseConfig({ LOG_FORMAT: " Pretty " }).logFormat, "pretty");
    assert.match(problemsOf({ LOG_FORMAT: "yaml" })[0] ?? "", /^LOG_FORMAT must be one of json, pretty \(got "yaml"\)/);
  });

  it("a ConfigError from loadConfig carries the .env warnings, so they are shown with the problems", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-config-"));
    const file = join(dir, ".env");
    writeFileSync(file, "MONTLY_TARGET=9\nPORT=http\n");
    assert.throws(
      () => loadConfig({ env: {}, envFile: file }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        error.warnings.length === 1 &&
        /:1: unknown key MONTLY_TARGET/.test(error.warnings[0] ?? ""),
    );
  });

  it("bot settings: BOT_LABEL defaults to GitLab's label; BOT_USER_IDS must be numeric ids", () => {
    const config = parseConfig({});
    assert.equal(config.botLabel, "automation:bot-authored");
    assert.deepEqual(config.botUserIds, []);
    assert.equal(config.contributorProjects, undefined);
    assert.deepEqual(parseConfig({ BOT_USER_IDS: " 1786152, 4156 " }).botUserIds, [1786152, 4156]);
    assert.equal(parseConfig({ BOT_LABEL: "bot:made" }).botLabel, "bot:made");
    assert.deepEqual(problemsOf({ BOT_USER_IDS: "1786152,renovate" }), [
      'BOT_USER_IDS entry "renovate" is not a numeric GitLab user id (e.g. BOT_USER_IDS=1786152,4156)',
    ]);
  });

  it("CONTRIBUTOR_PROJECTS_FILE: paths and ids, # comments; missing, malformed or empty is a problem naming the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "eb-projects-"));
    const file = join(dir, "projects.txt");
    writeFileSync(
      file,
      "# the KPI's projects\ngitlab-org/gitlab\n\n  278964  # gitlab-org/gitlab by id\ngitlab-com/gl-infra/reliability/\n",
    );
    assert.deepEqual(parseConfig({ CONTRIBUTOR_PROJECTS_FILE: file }).contributorProjects, {
      file,
      paths: ["gitlab-org/gitlab", "gitlab-com/gl-infra/reliability"],
      ids: [278964],
    });
    const missing = problemsOf({ CONTRIBUTOR_PROJECTS_FILE: join(dir, "nope.txt") });
    assert.equal(missing.length, 1);
    assert.match(missing[0] ?? "", /^CONTRIBUTOR_PROJECTS_FILE ".*nope\.txt" cannot be read \(no such file\)/);
    writeFileSync(file, "gitlab-org/gitlab\njust-a-group\n");
    assert.deepEqual(problemsOf({ CONTRIBUTOR_PROJECTS_FILE: file }), [
      `CONTRIBUTOR_PROJECTS_FILE ${file}:2: "just-a-group" is neither a project path (group/project) nor a numeric project id`,
    ]);
    writeFileSync(file, "# nothing yet\n");
    assert.match(problemsOf({ CONTRIBUTOR_PROJECTS_FILE: file })[0] ?? "", /lists no project, so nobody would count/);
  });
});
