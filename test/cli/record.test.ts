/**
 * `engagement-bot record` and `kpis` as an operator runs them: values land in the store with who and when,
 * a correction supersedes, and every usage problem exits 2 with what to type instead.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { removeDir, runCli, tempDir } from "./spawn-cli.js";

describe("engagement-bot record / kpis", () => {
  const cwd = tempDir();
  after(() => removeDir(cwd));

  it("records a value for a month with --by, supersedes it with a correction, and kpis shows the latest", async () => {
    const first = await runCli(["record", "certifications-total", "120", "--month", "2026-01", "--by", "alice"], {
      cwd,
    });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Recorded certifications-total = 120 for 2026-01 \(by alice on /);
    const correction = await runCli(["record", "certifications-total", "1,250", "--month", "2026-01", "--by", "bob"], {
      cwd,
    });
    assert.equal(correction.code, 0, correction.stderr);
    assert.match(correction.stdout, /= 1250 for 2026-01 \(by bob on .*; it supersedes 120 \(by alice on /);

    const kpis = await runCli(["kpis", "--json"], { cwd });
    assert.equal(kpis.code, 0, kpis.stderr);
    const rows = JSON.parse(kpis.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      rows.map((row) => row.id),
      ["active-community-members", "certifications-partner", "certifications-total", "contributors"],
    );
    const total = rows.find((row) => row.id === "certifications-total");
    assert.equal(total?.value, 1250);
    assert.equal(total?.month, "2026-01");
    assert.equal(total?.recordedBy, "bob");
    assert.equal(rows.find((row) => row.id === "contributors")?.value, null, "never synced: no count yet");

    const text = await runCli(["kpis"], { cwd });
    assert.match(
      text.stdout,
      /^devops-architect-certification +certifications-total +cumulative +1,250 +2026-01 .*by bob on /m,
    );
    assert.match(text.stdout, /^brand-awareness +active-community-members +monthly .*not recorded yet$/m);
  });

  it("a lower cumulative total needs --confirm-decrease", async () => {
    const lower = await runCli(["record", "certifications-total", "900", "--month", "2026-02"], { cwd });
    assert.equal(lower.code, 2);
    assert.match(
      lower.stderr,
      /2026-01 already had 1250: 900 is lower\. Pass --confirm-decrease to record it anyway\./,
    );
    const confirmed = await runCli(
      ["record", "certifications-total", "900", "--month", "2026-02", "--confirm-decrease"],
      {
        cwd,
      },
    );
    assert.equal(confirmed.code, 0, confirmed.stderr);
  });

  it("exits 2 on an unknown KPI (listing the recorded ones), a bad value, a malformed or future month", async () => {
    const [unknown, computed, decimal, negative, malformed, future, missing] = await Promise.all([
      runCli(["record", "stars", "5"], { cwd }),
      runCli(["record", "contributors", "5"], { cwd }),
      runCli(["record", "certifications-partner", "2.5"], { cwd }),
      runCli(["record", "certifications-partner", "-3"], { cwd }),
      runCli(["record", "certifications-partner", "3", "--month", "2026-1"], { cwd }),
      runCli(["record", "certifications-partner", "3", "--month", "2999-01"], { cwd }),
      runCli(["record", "certifications-partner"], { cwd }),
    ]);
    const known = "recorded KPIs: active-community-members, certifications-partner, certifications-total";
    for (const result of [unknown, computed, decimal, negative, malformed, future, missing]) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /Usage: engagement-bot record KPI VALUE/);
      assert.equal(result.stdout, "");
    }
    assert.ok(unknown.stderr.includes(`unknown KPI "stars"; ${known}`), unknown.stderr);
    assert.ok(computed.stderr.includes(`"contributors" is computed from GitLab, not recorded; ${known}`));
    assert.match(decimal.stderr, /Partner certifications must be a whole number, e\.g\. 1250 \(got "2\.5"\)/);
    assert.match(negative.stderr, /Partner certifications cannot be negative \(got -3\)/);
    assert.match(malformed.stderr, /The month must look like YYYY-MM \(got "2026-1"\)/);
    assert.match(future.stderr, /2999-01 has not happened yet/);
    assert.match(missing.stderr, /record: expects KPI VALUE \(got "certifications-partner"\)/);
    const kpis = JSON.parse((await runCli(["kpis", "--json"], { cwd })).stdout) as Array<{
      id: string;
      value: unknown;
    }>;
    assert.equal(kpis.find((row) => row.id === "certifications-partner")?.value, null, "nothing was recorded");
  });
});
