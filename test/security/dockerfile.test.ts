/**
 * The container (issue 7 item 4): there is no Docker engine here, so the Dockerfile itself is checked: the final
 * stage runs as a non-root user, on Node 24, with a HEALTHCHECK on /healthz and the database on a VOLUME.
 * And `docker run --env-file .env` with a .env copied from .env.example (issue 11 item 7): the configuration the
 * bot reads from Docker's reading of the file, and where that puts the database in the image's file system.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile -> instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

/** The instructions of the last build stage (the image that runs). */
function finalStage(instructions: Instruction[]): Instruction[] {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf("FROM");
  assert.ok(lastFrom >= 0, "a FROM instruction");
  return instructions.slice(lastFrom);
}

const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");
const stage = finalStage(parseDockerfile(dockerfile));
const all = (keyword: string) => stage.filter((i) => i.keyword === keyword);

describe("Dockerfile (final stage)", () => {
  it("the parser sees stages and users (so the checks below can fail)", () => {
    const parsed = finalStage(parseDockerfile("FROM a AS b\nUSER root\nFROM node:24-slim\nUSER 0\n"));
    assert.equal(parsed[0]?.args, "node:24-slim");
    assert.equal(parsed.at(-1)?.args, "0");
  });

  it("is based on Node 24", () => {
    assert.match(stage[0]?.args ?? "", /^node:24(\b|[-.])/);
  });

  it("runs as a non-root user: the last USER is neither root nor uid 0", () => {
    const user = all("USER").at(-1)?.args;
    assert.ok(user, "a USER instruction in the final stage");
    const [name = "", group = ""] = user.split(":");
    assert.ok(!["root", "0"].includes(name), `USER ${user}`);
    assert.ok(!["root", "0"].includes(group), `USER ${user}`);
    const lastUser = stage.map((i) => i.keyword).lastIndexOf("USER");
    const entrypoint = stage.findIndex((i) => i.keyword === "ENTRYPOINT" || i.keyword === "CMD");
    assert.ok(entrypoint === -1 || lastUser < entrypoint, "USER comes before the command");
  });

  it("checks its health on /healthz", () => {
    const health = all("HEALTHCHECK");
    assert.equal(health.length, 1);
    assert.match(health[0]?.args ?? "", /\bCMD\b.*\/healthz/);
  });

  it("keeps the database on a volume, where DATABASE_PATH points", () => {
    const volumes = all("VOLUME").map((v) => v.args);
    assert.ok(volumes.length > 0, "a VOLUME");
    const env = all("ENV")
      .map((e) => e.args)
      .join(" ");
    const dbPath = /DATABASE_PATH=(\S+)/.exec(env)?.[1];
    assert.ok(dbPath, "DATABASE_PATH is set in the image");
    const volumeDirs = volumes.flatMap((v) => [...v.matchAll(/"?(\/[^"\s,\]]+)"?/g)].map((m) => m[1] ?? ""));
    assert.ok(
      volumeDirs.some((dir) => dbPath.startsWith(`${dir}/`)),
      `${dbPath} lies on a volume (${volumeDirs.join(", ")})`,
    );
  });

  it("starts the compiled bot", () => {
    const entry = `${all("ENTRYPOINT").at(-1)?.args ?? ""} ${all("CMD").at(-1)?.args ?? ""}`;
    assert.match(entry, /dist\/main\.js/);
    assert.match(entry, /start/);
  });
});

/**
 * A file as `docker run --env-file` reads it (docker/cli, opts/parse.go): leading whitespace trimmed, empty lines
 * and lines starting with # skipped, KEY=VALUE split at the first =, VALUE verbatim: quotes stay, a # mid-line is
 * text. A KEY without = passes the host's value on (there is none here).
 */
function dockerEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (line === "" || line.startsWith("#")) continue;
    const equals = line.indexOf("=");
    if (equals > 0) env[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return env;
}

