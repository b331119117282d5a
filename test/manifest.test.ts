import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { SLASH_COMMAND, SUBCOMMAND_NAMES, usageHint } from "../src/model/subcommands.js";

const manifest = parse(readFileSync(new URL("../manifest.yml", import.meta.url), "utf8"));
const schema = JSON.parse(readFileSync(new URL("./data/slack/manifest.schema.1.0.0.json", import.meta.url), "utf8"));

describe("manifest.yml", () => {
  it("validates against Slack's app manifest schema v1", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  });

  it("declares what the app relies on", () => {
    const command = manifest.features.slash_commands.find((c: { command: string }) => c.command === "/engagement");
    assert.ok(command, "/engagement slash command");
    assert.ok(command.description.length > 0);
    assert.match(command.usage_hint, /status/);
    assert.ok(manifest.features.bot_user.display_name);
    assert.equal(manifest.features.app_home.home_tab_enabled, true);
    assert.deepEqual(manifest.settings.event_subscriptions.bot_events, ["app_home_opened"]);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    // least privilege: exactly what the bot calls
    assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [
      "channels:history",
      "channels:join",
      "channels:read",
      "chat:write",
      "commands",
      "files:write",
      "groups:history",
    ]);
    assert.equal(manifest.oauth_config.scopes.user, undefined);
  });

  it("shows the subcommands of src/model/subcommands.ts as its usage hint", () => {
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    assert.deepEqual(commands, [SLASH_COMMAND]);
    const [command] = manifest.features.slash_commands;
    assert.equal(command.usage_hint, usageHint());
    assert.deepEqual(
      command.usage_hint.split(" | ").map((part: string) => part.split(" ")[0]),
      [...SUBCOMMAND_NAMES],
    );
  });
});
