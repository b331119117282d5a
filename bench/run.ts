/**
 * `npm run bench`: every benchmark, each in its own process (so peak RSS is that benchmark's), one line per
 * figure — `name: value unit (target …)` — and a closing summary of the targets met. Loopback only; no network.
 * The benchmarks run as compiled JavaScript (tsc into .bench-build/), as the bot itself runs in production:
 * the tsx loader would add its own memory to every RSS figure.
 * Figures, not assertions: these machines are noisy, so nothing here fails the build.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Bench {
  file: string;
  exportName: string;
  title: string;
}

const BENCHES: Bench[] = [
  {
    file: "build-report.bench.js",
    exportName: "benchBuildReport",
    title: "metrics: the in-memory reference Report (test oracle; issue 4 targets: store -> Report)",
  },
  { file: "report-from-store.bench.js", exportName: "benchReportFromStore", title: "store -> Report (issue 4)" },
  { file: "sync.bench.js", exportName: "benchSync", title: "GitLab sync (issue 3)" },
  { file: "epic-source.bench.js", exportName: "benchEpicSource", title: "configured epics by EPIC_SOURCE (issue 15)" },
  { file: "slack.bench.js", exportName: "benchSlack", title: "/engagement status latency (issue 5)" },
];

const root = fileURLToPath(new URL("..", import.meta.url));
const build = `${root}.bench-build/`;

/**
 * Compiles src/, bench/ and test/support/ into .bench-build/, with the package-root files the code reads beside
 * it: package.json (src/version.ts) and workstreams.yml (the default WORKSTREAMS_FILE, src/workstreams-file.ts).
 */
function compile(): void {
  const tsc = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.bench.json`],
    {
      stdio: "inherit",
    },
  );
  if (tsc.status !== 0) throw new Error("bench: the TypeScript build failed");
  for (const file of ["package.json", "workstreams.yml"]) copyFileSync(`${root}${file}`, `${build}${file}`);
}

function runOne(bench: Bench): Promise<{ lines: string[]; code: number }> {
  const script = `const m = await import(${JSON.stringify(`./${bench.file}`)}); await m.${bench.exportName}((line) => console.log(line));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: `${build}bench`,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    const lines: string[] = [];
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        console.log(line);
        newline = buffer.indexOf("\n");
      }
    });
    child.on("close", (code) => {
      if (buffer) {
        lines.push(buffer);
        console.log(buffer);
      }
      resolve({ lines, code: code ?? 1 });
    });
  });
}

/** `… 12.3 ms (target < 50 ms)` / `(target ≤ 1.5)`: did the figure meet its target? null when the line has none. */
export function targetMet(line: string): boolean | null {
  const match = /:\s*([\d.]+)\s*[^(]*\(target\s*(<|≤|<=|>|≥|>=)\s*([\d.]+)/.exec(line);
  if (!match) return null;
  const value = Number(match[1]);
  const limit = Number(match[3]);
  switch (match[2]) {
    case "<":
      return value < limit;
    case "≤":
    case "<=":
      return value <= limit;
    case ">":
      return value > limit;
    default:
      return value >= limit;
  }
}

const started = Date.now();
compile();
let met = 0;
let missed = 0;
const failedBenches: string[] = [];
for (const bench of BENCHES) {
  console.log(`\n# ${bench.title}`);
  const { lines, code } = await runOne(bench);
  if (code !== 0) failedBenches.push(bench.file);
  for (const line of lines) {
    const verdict = targetMet(line);
    if (verdict === true) met += 1;
    if (verdict === false) {
      missed += 1;
      console.log(`  ^ target missed`);
    }
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\nsummary: ${met} of ${met + missed} targets met, ${BENCHES.length - failedBenches.length} of ${BENCHES.length} benchmarks ran` +
    `${failedBenches.length ? ` (failed: ${failedBenches.join(", ")})` : ""}, ${seconds} s`,
);
process.exitCode = failedBenches.length ? 1 : 0;
