import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ConfigError, parseConfig } from "../src/config.js";
import { DEFAULT_WORKSTREAMS_FILE, parseWorkstreams, readWorkstreamsFile } from "../src/workstreams-file.js";
import { runCli } from "./cli/spawn-cli.js";

const dir = mkdtempSync(join(tmpdir(), "workstreams-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const BAD = `workstreams:
  - id: Brand Awareness
    title: Technical content
    epic: gitlab-com#1795
    kpis:
      - id: members
        title: Members
        source: recorded
        period: weekly
        target: -3
        owner: alice
  - id: certs
    title: Certification
    epic: gitlab-com&1277
    colour: blue
    kpis:
      - id: members
        title: Certifications
        source: counted
        period: cumulative
  - id: funnel
    epic: gitlab-com&1796
    kpis:
      - id: contributors
        title: Contributors
        source: contributors
        period: cumulative
        target: 500
`;

describe("WORKSTREAMS_FILE", () => {
  it("the shipped file describes the three workstreams; the contributors KPI's target is MONTHLY_TARGET", () => {
    const { workstreams, problems } = readWorkstreamsFile(DEFAULT_WORKSTREAMS_FILE, { monthlyTarget: 750 });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      workstreams.map((w) => [w.epicRef, w.kpis.map((k) => `${k.id}:${k.source}:${k.period}:${k.target}`)]),
      [
        ["gitlab-com&1795", ["active-community-members:recorded:monthly:null"]],
        [
          "gitlab-com/customer-success/professional-services-group&1277",
          ["certifications-partner:recorded:cumulative:null", "certifications-total:recorded:cumulative:null"],
        ],
        ["gitlab-com&1796", ["contributors:contributors:monthly:750"]],
      ],
    );
  });

  it("a bad file lists every problem with file, line and field, in file order", () => {
    const { workstreams, problems } = parseWorkstreams(BAD, "ws.yml", { monthlyTarget: 1000 });
    assert.deepEqual(workstreams, [], "nothing half-valid is used");
    assert.deepEqual(problems, [
      'ws.yml:2: workstreams[0].id must be lower-case words joined by -, e.g. brand-awareness (got "Brand Awareness")',
      'ws.yml:4: workstreams[0].epic must be group-path&iid, e.g. gitlab-com&1795 (got "gitlab-com#1795")',
      'ws.yml:9: workstreams[0].kpis[0].period must be one of monthly, cumulative (got "weekly")',
      "ws.yml:10: workstreams[0].kpis[0].target must be a whole number ≥ 0 (got -3)",
      'ws.yml:11: workstreams[0].kpis[0].owner must be a Slack user ID such as U0123ABCD (profile > ⋮ > Copy member ID) (got "alice")',
      "ws.yml:15: workstreams[1].colour is not a known field (known: id, title, epic, kpis)",
      'ws.yml:17: workstreams[1].kpis[0].id "members" is used twice (first on line 6): KPI ids are unique',
      'ws.yml:19: workstreams[1].kpis[0].source must be one of contributors, recorded (got "counted")',
      "ws.yml:21: workstreams[2].title is missing",
      "ws.yml:27: workstreams[2].kpis[0].period must be monthly for the contributors KPI (a count per month)",
      "ws.yml:28: workstreams[2].kpis[0].target is MONTHLY_TARGET for the contributors KPI: remove it here",
    ]);
  });

  it("YAML that does not parse, or is not a list of workstreams, is one problem with its line", () => {
    assert.match(
      parseWorkstreams("workstreams:\n  - id: a\n   title: [unclosed\n", "x.yml", { monthlyTarget: 1 }).problems[0] ??
        "",
      /^x\.yml:\d+: is not valid YAML: /,
    );
    assert.deepEqual(parseWorkstreams("workstreams: []\n", "x.yml", { monthlyTarget: 1 }).problems, [
      "x.yml:1: workstreams must be a non-empty list of workstreams",
    ]);
  });

  it("its problems join the other configuration problems (ConfigError: exit 2)", () => {
    const file = join(dir, "bad.yml");
    writeFileSync(file, BAD);
    assert.throws(
      () => parseConfig({ WORKSTREAMS_FILE: file, MONTHLY_TARGET: "x" }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 12 &&
        error.problems.some((p) => p.startsWith("MONTHLY_TARGET")) &&
        error.problems.some((p) => p.startsWith(`${file}:19: workstreams[1].kpis[0].source`)),
    );
    assert.throws(() => parseConfig({ WORKSTREAMS_FILE: join(dir, "missing.yml") }), /missing\.yml does not exist/);
  });

  it("the CLI exits 2 on a bad file, naming file, line and field, before doing anything", async () => {
    const file = join(dir, "cli-bad.yml");
    writeFileSync(file, BAD);
    const result = await runCli(["kpis"], { env: { WORKSTREAMS_FILE: file } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Configuration is not valid \(11 problems\)/);
    assert.ok(result.stderr.includes(`${file}:9: workstreams[0].kpis[0].period must be one of monthly, cumulative`));
    assert.equal(result.stdout, "");
  });
});
