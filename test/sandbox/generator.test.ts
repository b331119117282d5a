import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { HOSTILE_ISSUE_TITLE } from "../../src/sandbox/generate-engagement.js";
import { DEFAULT_EPICS, generateWorld, summarizeWorld } from "../../src/sandbox/generator.js";
import { isBotUsername } from "../../src/sandbox/truth.js";
import { projectIsInGroup } from "../../src/sandbox/world.js";

const NOW = new Date("2026-11-18T10:30:00.000Z");
const LABEL = "Community contribution";
const GROUPS = ["gitlab-org", "gitlab-com"];
const world = generateWorld({ seed: 2026, now: NOW });
const summary = summarizeWorld(world, { groups: GROUPS, communityLabel: LABEL, timezone: "UTC" });
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("generateWorld", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const again = generateWorld({ seed: 2026, now: NOW });
    assert.equal(JSON.stringify(again.mergeRequests), JSON.stringify(world.mergeRequests));
    assert.equal(JSON.stringify(again.issues), JSON.stringify(world.issues));
    assert.equal(JSON.stringify(again.epics), JSON.stringify(world.epics));
    const other = generateWorld({ seed: 2027, now: NOW });
    assert.notEqual(JSON.stringify(other.mergeRequests.slice(0, 50)), JSON.stringify(world.mergeRequests.slice(0, 50)));
  });

  it("covers 24 months up to now, the current month partial", () => {
    assert.equal(summary.length, 24);
    assert.equal(summary[0]?.month, "2024-12");
    assert.equal(summary.at(-1)?.month, "2026-11");
    const mergedTimes = world.mergeRequests.flatMap((mr) => (mr.merged_at ? [Date.parse(mr.merged_at)] : []));
    assert.ok(Math.max(...mergedTimes) <= NOW.getTime());
    for (const mr of world.mergeRequests) {
      assert.ok(Date.parse(mr.updated_at) <= NOW.getTime(), `updated_at after now: ${mr.updated_at}`);
      assert.ok(Date.parse(mr.created_at) <= Date.parse(mr.updated_at));
    }
    // 18 of 30 days have passed: the current month holds roughly that share of a usual month's MRs.
    const full = summary.slice(0, -1).map((m) => m.mergedMrs);
    const median = [...full].sort((a, b) => a - b)[Math.floor(full.length / 2)] ?? 0;
    const current = summary.at(-1)?.mergedMrs ?? 0;
    assert.ok(current > median * 0.4 && current < median * 0.75, `partial month: ${current} MRs vs median ${median}`);
  });

  it("keeps ordinary months within 150–400 contributors and 250–700 MRs, with a hackathon and December dips", () => {
    const hackathon = world.meta.hackathonMonth;
    assert.ok(hackathon, "a hackathon month is recorded");
    const complete = summary.slice(0, -1);
    const ordinary = complete.filter((m) => m.month !== hackathon && !m.month.endsWith("-12"));
    assert.ok(ordinary.length >= 20);
    for (const m of ordinary) {
      assert.ok(m.contributors >= 150 && m.contributors <= 400, `${m.month}: ${m.contributors} contributors`);
      assert.ok(m.mergedMrs >= 250 && m.mergedMrs <= 700, `${m.month}: ${m.mergedMrs} MRs`);
    }
    const median = [...ordinary.map((m) => m.contributors)].sort((a, b) => a - b)[Math.floor(ordinary.length / 2)] ?? 0;
    const hack = complete.find((m) => m.month === hackathon);
    assert.ok(hack && hack.contributors > median * 1.5, "hackathon month is ~1.8x");
    for (const december of complete.filter((m) => m.month.endsWith("-12"))) {
      assert.ok(december.contributors < median * 0.85, `${december.month} dips`);
    }
  });

  it("has repeat contributors with a heavy tail and first-timers every month", () => {
    const perAuthor = new Map<number, number>();
    for (const mr of world.mergeRequests) {
      if (mr.state === "merged" && mr.labels.includes(LABEL) && !isBotUsername(mr.author.username)) {
        perAuthor.set(mr.author.id, (perAuthor.get(mr.author.id) ?? 0) + 1);
      }
    }
    const counts = [...perAuthor.values()].sort((a, b) => b - a);
    assert.ok((counts[0] ?? 0) >= 40, `top contributor has ${counts[0]} MRs`);
    assert.ok(counts.filter((c) => c === 1).length > counts.length / 4, "many people with a single MR");
    for (const m of summary.slice(1)) assert.ok(m.firstTime > 30, `${m.month} has first-timers`);
    const firstLabelled = world.mergeRequests.filter((mr) => mr.labels.includes("1st contribution"));
    assert.ok(firstLabelled.length > 100);
  });

  it("includes the noise a sync must filter: bots, employees, unmerged, unconfigured group, late labels", () => {
    const mrs = world.mergeRequests;
    const botMrs = mrs.filter((mr) => world.meta.botUserIds.has(mr.author.id));
    assert.ok(botMrs.some((mr) => mr.state === "merged" && mr.labels.includes(LABEL)));
    const botNames = new Set(botMrs.map((mr) => mr.author.username));
    for (const name of ["gitlab-bot", "renovate_bot", "ghost"]) assert.ok(botNames.has(name), name);
    assert.ok([...botNames].some((n) => /^project_\d+_bot/.test(n)));
    for (const name of botNames) assert.equal(isBotUsername(name), true);

    assert.ok(mrs.filter((mr) => mr.state === "merged" && !mr.labels.includes(LABEL)).length > 1000);
    assert.ok(mrs.some((mr) => mr.state === "closed" && mr.closed_at !== null && mr.merged_at === null));
    assert.ok(mrs.some((mr) => mr.state === "opened" && mr.merged_at === null));
    const outside = mrs.filter((mr) => !GROUPS.some((g) => projectIsInGroup(world, mr.project_id, g)));
    assert.ok(outside.some((mr) => mr.state === "merged" && mr.labels.includes(LABEL)));
    const late = mrs.filter(
      (mr) =>
        mr.merged_at !== null &&
        mr.labels.includes(LABEL) &&
        Date.parse(mr.updated_at) - Date.parse(mr.merged_at) > 24 * 3_600_000,
    );
    assert.ok(late.length > 100, `${late.length} MRs updated more than a day after merge`);
    const triage = world.projects.find((p) => p.path_with_namespace === "gitlab-org/quality/triage-ops");
    assert.ok(triage && mrs.some((mr) => mr.project_id === triage.id && mr.labels.includes(LABEL)));
  });

  it("has would-be contributors every month: people whose only community MR never merged, closed or left stalled", () => {
    const byAuthor = new Map<number, typeof world.mergeRequests>();
    for (const mr of world.mergeRequests) {
      if (mr.labels.includes(LABEL)) byAuthor.set(mr.author.id, [...(byAuthor.get(mr.author.id) ?? []), mr]);
    }
    const wouldBe = [...byAuthor.values()].filter((own) => own.length === 1 && own[0]?.state !== "merged").flat();
    const month = (iso: string) => iso.slice(0, 7);
    // the first month's first-timers are everyone the window starts with
    for (const m of summary.slice(1)) {
      const opened = wouldBe.filter((mr) => month(mr.created_at) === m.month).length;
      assert.ok(
        opened > m.firstTime * 0.15,
        `${m.month}: ${opened} would-be contributors, ${m.firstTime} first-timers`,
      );
    }
    const dayMs = 86_400_000;
    const stalledOld = wouldBe.filter(
      (mr) => mr.state === "opened" && NOW.getTime() - Date.parse(mr.updated_at) > 180 * dayMs,
    );
    assert.ok(stalledOld.length > 20, `${stalledOld.length} MRs open and untouched for half a year`);
    assert.ok(wouldBe.filter((mr) => mr.state === "closed").length > wouldBe.length / 2, "most are closed");
  });

  it("shapes merges by weekday: weekends are quieter than mid-week", () => {
    const byDay = new Array<number>(7).fill(0);
    for (const mr of world.mergeRequests) {
      if (!mr.merged_at) continue;
      const day = new Date(mr.merged_at).getUTCDay();
      byDay[day] = (byDay[day] ?? 0) + 1;
    }
    const [sun = 0, , , wed = 0, , , sat = 0] = byDay;
    assert.ok(wed > 2.5 * sun && wed > 2.5 * sat, `by weekday ${byDay.join(",")}`);
  });

  it("writes GitLab's timestamps (ms, Z) and JSON shapes", () => {
    const reference = JSON.parse(
      readFileSync(new URL("../data/sandbox/example-group-merge-requests.json", import.meta.url), "utf8"),
    )[0] as Record<string, unknown>;
    const mr = world.mergeRequests.find((m) => m.state === "merged") as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(mr)) {
      assert.ok(key in reference, `GitLab MRs have ${key}`);
      if (reference[key] !== null && value !== null) assert.equal(typeof value, typeof reference[key], key);
    }
    for (const m of world.mergeRequests.slice(0, 500)) {
      assert.match(m.created_at, ISO_MS);
      assert.match(m.updated_at, ISO_MS);
      if (m.merged_at) assert.match(m.merged_at, ISO_MS);
    }
  });

  it("creates the engagement issues, labelled epics and the configured epics", () => {
    const engagement = world.issues.filter(
      (i) => i.labels.includes("User engagement") && projectIsInGroup(world, i.project_id, "gitlab-com"),
    );
    const week = 7 * 24 * 3_600_000;
    assert.ok(engagement.filter((i) => Date.parse(i.created_at) > NOW.getTime() - week).length >= 2);
    assert.ok(engagement.some((i) => Date.parse(i.created_at) < NOW.getTime() - week));
    assert.ok(engagement.some((i) => i.state === "closed"));
    assert.ok(engagement.some((i) => i.title === HOSTILE_ISSUE_TITLE && i.title.includes("<!channel> & <b>")));
    assert.ok(world.epics.some((e) => e.labels.includes("User engagement")));

    for (const ref of DEFAULT_EPICS) {
      assert.ok(
        world.epics.some((e) => e.references.full === ref),
        `${ref} exists`,
      );
    }
    const [first, second] = DEFAULT_EPICS.map((ref) => world.epics.find((e) => e.references.full === ref));
    assert.ok(first && second);
    const firstIssues = (world.epicIssues.get(first.id) ?? []).map((id) => world.issues.find((i) => i.id === id));
    assert.ok(firstIssues.some((i) => i?.state === "closed"));
    assert.ok(firstIssues.some((i) => i?.state === "opened"));
    assert.ok(firstIssues.every((i) => typeof i?.weight === "number"));
    const children = world.epics.filter((e) => e.parent_id === first.id);
    assert.equal(children.length, 2);
    assert.ok(
      children.some((c) => (world.epicIssues.get(c.id) ?? []).length === 0),
      "one epic has zero issues",
    );
    assert.ok(children.some((c) => (world.epicIssues.get(c.id) ?? []).length > 0));
    assert.equal(world.forbiddenEpicIds.size, 0);
    assert.equal(world.epicsRequireToken, false);
  });

  it("forbids the epic named by forbidEpic and honours custom groups and labels", () => {
    const third = DEFAULT_EPICS[2] ?? "";
    const custom = generateWorld({
      seed: 5,
      now: NOW,
      months: 3,
      groups: ["acme"],
      communityLabel: "Wider community",
      forbidEpic: third,
    });
    const forbidden = custom.epics.filter((e) => custom.forbiddenEpicIds.has(e.id));
    assert.deepEqual(
      forbidden.map((e) => e.references.full),
      [third],
    );
    const counted = summarizeWorld(custom, { groups: ["acme"], communityLabel: "Wider community", timezone: "UTC" });
    assert.equal(counted.length, 3);
    assert.ok((counted[0]?.contributors ?? 0) > 100);
    assert.equal(summarizeWorld(custom, { groups: ["acme"], communityLabel: LABEL, timezone: "UTC" }).length, 0);
  });
});
