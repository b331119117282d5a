/**
 * Known data put straight into a Store (no GitLab): small, hand-countable fixtures whose numbers the Slack tests
 * assert, and a large deterministic store (24 months × 10,000 MRs) for the 3-second ack test and the benchmark.
 * Month boundaries are UTC, the default TIMEZONE.
 */

import type { EpicRecord, LabelledItem, MergedMr, UnmergedMr } from "../../src/model/records.js";
import { createRandom } from "../../src/sandbox/seeded-random.js";
import type { Store } from "../../src/store/store.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A mid-month instant: 51.3 % of November 2026 has passed, so the pace is not "too early to tell". */
export const KNOWN_NOW = new Date("2026-11-16T09:30:00Z");

export const INJECTION_TITLE = "<!channel> & <b>hi</b>";

/** The configured epics (the EPICS default of src/config.ts), as seedKnownStore stores them. */
export const KNOWN_EPIC_REFS = {
  progressing: "gitlab-com&1795",
  empty: "gitlab-com&1796",
  unavailable: "gitlab-com/customer-success/professional-services-group&1277",
} as const;

interface Person {
  id: number;
  username: string;
  name: string;
}

export const PEOPLE = {
  alice: { id: 101, username: "alice", name: "Alice Regular" },
  bob: { id: 102, username: "bob", name: "Bob Steady" },
  carol: { id: 103, username: "carol", name: "Carol First" },
  dave: { id: 104, username: "dave", name: "Dave October" },
  erin: { id: 105, username: "erin", name: "Erin October" },
} as const satisfies Record<string, Person>;

/** UTC start of the month containing `ms`, and of the month before it. */
function monthStarts(ms: number): { current: number; previous: number } {
  const d = new Date(ms);
  return {
    current: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    previous: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1),
  };
}

const COMMUNITY = ["Community contribution"];
const FIRST_CONTRIBUTION = ["Community contribution", "1st contribution"];

function mergedMr(id: number, person: Person, mergedAtMs: number, labels: string[] = COMMUNITY): MergedMr {
  return {
    id,
    projectId: 278964,
    projectPath: "gitlab-org/gitlab",
    iid: id,
    groupPath: "gitlab-org",
    authorId: person.id,
    authorUsername: person.username,
    authorName: person.name,
    mergedAtMs,
    labels,
    webUrl: `https://gitlab.com/gitlab-org/gitlab/-/merge_requests/${id}`,
    title: `Community fix ${id}`,
  };
}

/** Records a finished, successful sync run that started at `at` (the Report's "data as of"). */
export async function recordSuccessfulSync(store: Store, at: Date, fetched = 0): Promise<void> {
  const id = await store.startSyncRun(at);
  await store.finishSyncRun(id, { fetched, error: null }, new Date(at.getTime() + 1_000));
}

export interface KnownStore {
  /** YYYY-MM of `now` and of the month before */
  month: string;
  previousMonth: string;
  /** when the recorded sync ran */
  syncedAt: Date;
}

const monthKey = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/**
 * Hand-countable data, relative to `now` (which must be at least 3 days into its month):
 * - previous month: alice 3 MRs, dave 2, bob 1, erin 1 → 4 contributors, all first-time (history starts then);
 * - this month: alice 5, bob 2, carol 1 → 3 contributors, 1 first-time (carol);
 * - history starts at the previous month, so only one complete month exists and the pace curve is linear;
 * - epics: &1795 3 of 10 issues closed, &1796 no issues, &1277 unavailable ("403 Forbidden");
 * - labelled items in the last 7 days: 4 (one an epic, one titled INJECTION_TITLE), newest 1 day old;
 *   one more 17 days old (only in `issues 30`);
 * - one successful sync 5 minutes before `now`.
 */
