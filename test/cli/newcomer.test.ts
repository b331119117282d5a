/**
 * The newcomer path (issue 7 item 5): build the package as CI does, then run the built `engagement-bot demo`
 * (no tokens, no network) and `engagement-bot --help` exactly as someone trying the bot for the first time would.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { before, describe, it } from "node:test";
import { pngSize } from "../support/png.js";
import { printedPace, wordsOf } from "../support/status-figures.js";
import { BUILT_MAIN, REPO_ROOT, runCli } from "./spawn-cli.js";

function npmRunBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "build"], {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("newcomer path: build, demo, --help", { timeout: 180_000 }, () => {
  before(async () => {
    const build = await npmRunBuild();
    assert.equal(build.code, 0, `npm run build failed:\n${build.output}`);
    assert.ok(existsSync(BUILT_MAIN));
  });

  it("engagement-bot demo prints the simulated headline numbers and the digest, exit 0", async () => {
    const result = await runCli(["demo"], { built: true, timeoutMs: 90_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^SIMULATED DATA/);
    // any day of the month: the status word is the one the printed figures imply (too early to tell on the 1st)
    const pace = printedPace(result.stdout);
    assert.equal(pace.target, 1000, "the contributor headline");
    assert.ok(wordsOf(pace.allowed).includes(pace.word), `"${pace.word}" but the figures say ${pace.allowed}`);
    assert.match(result.stdout, /engagement-bot status/);
    assert.match(result.stdout, /engagement-bot digest/);
    // the funnel, as `engagement-bot funnel` prints it: six months, retention, open MR age, how many drift
    const funnel = result.stdout.slice(result.stdout.indexOf("engagement-bot funnel"));
    assert.match(funnel, /^Contributor funnel \d{4}-\d\d /m);
    const months = funnel.match(
      /^ {2}[A-Z][a-z]{2} \d{4}: [\d,]+ opened · [\d,]+ first-time · [\d,]+ of them merged/gm,
    );
    assert.equal(months?.length, 6, "the funnel's six months");
    assert.match(funnel, /^Retention: \d+ of [A-Z][a-z]{2} \d{4}'s \d+ first-time contributors merged again/m);
    assert.match(funnel, /^Open MRs: [\d,]+ open · median age [\d.]+ days · [\d,]+ stalled/m);
    assert.match(funnel, /^Drifting \(people to reach out to\): [1-9][\d,]*$/m);
    assert.match(result.stdout, /Weekly digest — week \d+, \d+/, "the digest title, naming its week");
    // every workstream with a number: the recorded KPIs get sample values, the contributors are counted
    assert.match(result.stdout, /Recorded 12 sample KPI values/);
    for (const line of [
      /^ {2}Technical content \(brand awareness\) — Active community members [\d,]+ in [A-Z][a-z]+ \d{4}, [+−±]/m,
      /^ {2}DevOps Architect certification — Partner certifications [\d,]+ in .* · Certifications \(total\) [\d,]+ in /m,
      /^ {2}1,000 contributors\/month — Wider-community contributors [\d,]+ of 1,000 /m,
    ]) {
      assert.match(result.stdout, line);
    }
    assert.doesNotMatch(result.stdout, /not recorded for/);
    assert.match(result.stdout, /Sync #\d+ finished/);
    const chart = /^Trend chart written to (.+\.png)$/m.exec(result.stdout)?.[1];
    assert.ok(chart && existsSync(chart), `the chart's path: ${chart}`);
    const { width, height } = pngSize(readFileSync(chart));
    rmSync(dirname(chart), { recursive: true, force: true });
    assert.ok(width >= 800 && height >= 400, `${width}×${height}`);
  });

  it("engagement-bot --help exits 0 and prints the verbs", async () => {
    const result = await runCli(["--help"], { built: true });
    assert.equal(result.code, 0, result.stderr);
    for (const verb of ["start", "sync", "status", "digest", "check-pace", "demo", "chart"]) {
      assert.match(result.stdout, new RegExp(`^\\s+${verb}\\b`, "m"), verb);
    }
  });
});
