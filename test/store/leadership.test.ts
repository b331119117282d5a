/**
 * The schedules' leadership on a real PostgreSQL server: two replicas on one database, exactly one leads; the
 * leader's session killed or stopped, the other takes over at its next try (a short retry interval here).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { advisoryLeadership, type Leadership, soleLeadership } from "../../src/store/leadership.js";
import { type CapturedLog, captureLog } from "../support/capture-log.js";
import { freshDatabase, onServer, type TestDatabase } from "../support/postgres.js";

const RETRY_MS = 100;

let db: TestDatabase;
const running: Leadership[] = [];
before(async () => {
  db = await freshDatabase();
});
after(async () => {
  for (const leadership of running) await leadership.stop();
  await db.drop();
});

function replica(url = db.url): { leadership: Leadership; log: CapturedLog } {
  const log = captureLog("debug");
  const leadership = advisoryLeadership({ url, logger: log.logger, retryMs: RETRY_MS });
  running.push(leadership);
  return { leadership, log };
}

/** Resolves once `leadership.isLeader()` is `leading` (no deadline: the test runner's timeout is the bound). */
function becomes(leadership: Leadership, leading: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (leadership.isLeader() === leading) return resolve();
    const off = leadership.onChange((now) => {
      if (now === leading) {
        off();
        resolve();
      }
    });
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

const logged = (log: CapturedLog, start: string) => () =>
  log.entries().some((entry) => String(entry.msg).startsWith(start));

/** The backends holding an advisory lock on the test database. */
const lockHolders = () =>
  onServer(async (client) => {
    const result = await client.query<{ pid: number }>(
      "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1",
      [db.name],
    );
    return result.rows.map((row) => row.pid);
  });

describe("advisory leadership", () => {
  it("two replicas on one database: exactly one leads, the other stands by", async () => {
    const a = replica();
    await becomes(a.leadership, true);
    const b = replica();
    await until(logged(b.log, "standing by"));
    assert.equal(a.leadership.isLeader(), true);
    assert.equal(b.leadership.isLeader(), false);
    assert.equal((await lockHolders()).length, 1, "one session holds the lock");
    assert.ok(a.log.entries().some((e) => String(e.msg).startsWith("leading: this replica runs the scheduled jobs")));

    // the leader's session killed (what a cut network or a server restart does): it steps down at once, then
    // competes again on a new connection, and one of the two leads — the old leader may well win the race back
    const lost = becomes(a.leadership, false);
    const [holder] = await lockHolders();
    await onServer((client) => client.query("SELECT pg_terminate_backend($1)", [holder]));
    await lost;
    assert.ok(a.log.entries().some((e) => String(e.msg).startsWith("lost the schedules' leadership")));
    await until(() => a.leadership.isLeader() || b.leadership.isLeader());
    const [leader, standby] = a.leadership.isLeader() ? [a, b] : [b, a];
    assert.equal(standby.leadership.isLeader(), false, "exactly one leads");
    assert.equal((await lockHolders()).length, 1);
    assert.notEqual((await lockHolders())[0], holder, "on a new session");

    // the leader stopped (a rolling deploy; a dead process is the CLI test's): the lock is freed, the other leads
    await leader.leadership.stop();
    assert.equal(leader.leadership.isLeader(), false);
    await becomes(standby.leadership, true);
    assert.ok(leader.log.entries().some((e) => String(e.msg).startsWith("gave up the schedules' leadership")));
    await standby.leadership.stop();
    assert.deepEqual(await lockHolders(), []);
  });

  it("a database it cannot reach: never leads, says why once, and never shows the password", async () => {
    const url = new URL(db.url);
    url.password = "wrong-password-never-shown";
    const { leadership, log } = replica(url.toString());
    await until(logged(log, "cannot hold the schedules' leadership"));
    await sleep(RETRY_MS * 3);
    assert.equal(leadership.isLeader(), false);
    const warnings = log.entries().filter((e) => String(e.msg).startsWith("cannot hold"));
    assert.equal(warnings.length, 1, "the same reason is logged once, not every retry");
    assert.match(String(warnings[0]?.msg), /password authentication failed/);
    assert.ok(!log.text().includes("wrong-password-never-shown"));
    assert.ok(!log.text().includes(new URL(db.url).password));
  });
});

describe("sole leadership", () => {
  it("leads from the start until stopped", async () => {
    const sole = soleLeadership();
    const changes: boolean[] = [];
    sole.onChange((leading) => changes.push(leading));
    assert.equal(sole.isLeader(), true);
    await sole.stop();
    assert.equal(sole.isLeader(), false);
    assert.deepEqual(changes, [false]);
  });
});