export async function seedKnownStore(store: Store, options: { now: Date }): Promise<KnownStore> {
  const nowMs = options.now.getTime();
  const { current, previous } = monthStarts(nowMs);
  if (nowMs < current + 3 * DAY_MS) throw new RangeError("seedKnownStore: now must be at least 3 days into its month");
  const { alice, bob, carol, dave, erin } = PEOPLE;
  // merges an hour apart from the start of each month, so all of them lie before `now`
  const at = (monthStart: number, hour: number) => monthStart + hour * HOUR_MS;
  const previousMonth = [alice, alice, alice, dave, dave, bob, erin].map((p, i) =>
    mergedMr(1 + i, p, at(previous, i + 1)),
  );
  const thisMonth = [alice, alice, alice, alice, alice, bob, bob, carol].map((p, i) =>
    mergedMr(101 + i, p, at(current, i + 1)),
  );
  const syncedAt = new Date(nowMs - 5 * 60_000);
  const iso = (ms: number) => new Date(ms).toISOString();

  const epics: EpicRecord[] = [
    {
      ref: KNOWN_EPIC_REFS.progressing,
      title: "Technical content for brand awareness",
      state: "opened",
      startDate: "2026-01-01",
      dueDate: "2026-12-31",
      webUrl: "https://gitlab.com/groups/gitlab-com/-/epics/1795",
      closedIssues: 3,
      totalIssues: 10,
      closedWeight: 0,
      totalWeight: 0,
      available: true,
      unavailableReason: null,
      syncedAt: iso(syncedAt.getTime()),
    },
    {
      ref: KNOWN_EPIC_REFS.empty,
      title: "1,000 contributors a month",
      state: "opened",
      startDate: null,
      dueDate: null,
      webUrl: "https://gitlab.com/groups/gitlab-com/-/epics/1796",
      closedIssues: 0,
      totalIssues: 0,
      closedWeight: 0,
      totalWeight: 0,
      available: true,
      unavailableReason: null,
      syncedAt: iso(syncedAt.getTime()),
    },
    {
      ref: KNOWN_EPIC_REFS.unavailable,
      title: "",
      state: "opened",
      startDate: null,
      dueDate: null,
      webUrl: "https://gitlab.com/groups/gitlab-com/customer-success/professional-services-group/-/epics/1277",
      closedIssues: 0,
      totalIssues: 0,
      closedWeight: 0,
      totalWeight: 0,
      available: false,
      unavailableReason: "403 Forbidden",
      syncedAt: iso(syncedAt.getTime()),
    },
  ];

  const item = (
    kind: LabelledItem["kind"],
    id: number,
    ref: string,
    title: string,
    ageDays: number,
    author: string,
  ): LabelledItem => ({
    kind,
    id,
    ref,
    title,
    webUrl:
      kind === "epic"
        ? `https://gitlab.com/groups/${ref.replace("&", "/-/epics/")}`
        : `https://gitlab.com/${ref.replace("#", "/-/issues/")}`,
    author,
    createdAt: iso(nowMs - ageDays * DAY_MS),
    state: "opened",
  });
  const items: LabelledItem[] = [
    item("issue", 9101, "gitlab-com/www-gitlab-com#101", INJECTION_TITLE, 1, "mallory"),
    item("issue", 9102, "gitlab-com/marketing#7", "Plan the hackathon livestream", 2, "alice"),
    item("epic", 9103, "gitlab-com&55", "Contributor onboarding", 4, "bob"),
    item("issue", 9104, "gitlab-com/www-gitlab-com#99", "Update the contributor guide", 6, "erin"),
    item("issue", 9105, "gitlab-com/www-gitlab-com#90", "An older idea", 17, "dave"),
  ];

  await store.transaction(async () => {
    await store.upsertMergeRequests([...previousMonth, ...thisMonth]);
    await store.upsertEpics(epics);
    await store.upsertLabelledItems(items);
    await store.setHistoryStartMs(previous);
    await recordSuccessfulSync(store, syncedAt, previousMonth.length + thisMonth.length + items.length + epics.length);
  });
  return { month: monthKey(nowMs), previousMonth: monthKey(previous), syncedAt };
}

/** `count` labelled issues created in the last day before `now` (newest first by id), titled "Issue number N". */
export async function seedManyIssues(store: Store, options: { now: Date; count: number }): Promise<void> {
  const nowMs = options.now.getTime();
  const items: LabelledItem[] = Array.from({ length: options.count }, (_, i) => ({
    kind: "issue",
    id: 50_000 + i,
    ref: `gitlab-com/many#${i + 1}`,
    title: `Issue number ${i + 1}`,
    webUrl: `https://gitlab.com/gitlab-com/many/-/issues/${i + 1}`,
    author: "bulk",
    createdAt: new Date(nowMs - (i + 1) * 60_000).toISOString(),
    state: "opened",
  }));
  await store.upsertLabelledItems(items);
}

