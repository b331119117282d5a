import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCli, UsageError, VERBS } from "../../src/cli/args.js";

describe("command line arguments", () => {
  it("reads every verb and its flags", () => {
    assert.deepEqual(parseCli(["start"]), { kind: "run", verb: "start" });
    assert.deepEqual(parseCli(["sync", "--reconcile"]), { kind: "run", verb: "sync", reconcile: true });
    assert.deepEqual(parseCli(["status"]), { kind: "run", verb: "status", month: undefined, json: false, sync: true });
    assert.deepEqual(parseCli(["status", "--month", "2026-09", "--json", "--no-sync"]), {
      kind: "run",
      verb: "status",
      month: "2026-09",
      json: true,
      sync: false,
    });
    assert.equal((parseCli(["status", "--month=2025-12"]) as { month?: string }).month, "2025-12");
    assert.deepEqual(parseCli(["digest", "--post"]), { kind: "run", verb: "digest", post: true, json: false });
    assert.deepEqual(parseCli(["check-pace"]), { kind: "run", verb: "check-pace" });
    assert.deepEqual(parseCli(["demo"]), { kind: "run", verb: "demo" });
    assert.deepEqual(parseCli(["chart", "--month", "2026-09", "--out", "trend.png"]), {
      kind: "run",
      verb: "chart",
      month: "2026-09",
      out: "trend.png",
    });
  });

  it("chart needs --out", () => {
    assert.throws(
      () => parseCli(["chart", "--month", "2026-09"]),
      (error: unknown) =>
        error instanceof UsageError && error.verb === "chart" && /--out FILE\.png is required/.test(error.message),
    );
  });

  it("help and version", () => {
    for (const argv of [[], ["--help"], ["-h"], ["help"]]) {
      assert.deepEqual(parseCli(argv), { kind: "help" }, argv.join(" "));
    }
    for (const verb of VERBS) {
      for (const argv of [
        [verb, "--help"],
        [verb, "-h"],
        ["help", verb],
      ]) {
        assert.deepEqual(parseCli(argv), { kind: "help", verb }, argv.join(" "));
      }
    }
    assert.deepEqual(parseCli(["status", "--bogus", "--help"]), { kind: "help", verb: "status" }, "help wins");
    assert.deepEqual(parseCli(["--version"]), { kind: "version" });
  });

  it("rejects unknown verbs, unknown flags, missing values and stray words", () => {
    assert.throws(
      () => parseCli(["stats"]),
      (e: unknown) => e instanceof UsageError && /unknown command "stats"/.test(e.message),
    );
    assert.throws(() => parseCli(["status", "--jsno"]), UsageError);
    assert.throws(() => parseCli(["status", "--month"]), UsageError);
    assert.throws(
      () => parseCli(["copy-store", "--force"]),
      (e: unknown) => e instanceof UsageError && /--to postgres:.* is required/.test(e.message),
    );
    assert.deepEqual(parseCli(["copy-store", "--to", "postgres://h/db", "--force"]), {
      kind: "run",
      verb: "copy-store",
      to: "postgres://h/db",
      force: true,
    });
    assert.throws(() => parseCli(["sync", "now"]), UsageError);
    assert.throws(() => parseCli(["start", "--post"]), UsageError);
    assert.throws(() => parseCli(["help", "stats"]), /unknown command "stats"/);
    assert.throws(() => parseCli(["help", "status", "digest"]), UsageError);
  });

  it("a usage error knows its command (its usage is shown with it), except for an unknown command", () => {
    const verbOf = (argv: string[]) => {
      try {
        parseCli(argv);
      } catch (error) {
        assert.ok(error instanceof UsageError);
        return error.verb;
      }
      assert.fail(`no UsageError for ${argv.join(" ")}`);
    };
    assert.equal(verbOf(["status", "--jsno"]), "status");
    assert.equal(verbOf(["sync", "now"]), "sync");
    assert.equal(verbOf(["stats"]), undefined);
  });
});
