/**
 * The command line as a process (issue 2): help, usage errors, configuration errors for every verb, `start`
 * without tokens, `start` in HTTP mode (/healthz, SIGTERM), and `status --json` against the sandbox GitLab.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { VERBS, type Verb } from "../../src/cli/args.js";
import { commandHelp, commandUsage, SHORT_USAGE } from "../../src/cli/usage.js";
import { addMonths } from "../../src/metrics/calendar.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { pngSize } from "../support/png.js";
import { type CliResult, freePort, removeDir, runCli, startCli, tempDir, waitForOutput } from "./spawn-cli.js";

/**
 * A --month before the synced history (which starts at `first`) and one after the current month: usage errors
 * (exit 2) naming the first month available, nothing on stdout.
 */
function assertOutsideHistory(tooEarly: CliResult, tooLate: CliResult, first: string): void {
  assert.equal(tooEarly.code, 2, tooEarly.stderr);
  assert.ok(
    tooEarly.stderr.includes(
      `--month ${addMonths(first, -1)} is before the synced history: the first month available is ${first}`,
    ),
    tooEarly.stderr,
  );
  assert.equal(tooLate.code, 2, tooLate.stderr);
  assert.ok(tooLate.stderr.includes(`is after the current month`), tooLate.stderr);
  assert.ok(tooLate.stderr.includes(`the first month available is ${first}`), tooLate.stderr);
  assert.equal(tooEarly.stdout + tooLate.stdout, "", "nothing on stdout");
}

const START_NEEDS =
  "start needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)";