export interface LargeStoreOptions {
  now: Date;
  /** months including the current, partial one; default 24 */
  months?: number;
  /** merged MRs per month (the current month gets its share up to `now`); default 10,000 */
  perMonth?: number;
  /** distinct contributors per month; default 3,000 */
  contributors?: number;
  /** people drawn from; default 20,000 */
  authorPool?: number;
  seed?: number;
}

/**
 * Two years of GitLab-sized history in one transaction: `months` × `perMonth` merged community MRs (and a sixth as
 * many unmerged ones, for the funnel) from
 * `contributors` distinct authors a month (a core of regulars plus a long tail), a finished successful sync
 * a minute before `now`, and the history start. Returns how many merged MRs it stored.
 */
export async function seedLargeStore(store: Store, options: LargeStoreOptions): Promise<number> {
  const months = options.months ?? 24;
  const perMonth = options.perMonth ?? 10_000;
  const contributors = options.contributors ?? 3_000;
  const pool = options.authorPool ?? 20_000;
  if (contributors > pool || contributors > perMonth) {
    throw new RangeError("seedLargeStore: contributors must not exceed the author pool or the MRs per month");
  }
  const random = createRandom(options.seed ?? 20261116).next;
  const nowMs = options.now.getTime();
  const { current } = monthStarts(nowMs);
  const first = new Date(current);
  first.setUTCMonth(first.getUTCMonth() - (months - 1));
  const historyStartMs = first.getTime();
  const person = (id: number): Person => ({ id, username: `contributor-${id}`, name: `Contributor ${id}` });
  let stored = 0;
  let mrId = 10_000_000;

  await store.transaction(async () => {
    for (let m = 0; m < months; m++) {
      const start = new Date(historyStartMs);
      start.setUTCMonth(start.getUTCMonth() + m);
      const startMs = start.getTime();
      const end = new Date(startMs);
      end.setUTCMonth(end.getUTCMonth() + 1);
      const untilMs = Math.min(end.getTime(), nowMs);
      const active = new Set<number>();
      while (active.size < contributors) {
        active.add(random() < 0.25 ? 1 + Math.floor(random() * 1_000) : 1 + Math.floor(random() * pool));
      }
      const authors = [...active];
      const rows: MergedMr[] = new Array(perMonth);
      for (let i = 0; i < perMonth; i++) {
        // everyone merges once, then a skewed few merge a lot
        const authorId = (i < authors.length ? authors[i] : authors[Math.floor(random() ** 3 * authors.length)]) ?? 1;
        const mergedAtMs = Math.floor(startMs + random() * (untilMs - startMs));
        mrId += 1;
        const row = mergedMr(mrId, person(authorId), mergedAtMs, random() < 0.02 ? FIRST_CONTRIBUTION : COMMUNITY);
        // opened up to ten days before its merge (the funnel's openers)
        rows[i] = { ...row, createdAtMs: mergedAtMs - Math.floor(random() * 10 * DAY_MS) };
      }
      await store.upsertMergeRequests(rows);
      // and a sixth as many that did not merge: closed, or still open when recent
      const unmerged: UnmergedMr[] = [];
      for (let i = 0; i < perMonth / 6; i++) {
        const authorId = 1 + Math.floor(random() * pool);
        const createdAtMs = Math.floor(startMs + random() * (untilMs - startMs));
        const updatedAtMs = Math.min(nowMs, createdAtMs + Math.floor(random() * 30 * DAY_MS));
        const open = nowMs - createdAtMs < 60 * DAY_MS && random() < 0.5;
        mrId += 1;
        const { mergedAtMs: _merged, createdAtMs: _created, ...fields } = mergedMr(mrId, person(authorId), 0);
        unmerged.push({
          ...fields,
          state: open ? "opened" : "closed",
          createdAtMs,
          updatedAtMs,
          closedAtMs: open ? null : updatedAtMs,
        });
      }
      await store.upsertUnmergedMrs(unmerged);
      stored += rows.length;
    }
    await store.setHistoryStartMs(historyStartMs);
    await recordSuccessfulSync(store, new Date(nowMs - 60_000), stored);
  });
  return stored;
}

/** The people seedFunnelStore adds to the known store. */
/**
 * One page of a sync over a large store (seedLargeStore): `size` MRs merged in the month of `now`, by authors of
 * the pool and a few new ones, as an incremental sync writes them. `page` makes each call's MRs new.
 */
