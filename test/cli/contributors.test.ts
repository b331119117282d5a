/**
 * `engagement-bot contributors` as a process (issue 14, item 7): against a store synced from the sandbox GitLab, its
 * rows are the Report's contributors.count and its first_time rows contributors.firstTime (status --json), for the
 * current month and a past one; CSV per RFC 4180 (a name with a comma, quotes and a line break survives a round
 * trip); --json carries the same rows; --csv with --json and a bad month are usage errors (exit 2).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commandUsage } from "../../src/cli/usage.js";
import { addMonths, monthKeyOf } from "../../src/metrics/calendar.js";
import type { ContributorList } from "../../src/model/contributor-list.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addMergeRequest, addProject, addUser } from "../../src/sandbox/world.js";
import { removeDir, runCli, tempDir } from "./spawn-cli.js";

const HEADER = "user_id,username,name,merged_mrs,first_time,mr_urls";
const NASTY_NAME = 'Doe, "Jo"\nthe second';

/** RFC 4180 records (CRLF between them; quoted fields may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  assert.equal(field + record.join(""), "", "the CSV ends with CRLF");
  return records;
}

describe("engagement-bot contributors", () => {
  let sandbox: Sandbox;
  let cwd: string;
  let env: Record<string, string>;
  const nowMs = Date.now();
  const month = monthKeyOf(nowMs, "UTC");
  const previous = addMonths(month, -1);
  before(async () => {
    const world = generateWorld({ seed: 23, now: new Date(nowMs), months: 3 });
    const project = addProject(world, "gitlab-org/gitlab");
    const nasty = addUser(world, { username: "jo.doe", name: NASTY_NAME });
    addMergeRequest(world, {
      project_id: project.id,
      author: nasty,
      state: "merged",
      created_at: new Date(nowMs - 60_000).toISOString(),
      merged_at: new Date(nowMs - 1_000).toISOString(),
      labels: ["Community contribution"],
    });
    sandbox = await startSandbox({ world });
    cwd = tempDir();
    env = { GITLAB_URL: sandbox.url, HISTORY_MONTHS: "3" };
    const synced = await runCli(["sync"], { env, cwd });
    assert.equal(synced.code, 0, synced.stderr);
  });
  after(async () => {
    removeDir(cwd);
    await sandbox.close();
  });

  for (const which of ["current", "previous"] as const) {
    it(`the ${which} month: one row per contributor status counts, first_time rows as many as its firstTime`, async () => {
      const monthArgs = which === "current" ? [] : ["--month", previous];
      const [status, csv, csvFlag, json] = await Promise.all([
        runCli(["status", "--json", "--no-sync", ...monthArgs], { env, cwd }),
        runCli(["contributors", ...monthArgs], { env, cwd }),
        runCli(["contributors", "--csv", ...monthArgs], { env, cwd }),
        runCli(["contributors", "--json", ...monthArgs], { env, cwd }),
      ]);
      for (const result of [status, csv, csvFlag, json]) assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(status.stdout) as { month: string; contributors: { count: number; firstTime: number } };
      assert.equal(report.month, which === "current" ? month : previous);
      // the current month may be minutes old (CI pins the clock to the 1st, 00:30): it has at least jo.doe's MR
      const least = which === "current" ? 1 : 10;
      assert.ok(report.contributors.count >= least, `the sandbox month has ${least}+ contributors`);

      assert.equal(csvFlag.stdout, csv.stdout, "--csv is the default");
      const [header, ...rows] = parseCsv(csv.stdout);
      assert.equal(header?.join(","), HEADER);
      assert.equal(rows.length, report.contributors.count);
      assert.equal(rows.filter((row) => row[4] === "true").length, report.contributors.firstTime);
      for (const row of rows) {
        assert.equal(row.length, 6, row.join(","));
        assert.match(row[0] as string, /^\d+$/);
        assert.ok(row[4] === "true" || row[4] === "false", row[4]);
        const urls = (row[5] as string).split(" ");
        assert.equal(urls.length, Number(row[3]), "one URL per merged MR");
        for (const url of urls) assert.match(url, /^https:\/\/gitlab\.com\/.+\/-\/merge_requests\/\d+$/);
      }
      assert.equal(new Set(rows.map((row) => row[0])).size, rows.length, "one row per GitLab user id");

      const list = JSON.parse(json.stdout) as ContributorList;
      assert.equal(list.month, report.month);
      assert.equal(list.count, report.contributors.count);
      assert.equal(list.firstTime, report.contributors.firstTime);
      assert.deepEqual(
        list.contributors.map((c) => [
          String(c.userId),
          c.username,
          c.name,
          String(c.mergedMrs),
          String(c.firstTime),
          c.mrUrls.join(" "),
        ]),
        rows,
        "--json carries the CSV's rows",
      );
    });
  }

  it("a name with a comma, double quotes and a line break is one quoted field", async () => {
    const result = await runCli(["contributors"], { env, cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`,jo.doe,"Doe, ""Jo""\nthe second",1,`), "quoted, quotes doubled");
    const row = parseCsv(result.stdout).find((r) => r[1] === "jo.doe");
    assert.equal(row?.[2], NASTY_NAME);
  });

  it("--csv with --json, a malformed month, a future month or one before the history: exit 2, nothing on stdout", async () => {
    const future = addMonths(month, 1);
    const early = addMonths(month, -5);
    const [both, malformed, later, before] = await Promise.all([
      runCli(["contributors", "--csv", "--json"], { env, cwd }),
      runCli(["contributors", "--month", "2026-13"], { env, cwd }),
      runCli(["contributors", "--month", future], { env, cwd }),
      runCli(["contributors", "--month", early], { env, cwd }),
    ]);
    for (const result of [both, malformed, later, before]) {
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, "");
      assert.ok(result.stderr.endsWith(`\n${commandUsage("contributors")}\n`), result.stderr);
    }
    assert.match(both.stderr, /^engagement-bot: contributors: --csv and --json exclude each other/);
    assert.match(malformed.stderr, /^engagement-bot contributors: --month must look like YYYY-MM \(got "2026-13"\)/);
    const first = addMonths(month, -3);
    assert.match(later.stderr, new RegExp(`is after the current month .*the first month available is ${first}`));
    assert.match(
      before.stderr,
      new RegExp(`--month ${early} is before the synced history: the first month available is ${first}`),
    );
  });

  it("before any sync: exit 1 saying to run sync first", async () => {
    const result = await runCli(["contributors"], { env });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /the store has no data yet; run `engagement-bot sync`/);
    assert.equal(result.stdout, "");
  });
});
