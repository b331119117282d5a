/**
 * docker-compose.yml (issue 16 item 2): PostgreSQL and two bot replicas sharing it. No Docker engine here, so the
 * file itself is checked: the replicas' store is the db service, their settings come from .env, and they start once
 * PostgreSQL answers.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { parse } from "yaml";

interface Service {
  image?: string;
  build?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(new URL("../docker-compose.yml", import.meta.url), "utf8")) as {
  services: Record<string, Service>;
};

it("docker-compose.yml: two bot replicas on the db service's PostgreSQL, settings from .env", () => {
  const { db, bot } = compose.services;
  assert.ok(db && bot, "services db and bot");
  assert.match(String(db.image), /^postgres:\d+/);
  assert.equal(bot.build, ".");
  assert.equal(bot.deploy?.replicas, 2);
  assert.equal(bot.env_file, ".env");
  assert.equal(bot.depends_on?.db?.condition, "service_healthy");
  const url = new URL(String(bot.environment?.DATABASE_URL).replace(/\$\{POSTGRES_PASSWORD\}/, "pw"));
  assert.equal(url.protocol, "postgres:");
  assert.equal(url.hostname, "db", "the replicas' store is the db service");
  assert.equal(url.username, db.environment?.POSTGRES_USER);
  assert.equal(url.pathname, `/${db.environment?.POSTGRES_DB}`);
  assert.match(String(db.environment?.POSTGRES_PASSWORD), /^\$\{POSTGRES_PASSWORD:\?/);
});