export async function writeSyncPage(store: Store, options: { now: Date; page: number; size?: number }): Promise<void> {
  const size = options.size ?? 100;
  const random = createRandom(options.page + 1).next;
  const nowMs = options.now.getTime();
  const { current } = monthStarts(nowMs);
  const rows: MergedMr[] = [];
  for (let i = 0; i < size; i++) {
    const id = 90_000_000 + options.page * size + i;
    const authorId = i % 10 === 0 ? 5_000_000 + options.page * size + i : 1 + Math.floor(random() * 20_000);
    const person: Person = { id: authorId, username: `contributor-${authorId}`, name: `Contributor ${authorId}` };
    const mergedAtMs = Math.floor(current + random() * (nowMs - current));
    rows.push({ ...mergedMr(id, person, mergedAtMs), createdAtMs: mergedAtMs - DAY_MS });
  }
  await store.upsertMergeRequests(rows);
}

export const FUNNEL_PEOPLE = {
  frank: { id: 106, username: "frank", name: "Frank Drifting" },
  gina: { id: 107, username: "gina", name: "Gina Drifting" },
  henry: { id: 108, username: "henry", name: "Henry Opener" },
  ivy: { id: 109, username: "ivy", name: "Ivy Waiting" },
  jack: { id: 110, username: "jack", name: "Jack Returner" },
  kim: { id: 111, username: "kim", name: "Kim Once" },
} as const satisfies Record<string, Person>;

/**
 * What the funnel needs on top of the known store (seedKnownStore with now 2026-11-16): hand-countable openers,
 * unmerged MRs, returners and drifters, the synced history starting in June 2026 (UTC months):
 * - frank merged 3 MRs (Jun 10, Jul 10, Aug 10), gina 4 (Jun 5, Jun 20, Jul 15, Aug 25), none since: both drifting,
 *   gina first (the later last merge);
 * - jack merged first on Aug 12 and again on Sep 20, kim only on Aug 14: the Aug cohort of retention is 2, 1 retained;
 * - each of those MRs was opened the day before its merge;
 * - henry opened an MR on Nov 10 (updated Nov 12, still open); ivy one on Oct 1 (updated Oct 20, open: stalled);
 *   carol one on Nov 2 that was closed on Nov 3 (her merged MR of the known store has no creation time);
 * so the funnel reads Jun 2/2/2, Jul 2/0/0, Aug 4/2/2, Sep 1/0/0, Oct 1/1/0, Nov 2/2/1 (openers / first-time /
 * merged), and 2 MRs are open now (median age 26 days, 1 stalled).
 */
export async function seedFunnelExtras(store: Store): Promise<void> {
  const { frank, gina, henry, ivy, jack, kim } = FUNNEL_PEOPLE;
  const at = (iso: string) => Date.parse(iso);
  let id = 600;
  const merged = (person: Person, day: string): MergedMr => {
    const mergedAtMs = at(`${day}T12:00:00Z`);
    id += 1;
    return { ...mergedMr(id, person, mergedAtMs), createdAtMs: mergedAtMs - DAY_MS };
  };
  const unmerged = (
    person: Person,
    state: UnmergedMr["state"],
    created: string,
    updated: string,
    closed: string | null,
  ): UnmergedMr => {
    id += 1;
    const { mergedAtMs: _merged, ...fields } = mergedMr(id, person, 0);
    return {
      ...fields,
      state,
      createdAtMs: at(created),
      updatedAtMs: at(updated),
      closedAtMs: closed === null ? null : at(closed),
    };
  };
  await store.transaction(async () => {
    await store.upsertMergeRequests([
      ...["2026-06-10", "2026-07-10", "2026-08-10"].map((day) => merged(frank, day)),
      ...["2026-06-05", "2026-06-20", "2026-07-15", "2026-08-25"].map((day) => merged(gina, day)),
      merged(jack, "2026-08-12"),
      merged(jack, "2026-09-20"),
      merged(kim, "2026-08-14"),
    ]);
    await store.upsertUnmergedMrs([
      unmerged(henry, "opened", "2026-11-10T09:30:00Z", "2026-11-12T09:30:00Z", null),
      unmerged(ivy, "opened", "2026-10-01T09:30:00Z", "2026-10-20T09:30:00Z", null),
      unmerged(PEOPLE.carol, "closed", "2026-11-02T09:30:00Z", "2026-11-03T09:30:00Z", "2026-11-03T09:30:00Z"),
    ]);
    await store.setHistoryStartMs(at("2026-06-01T00:00:00Z"));
  });
}
