/**
 * The container (issue 7 item 4): there is no Docker engine here, so the Dockerfile itself is checked: the final
 * stage runs as a non-root user, on Node 24, with a HEALTHCHECK on /healthz and the database on a VOLUME.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

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
