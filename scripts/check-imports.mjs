#!/usr/bin/env node
/**
 * The one-way rule, checked: the core (numbers, the Report, chart specs, Block Kit and terminal rendering) does no
 * I/O and imports no adapter; adapters (gitlab/, store/, slack/ outside blocks/, schedule/, service/, cli/, render/
 * which draws chart specs, config.ts, log.ts) import the core. Run by .ci/run right after tsc;
 * test/scripts/check-imports.test.ts proves it fails on a violation.
 *
 * Usage: node scripts/check-imports.mjs [SRC_DIR]   (default: this repo's src/). Exit 0 clean, 1 violations, 2 usage.
 * Imports are read with TypeScript's own pre-processor (already a dev dependency), so comments, strings, `import type`,
 * `export … from` and `import()` are all seen the way tsc sees them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Folders of src/ that make up the core. */
const CORE = ["model", "metrics", "chart", "slack/blocks", "text", "wording"];
/** The vocabulary: model/ imports nothing but model/. */
const LEAF = ["model"];
/** Packages the core may import: pure, no I/O. Add one here only if it does no I/O. */
const PURE_PACKAGES = ["@slack/types"];

const under = (path, folders) => folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
const packageName = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

function sourceFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(?:m|c)?tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
    });
}

/** Why `spec`, imported by core file `from` (a path relative to src/, with `/`), breaks the rule; null when it does not. */
function violation(srcDir, from, spec) {
  const folders = under(from, LEAF) ? LEAF : CORE;
  if (spec.startsWith(".")) {
    const target = relative(srcDir, resolve(srcDir, dirname(from), spec))
      .split(sep)
      .join("/");
    if (under(target, folders)) return null;
    return `reaches ${target.startsWith("..") ? "outside src/" : `src/${target}`}: ${
      folders === LEAF ? "src/model/ imports only src/model/" : "the core imports only core folders"
    }`;
  }
  if (folders === LEAF) return "is a package: src/model/ is plain data and imports nothing";
  if (PURE_PACKAGES.includes(packageName(spec))) return null;
  return `is a package or Node module: the core does no I/O (pure packages it may use: ${PURE_PACKAGES.join(", ")})`;
}

export function checkImports(srcDir) {
  const problems = [];
  let checked = 0;
  for (const file of sourceFiles(srcDir)) {
    const from = relative(srcDir, file).split(sep).join("/");
    if (!under(from, CORE)) continue;
    checked += 1;
    const text = readFileSync(file, "utf8");
    for (const { fileName: spec, pos } of ts.preProcessFile(text, true, true).importedFiles) {
      const why = violation(srcDir, from, spec);
      if (why === null) continue;
      const line = text.slice(0, pos).split("\n").length;
      problems.push(`src/${from}:${line} imports "${spec}", which ${why}`);
    }
  }
  return { checked, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = resolve(process.argv[2] ?? fileURLToPath(new URL("../src", import.meta.url)));
  if (process.argv.length > 3 || !existsSync(srcDir) || !statSync(srcDir).isDirectory()) {
    console.error(`usage: node scripts/check-imports.mjs [SRC_DIR] (${srcDir} is not a directory)`);
    process.exit(2);
  }
  const { checked, problems } = checkImports(srcDir);
  if (problems.length > 0) {
    console.error(`check-imports: ${problems.length} import(s) break the one-way rule (adapters import the core):`);
    for (const problem of problems) console.error(`  ${problem}`);
    console.error("Move the I/O to an adapter and pass plain data (src/model/) into the core.");
    process.exit(1);
  }
  console.log(`check-imports: ${checked} core files, none imports an adapter or an I/O module`);
}