/** The final stage's ENV, as KEY=VALUE words (the form this Dockerfile uses). */
const imageEnv = (): Record<string, string> =>
  Object.fromEntries(
    all("ENV")
      .flatMap((e) => e.args.split(/\s+/))
      .map((word) => word.split("=", 2) as [string, string])
      .filter(([, value]) => value !== undefined),
  );

/** Where a path ends up in the image: relative to the last WORKDIR, through the links its RUN lines make. */
function inImage(path: string): string {
  const workdir = all("WORKDIR").at(-1)?.args ?? "/";
  let resolved = posix.resolve(workdir, path);
  for (const run of all("RUN")) {
    for (const link of run.args.matchAll(/\bln -s(?:f|n|fn|nf)? (\S+) (\S+)/g)) {
      const [target = "", name = ""] = [link[1], posix.resolve(workdir, link[2] ?? "")];
      if (resolved.startsWith(`${name}/`)) resolved = posix.join(target, resolved.slice(name.length + 1));
    }
  }
  return resolved;
}

/** Directories the node user owns (chown node:node in a RUN line of the final stage). */
const nodeOwned = (): string[] =>
  all("RUN").flatMap((run) =>
    [...run.args.matchAll(/\bchown (?:-R )?node(?::node)? ((?:\/\S+ ?)+)/g)].flatMap((m) =>
      (m[1] ?? "").trim().split(" "),
    ),
  );

const volumes = (): string[] =>
  all("VOLUME").flatMap((v) => [...v.args.matchAll(/"?(\/[^"\s,\]]+)"?/g)].map((m) => m[1] ?? ""));

const exampleText = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
const exampleFile = new URL("../../.env.example", import.meta.url).pathname;

describe("docker run --env-file .env, with .env copied from .env.example", () => {
  it("the Docker reader keeps what dotenv drops (so the checks below read the file as Docker does)", () => {
    assert.deepEqual(dockerEnvFile('# c\n  A="#x"\nB=#y # z\nC=\nD\n'), { A: '"#x"', B: "#y # z", C: "" });
  });

  it("means to the bot what it means to dotenv: every key, DIGEST_CHANNEL's quotes included", () => {
    const fromDotenv = loadConfig({ env: {}, envFile: exampleFile });
    assert.deepEqual(fromDotenv.warnings, [], ".env.example reads cleanly with dotenv");
    const fromDocker = loadConfig({ env: dockerEnvFile(exampleText), envFile: false });
    assert.deepEqual(fromDocker.config, fromDotenv.config);
    assert.equal(fromDocker.config.digestChannel, "#wg_user-engagement");
  });

  it("puts the database on the volume, in a directory the node user owns, whatever the file says of DATABASE_PATH", () => {
    const variants: Array<[string, string]> = [
      ["as .env.example ships it", exampleText],
      ["DATABASE_PATH= (empty)", `${exampleText}\nDATABASE_PATH=\n`],
      ["DATABASE_PATH uncommented", exampleText.replace(/^# (DATABASE_PATH=.*)$/m, "$1")],
    ];
    for (const [name, text] of variants) {
      // an --env-file value wins over the image's ENV
      const env = { ...imageEnv(), ...dockerEnvFile(text) };
      const { config } = loadConfig({ env, envFile: false });
      const directory = posix.dirname(inImage(config.databasePath));
      assert.ok(
        volumes().some((volume) => directory === volume || directory.startsWith(`${volume}/`)),
        `${name}: ${config.databasePath} is ${directory} in the image, not on a volume (${volumes().join(", ")})`,
      );
      assert.ok(
        nodeOwned().some((owned) => directory === owned || directory.startsWith(`${owned}/`)),
        `${name}: the node user cannot write ${directory} (it owns ${nodeOwned().join(", ")})`,
      );
    }
    assert.notEqual(variants[2]?.[1], exampleText, "the example names DATABASE_PATH (commented out)");
  });
});
