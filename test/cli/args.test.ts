import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCli, UsageError } from "../../src/cli/args.js";

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
  });

  it("help and version", () => {
    for (const argv of [[], ["--help"], ["-h"], ["help"], ["status", "--help"]]) {
      assert.deepEqual(parseCli(argv), { kind: "help" }, argv.join(" "));
    }
    assert.deepEqual(parseCli(["--version"]), { kind: "version" });
  });

  it("rejects unknown verbs, unknown flags, missing values and stray words", () => {
    assert.throws(
      () => parseCli(["stats"]),
      (e: unknown) => e instanceof UsageError && /unknown command "stats"/.test(e.message),
    );
    assert.throws(() => parseCli(["status", "--jsno"]), UsageError);
    assert.throws(() => parseCli(["status", "--month"]), UsageError);
    assert.throws(() => parseCli(["sync", "now"]), UsageError);
    assert.throws(() => parseCli(["start", "--post"]), UsageError);
  });
});
