import assert from "node:assert/strict";
import { test } from "node:test";
import { isBotUsername } from "../../src/gitlab/bots.js";

test("GitLab's bot naming patterns are bots", () => {
  for (const name of [
    "gitlab-bot",
    "renovate_bot",
    "project_278964_bot_1a2b3c",
    "project_12_bot",
    "ghost",
    "Dependency-Bot",
  ]) {
    assert.ok(isBotUsername(name, []), name);
  }
});

test("people are not bots, even with bot-like fragments inside their names", () => {
  for (const name of ["robot", "bottle", "botanist", "abbot", "ghostwriter", "project_lead", "jane"]) {
    assert.ok(!isBotUsername(name, []), name);
  }
});

test("configured extra usernames are bots, case-insensitively", () => {
  assert.ok(isBotUsername("Kodiak", ["kodiak"]));
  assert.ok(!isBotUsername("kodiak", []));
});
