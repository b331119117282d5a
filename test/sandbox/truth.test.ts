import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { funnelTruth, isBotUsername, monthIn, shiftMonth, summarizeWorld } from "../../src/sandbox/truth.js";
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

describe("funnelTruth (issue 18's definitions, in TIMEZONE months)", () => {
  // America/New_York: 2026-07-01T02:00Z is still 30 June there, 2026-05-31T23:30Z still 31 May
  const zone = "America/New_York";
  const world = emptyWorld();
  const gitlab = addProject(world, "gitlab-org/gitlab");
  const day = 86_400_000;
  const user = (username: string) => addUser(world, { username });
  const alice = user("alice");
  const bob = user("bob");
  const carol = user("carol");
  const dave = user("dave");
  const erin = user("erin");
  const frank = user("frank");
  const bot = user("gitlab-bot");
  const merged = (author: typeof alice, at: string, created?: string, labels = [LABEL]) =>
    addMergeRequest(world, {
      project_id: gitlab.id,
      author,
      state: "merged",
      created_at: created ?? new Date(Date.parse(at) - day).toISOString(),
      merged_at: at,
      labels,
    });
  for (const at of ["2026-01-10T12:00:00.000Z", "2026-02-10T12:00:00.000Z", "2026-03-10T12:00:00.000Z"]) {
    merged(alice, at);
  }
  merged(bob, "2026-03-15T12:00:00.000Z");
  merged(bob, "2026-05-01T12:00:00.000Z");
  merged(bob, "2026-06-05T12:00:00.000Z");
  merged(carol, "2026-03-20T12:00:00.000Z");
  merged(dave, "2026-07-01T02:00:00.000Z", "2026-05-31T23:30:00.000Z");
  merged(erin, "2026-06-07T12:00:00.000Z", undefined, ["backend"]);
  merged(bot, "2026-06-07T12:00:00.000Z");
  addMergeRequest(world, {
    project_id: gitlab.id,
    author: erin,
    state: "opened",
    created_at: "2026-06-02T12:00:00.000Z",
    updated_at: "2026-06-05T12:00:00.000Z",
    labels: [LABEL],
  });
  addMergeRequest(world, {
    project_id: gitlab.id,
    author: frank,
    state: "closed",
    created_at: "2026-06-10T12:00:00.000Z",
    closed_at: "2026-06-12T12:00:00.000Z",
    updated_at: "2026-06-12T12:00:00.000Z",
    labels: [LABEL],
  });
  const options = { groups: ["gitlab-org"], communityLabel: LABEL, timezone: zone };
  const months = (...rows: Array<[string, number, number, number]>) =>
    rows.map(([month, openers, firstTimeOpeners, firstTimeOpenersMerged]) => ({
      month,
      openers,
      firstTimeOpeners,
      firstTimeOpenersMerged,
    }));

  it("the current month, 'now' its instant: opened, merged and closed by then, in the zone's months", () => {
    const truth = funnelTruth(world, { ...options, month: "2026-06", nowMs: Date.parse("2026-07-01T03:00:00Z") });
    assert.deepEqual(truth, {
      month: "2026-06",
      contributors: { count: 2, firstTime: 1, returning: 1 },
      funnel: {
        months: months(
          ["2026-01", 1, 1, 1],
          ["2026-02", 1, 0, 0],
          ["2026-03", 3, 2, 2],
          ["2026-04", 1, 0, 0],
          ["2026-05", 1, 1, 1],
          ["2026-06", 3, 2, 0],
        ),
      },
      retention: { cohortMonth: "2026-03", cohort: 2, retained: 1, rate: 0.5 },
      drifting: { count: 1, top: [{ username: "alice", lastMergedAt: "2026-03-10T12:00:00.000Z", mergedCount: 3 }] },
      // erin's MR: 28 days 15 hours old, no update since 5 June
      openMrs: { count: 1, medianAgeDays: 28.6, stalled: 1 },
    });
  });

  it("a past month: 'now' is its end, and what came later has not happened", () => {
    const truth = funnelTruth(world, { ...options, month: "2026-05", nowMs: Date.parse("2026-07-01T03:00:00Z") });
    assert.deepEqual(truth.contributors, { count: 1, firstTime: 0, returning: 1 });
    // dave opened in May and merged only on 30 June
    assert.deepEqual(truth.funnel.months.at(-1), {
      month: "2026-05",
      openers: 1,
      firstTimeOpeners: 1,
      firstTimeOpenersMerged: 0,
    });
    assert.deepEqual(truth.funnel.months[0], {
      month: "2025-12",
      openers: 0,
      firstTimeOpeners: 0,
      firstTimeOpenersMerged: 0,
    });
    assert.deepEqual(truth.retention, { cohortMonth: "2026-02", cohort: 0, retained: 0, rate: null });
    assert.deepEqual(truth.drifting, { count: 0, top: [] });
    // at the end of May (04:00Z on 1 June) dave's MR was 4.5 hours old and open; its updates are after then
    assert.deepEqual(truth.openMrs, { count: 1, medianAgeDays: 0.2, stalled: 0 });
  });

  it("months in the zone: the instant's month and its neighbours", () => {
    assert.equal(monthIn(Date.parse("2026-07-01T02:00:00Z"), zone), "2026-06");
    assert.equal(monthIn(Date.parse("2026-07-01T02:00:00Z"), "UTC"), "2026-07");
    assert.equal(monthIn(Date.parse("2026-06-30T13:00:00Z"), "Pacific/Auckland"), "2026-07");
    assert.equal(shiftMonth("2026-01", -1), "2025-12");
    assert.equal(shiftMonth("2025-11", 14), "2027-01");
  });
});