describe("engagement-bot command line", () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 17, now: new Date(), months: 2 }) });
    slack = await startFakeSlack();
  });
  after(async () => {
    await slack.stop();
    await sandbox.close();
  });

  it("--help exits 0 and lists every verb", async () => {
    const result = await runCli(["--help"]);
    assert.equal(result.code, 0, result.stderr);
    for (const verb of VERBS) assert.match(result.stdout, new RegExp(`^\\s+${verb}\\b`, "m"), verb);
    assert.match(result.stdout, /Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration/);
  });

  it("an unknown verb or flag exits 2: one line saying what is wrong, then that command's usage only", async () => {
    const [verb, flag] = await Promise.all([runCli(["frobnicate"]), runCli(["status", "--bogus"])]);
    assert.equal(verb.code, 2);
    assert.equal(
      verb.stderr,
      `engagement-bot: unknown command "frobnicate" (commands: ${VERBS.join(", ")})\n${SHORT_USAGE}\n`,
    );
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr, `engagement-bot: status: Unknown option '--bogus'\n\n${commandUsage("status")}\n`);
    assert.match(flag.stderr, /^Usage: engagement-bot status \[--month YYYY-MM\] \[--json\] \[--no-sync\]$/m);
    assert.doesNotMatch(flag.stderr, /Commands:|check-pace|digest/, "not the whole usage text");
  });

  it("<command> --help and help <command> print that command's usage, exit 0", async () => {
    const [dashed, word] = await Promise.all([runCli(["digest", "--help"]), runCli(["help", "digest"])]);
    for (const result of [dashed, word]) {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${commandHelp("digest")}\n`);
      assert.match(result.stdout, /^Usage: engagement-bot digest \[--post\] \[--json\]$/m);
      assert.match(result.stdout, /^ {2}--post +post it to DIGEST_CHANNEL/m);
      assert.doesNotMatch(result.stdout, /check-pace/);
    }
  });

  it("a bad configuration exits 2 for every verb, listing every problem in one message", async () => {
    const env = { MONTHLY_TARGET: "abc", TIMEZONE: "Mars/Base", GITLAB_URL: sandbox.url };
    // a verb's own arguments first (record's KPI VALUE, chart's --out), so it gets as far as the configuration
    const args: Partial<Record<Verb, string[]>> = {
      record: ["certifications-total", "5"],
      chart: ["--out", "chart.png"],
      "copy-store": ["--to", "postgres://copier@127.0.0.1:1/engagement"],
    };
    const results = await Promise.all(VERBS.map((verb) => runCli([verb, ...(args[verb] ?? [])], { env })));
    for (const [i, result] of results.entries()) {
      const verb = VERBS[i];
      assert.equal(result.code, 2, `${verb}: ${result.stderr}`);
      assert.match(result.stderr, /Configuration is not valid \(2 problems\)/, verb);
      assert.match(result.stderr, /MONTHLY_TARGET must be a positive integer \(got "abc"\)/, verb);
      assert.match(result.stderr, /TIMEZONE "Mars\/Base" is not an IANA time zone/, verb);
      assert.equal(result.stdout, "", `${verb} did nothing else`);
    }
    assert.equal(sandbox.requests.length, 0, "no verb reached GitLab");
  });

  it("start without Slack tokens exits 2 with what it needs", async () => {
    const result = await runCli(["start"], { env: { GITLAB_URL: sandbox.url } });
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(START_NEEDS), result.stderr);
  });

  it("chart --out writes the trend chart as a PNG of at least 800×400 and prints its path", async () => {
    const cwd = tempDir();
    const result = await runCli(["chart", "--out", "trend.png"], {
      env: { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "2" },
      cwd,
    });
    const written = result.code === 0 ? readFileSync(join(cwd, "trend.png")) : Buffer.alloc(0);
    removeDir(cwd);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.trim().endsWith("/trend.png"), result.stdout);
    const { width, height } = pngSize(written);
    assert.ok(width >= 800 && height >= 400, `${width}×${height}`);
  });

  it("chart without --out, or with a bad month, exits 2 with the usage of chart", async () => {
    const [noOut, badMonth] = await Promise.all([
      runCli(["chart"], { env: { GITLAB_URL: sandbox.url } }),
      runCli(["chart", "--month", "2026-13", "--out", "x.png"], { env: { GITLAB_URL: sandbox.url } }),
    ]);
    assert.equal(noOut.code, 2, noOut.stderr);
    assert.match(noOut.stderr, /chart: --out FILE\.png is required/);
    assert.equal(badMonth.code, 2, badMonth.stderr);
    assert.ok(badMonth.stderr.endsWith(`\n${commandUsage("chart")}\n`), badMonth.stderr);
  });

  it("status --month 2026-13 exits 2 with the one line and the usage of status", async () => {
    const result = await runCli(["status", "--month", "2026-13"], { env: { GITLAB_URL: sandbox.url } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /engagement-bot status: --month must look like YYYY-MM \(got "2026-13"\)\n\n/);
    assert.ok(result.stderr.endsWith(`\n${commandUsage("status")}\n`), result.stderr);
  });

  it("status --month 0099-12 (and 1969-12) exits 2: a usage error naming 1970, never a report of another month", async () => {
    const results = await Promise.all(
      ["0099-12", "1969-12"].map((month) =>
        runCli(["status", "--month", month, "--no-sync"], { env: { GITLAB_URL: sandbox.url } }),
      ),
    );
    for (const [i, month] of ["0099-12", "1969-12"].entries()) {
      const result = results[i];
      assert.ok(result);
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `engagement-bot status: --month ${month} is before 1970: give a month from 1970-01 to \\d{4}-\\d\\d\n`,
        ),
      );
      assert.equal(result.stdout, "");
    }
  });

  it("start in HTTP mode: /healthz answers 200 { ok, version, leader }, SIGTERM stops it cleanly, exit 0", async () => {
    const port = await freePort();
    const cli = startCli(["start"], {
      env: {
        SLACK_BOT_TOKEN: "xoxb-cli-start-token-1234",
        SLACK_SIGNING_SECRET: "cli-start-signing-secret",
        SLACK_API_URL: slack.apiUrl,
        GITLAB_URL: sandbox.url,
        HISTORY_MONTHS: "2",
        PORT: String(port),
      },
    });
    try {
      await waitForOutput(cli, (stdout) => stdout.includes("Slack app started in HTTP mode"));
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { ok: unknown; version: unknown; leader: unknown };
      assert.equal(body.ok, true);
      assert.match(String(body.version), /^\d+\.\d+\.\d+/);
      assert.equal(body.leader, true, "on the SQLite file, the one process runs the schedules");
      const store = (body as { store?: { kind: string; path: string; reachable: boolean } }).store;
      assert.equal(store?.kind, "sqlite");
      assert.match(store?.path ?? "", /engagement\.db$/);
      assert.equal(store?.reachable, true);
      assert.ok(slack.callsOf("auth.test").length >= 1, "the token was checked with auth.test");

      cli.child.kill("SIGTERM");
      const result = await cli.exited;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /shutting down/);
      // a clean stop, not the shutdown deadline's forced exit (which keeps it under 10 s by construction)
      assert.match(result.stdout, /"msg":"stopped"/);
      assert.doesNotMatch(result.stdout, /shutdown took too long/);
      assert.ok(!result.stdout.includes("xoxb-cli-start-token-1234"));
      assert.ok(!result.stdout.includes("cli-start-signing-secret"));
    } finally {
      cli.child.kill("SIGKILL");
    }
  });

  it("funnel --json after a sync prints the funnel's keys; funnel --month prints the text for that month", async () => {
    const cwd = tempDir();
    const env = { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "6" };
    const result = await runCli(["funnel", "--json"], { env, cwd });
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      month: string;
      contributors: { count: number; firstTime: number; returning: number };
      funnel: { months: Array<{ month: string; openers: number }> };
      retention: { cohortMonth: string };
      drifting: { count: number; top: unknown[] };
      openMrs: { count: number };
    };
    assert.deepEqual(Object.keys(json).sort(), [
      "contributors",
      "dataAsOf",
      "drifting",
      "funnel",
      "generatedAt",
      "month",
      "openMrs",
      "retention",
      "timezone",
    ]);
    assert.equal(json.funnel.months.length, 6);
    assert.equal(json.funnel.months.at(-1)?.month, json.month);
    assert.equal(json.retention.cohortMonth, addMonths(json.month, -3));
    assert.equal(json.contributors.returning, json.contributors.count - json.contributors.firstTime);
    assert.ok(json.openMrs.count > 0, "the sandbox has open community MRs");
    const previous = addMonths(json.month, -1);
    const text = await runCli(["funnel", "--no-sync", "--month", previous], { env, cwd });
    // HISTORY_MONTHS=6: the synced history starts six months before the report month; earlier, or after this month,
    // is a usage error naming that first month
    const first = addMonths(json.month, -6);
    const [tooEarly, tooLate] = await Promise.all([
      runCli(["funnel", "--no-sync", "--month", addMonths(first, -1)], { env, cwd }),
      runCli(["funnel", "--no-sync", "--month", addMonths(json.month, 1)], { env, cwd }),
    ]);
    removeDir(cwd);
    assertOutsideHistory(tooEarly, tooLate, first);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^Contributor funnel ${previous} \\(UTC\\)`));
    assert.match(text.stdout, /^Retention: /m);
    assert.match(text.stdout, /^Open MRs: /m);
    assert.match(text.stdout, /^Drifting \(people to reach out to\): \d+/m);
  });

  it("status --json after a sync prints exactly the README's keys (epics[].available included)", async () => {
    const cwd = tempDir();
    const env = { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "2" };
    const result = await runCli(["status", "--json"], { env, cwd });
    // status takes now from the clock: on the 1st at 00:30 the month has no contributors yet, so the keys of a
    // top entry are checked on the previous month as well (the sandbox's history always has some there)
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    const previous = await runCli(["status", "--json", "--no-sync", "--month", addMonths(String(report.month), -1)], {
      env,
      cwd,
    });
    // HISTORY_MONTHS=2: the synced history starts two months before the report month; earlier, or after this
    // month, is a usage error naming that first month
    const first = addMonths(String(report.month), -2);
    const tooEarly = await runCli(["status", "--no-sync", "--month", addMonths(first, -1)], { env, cwd });
    const tooLate = await runCli(["status", "--no-sync", "--month", addMonths(String(report.month), 1)], { env, cwd });
    removeDir(cwd);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(previous.code, 0, previous.stderr);
    assertOutsideHistory(tooEarly, tooLate, first);
    const keys = (value: unknown) => Object.keys(value as object).sort();
    assert.deepEqual(
      keys(report),
      [
        "contributors",
        "dataAsOf",
        "drifting",
        "epics",
        "funnel",
        "generatedAt",
        "month",
        "newIssues",
        "openMrs",
        "retention",
        "target",
        "timezone",
        "workstreams",
      ].sort(),
    );
    const contributors = report.contributors as Record<string, unknown[]>;
    assert.deepEqual(
      keys(contributors),
      [
        "count",
        "expectedByNow",
        "firstTime",
        "returning",
        "neededPerDay",
        "previousMonth",
        "previousMonthToDate",
        "projected",
        "ratio",
        "status",
        "top",
        "trend",
      ].sort(),
    );
    assert.equal(contributors.top?.length, Math.min(10, Number(contributors.count)), "top 10, or fewer this early");
    assert.equal(contributors.trend?.length, 12);
    const previousTop = (JSON.parse(previous.stdout) as { contributors: { top: unknown[] } }).contributors.top;
    assert.ok(previousTop.length > 0, "the previous month has contributors");
    for (const top of [...(contributors.top ?? []), ...previousTop]) {
      assert.deepEqual(keys(top), ["mergedCount", "username"]);
    }
    for (const month of contributors.trend ?? []) assert.deepEqual(keys(month), ["count", "month"]);
    const epics = report.epics as unknown[];
    assert.equal(epics.length, 3);
    for (const epic of epics) {
      assert.deepEqual(
        keys(epic),
        ["available", "closedIssues", "percent", "ref", "state", "title", "totalIssues", "webUrl"].sort(),
      );
    }
    const issues = report.newIssues as unknown[];
    for (const issue of issues) assert.deepEqual(keys(issue), ["author", "createdAt", "ref", "title", "webUrl"].sort());
    const workstreams = report.workstreams as Array<{ kpis: unknown[] }>;
    assert.equal(workstreams.length, 3, "the shipped workstreams.yml");
    for (const workstream of workstreams) {
      assert.deepEqual(keys(workstream), ["epicRef", "id", "kpis", "title"]);
      for (const kpi of workstream.kpis) {
        assert.deepEqual(
          keys(kpi),
          [
            "id",
            "month",
            "period",
            "previous",
            "recordedAt",
            "recordedBy",
            "source",
            "target",
            "title",
            "trend",
            "value",
          ].sort(),
        );
      }
    }
    assert.equal(report.target, 1000);
    assert.equal(report.timezone, "UTC");
  });
});
