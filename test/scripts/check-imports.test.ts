import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../../scripts/check-imports.mjs", import.meta.url));
const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A throwaway src/ tree with the given files (path relative to src/ -> contents). */
function fixture(files: Record<string, string>): string {
  const src = join(mkdtempSync(join(tmpdir(), "check-imports-")), "src");
  roots.push(dirname(src));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), text);
  }
  return src;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("scripts/check-imports.mjs", () => {
  it("passes on this repo's src/", () => {
    const result = run();
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /none imports an adapter/);
  });

  it("fails on a core that imports adapters, config, Bolt or node:fs, naming each file and line", () => {
    const src = fixture({
      "metrics/bad.ts": [
        "// import { Store } from '../store/store.js'; (a comment is not an import)",
        'import type { Config } from "../config.js";',
        "import {",
        "  openStore,",
        '} from "../store/store.js";',
        'import { readFileSync } from "node:fs";',
        'export { syncAll } from "../gitlab/sync.js";',
        'const lazy = () => import("../log.js");',
        "",
      ].join("\n"),
      "slack/blocks/bad-blocks.ts":
        'import type { App } from "@slack/bolt";\nimport { x } from "../listeners/index.js";\n',
      "model/bad-record.ts": 'import type { Report } from "../metrics/report.js";\n',
      // adapters may import anything, the core included
      "store/store.ts": 'import type { Contribution } from "../model/records.js";\nimport pg from "pg";\n',
    });
    const result = run(src);
    assert.equal(result.status, 1);
    const lines = result.stderr.split("\n").filter((line) => line.startsWith("  src/"));
    assert.deepEqual(
      lines.map((line) => line.trim().split(" which ")[0]),
      [
        'src/metrics/bad.ts:2 imports "../config.js",',
        'src/metrics/bad.ts:5 imports "../store/store.js",',
        'src/metrics/bad.ts:6 imports "node:fs",',
        'src/metrics/bad.ts:7 imports "../gitlab/sync.js",',
        'src/metrics/bad.ts:8 imports "../log.js",',
        'src/model/bad-record.ts:1 imports "../metrics/report.js",',
        'src/slack/blocks/bad-blocks.ts:1 imports "@slack/bolt",',
        'src/slack/blocks/bad-blocks.ts:2 imports "../listeners/index.js",',
      ].sort(),
    );
    assert.match(result.stderr, /src\/model\/ imports only src\/model\//);
  });

  it("lets the core import the core and @slack/types", () => {
    const src = fixture({
      "model/report.ts": "export type PaceStatus = 'on_track';\n",
      "metrics/pace.ts": 'import type { PaceStatus } from "../model/report.js";\n',
      "slack/blocks/block-kit.ts":
        'import type * as types from "@slack/types";\nimport type { PaceStatus } from "../../model/report.js";\n',
    });
    const result = run(src);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /3 core files/);
  });

  it("exits 2 when the folder does not exist", () => {
    assert.equal(run(join(tmpdir(), "check-imports-no-such-dir", "src")).status, 2);
  });
});
