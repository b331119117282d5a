import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isBotUsername, summarizeWorld } from "../../src/sandbox/truth.js";
import { addMergeRequest, addProject, addUser, emptyWorld } from "../../src/sandbox/world.js";

const LABEL = "Community contribution";

describe('isBotUsername (README, "What the numbers mean")', () => {
  it("recognises the bot patterns and the configured list", () => {
    for (const name of ["gitlab-bot", "renovate_bot", "project_278964_bot_abc", "ghost", "GitLab-Bot"]) {
      assert.equal(isBotUsername(name), true, name);
    }
    for (const name of ["robot", "bottle", "abbot", "ghostwriter", "project_x_botany", "alice"]) {
      assert.equal(isBotUsername(name), false, name);
    }
    assert.equal(isBotUsername("dependabot", ["Dependabot"]), true);
  });
});

describe("summarizeWorld", () => {
  it("counts merged, labelled, in-group, non-bot MRs per UTC month and their distinct authors", () => {
    const world = emptyWorld();
    const gitlab = addProject(world, "gitlab-org/gitlab");
    const triage = addProject(world, "gitlab-org/quality/triage-ops");
    const mirror = addProject(world, "gitlab-foss-mirror/gitlab-foss");
    const alice = addUser(world, { username: "alice" });
    const bob = addUser(world, { username: "bob" });
    const bot = addUser(world, { username: "gitlab-bot" });
    const extra = addUser(world, { username: "helper" });
    const merged = (project: number, author: typeof alice, at: string, labels = [LABEL]) =>
      addMergeRequest(world, { project_id: project, author, state: "merged", merged_at: at, labels });

    merged(gitlab.id, alice, "2026-01-31T23:59:59.999Z");
    merged(triage.id, alice, "2026-02-01T00:00:00.000Z");
    merged(gitlab.id, alice, "2026-02-10T00:00:00.000Z");
    merged(gitlab.id, bob, "2026-02-11T00:00:00.000Z", [LABEL, "1st contribution"]);
    merged(gitlab.id, bot, "2026-02-11T00:00:00.000Z");
    merged(gitlab.id, extra, "2026-02-12T00:00:00.000Z");
    merged(mirror.id, bob, "2026-02-12T00:00:00.000Z");
    merged(gitlab.id, bob, "2026-02-13T00:00:00.000Z", ["backend"]);
    addMergeRequest(world, { project_id: gitlab.id, author: bob, state: "opened", labels: [LABEL] });

    const summary = summarizeWorld(world, {
      groups: ["gitlab-org"],
      communityLabel: LABEL,
      botUsernames: ["helper"],
      timezone: "UTC",
    });
    assert.deepEqual(summary, [
      { month: "2026-01", mergedMrs: 1, contributors: 1, firstTime: 1 },
      { month: "2026-02", mergedMrs: 3, contributors: 2, firstTime: 1 },
    ]);
  });
});
