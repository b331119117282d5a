/**
 * Which errors mean "the database is unreachable", the outage record that makes the log say so once, and the
 * cached check behind /healthz (src/store/reachability.ts). The real server going away: test/faults/database-outage.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cachedCheck, DatabaseTimeout, databaseUnreachable, Reachability } from "../../src/store/reachability.js";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("databaseUnreachable", () => {
  it("names refusals, shutdowns, lost connections and timeouts", () => {
    assert.equal(databaseUnreachable(withCode("ECONNREFUSED")), "connection refused");
    assert.equal(databaseUnreachable(withCode("57P01")), "the server shut down (57P01)");
    assert.equal(databaseUnreachable(withCode("08006")), "connection failed (08006)");
    assert.equal(databaseUnreachable(new Error("Connection terminated unexpectedly")), "connection lost");
    assert.equal(databaseUnreachable(new DatabaseTimeout(2000)), "no answer within 2000 ms");
    // pg's AggregateError of every address tried, and a wrapper's cause
    assert.equal(databaseUnreachable(new AggregateError([withCode("ECONNREFUSED")])), "connection refused");
    assert.equal(databaseUnreachable(new Error("wrapped", { cause: withCode("ECONNRESET") })), "connection reset");
  });

  it("leaves a bad query, a constraint and a plain bug alone", () => {
    assert.equal(databaseUnreachable(withCode("42P01", 'relation "x" does not exist')), null);
    assert.equal(databaseUnreachable(withCode("23505")), null);
    assert.equal(databaseUnreachable(new TypeError("x is undefined")), null);
    assert.equal(databaseUnreachable("not an error"), null);
  });
});

describe("Reachability", () => {
  it("tells its listeners once when an outage starts and once when it ends", () => {
    const reach = new Reachability();
    const changes: (string | null)[] = [];
    reach.onChange(({ down }) => changes.push(down));
    reach.answered();
    reach.failed(withCode("42P01"));
    assert.deepEqual(changes, [], "a bad query is no outage");
    reach.failed(withCode("ECONNREFUSED"));
    reach.failed(withCode("ECONNREFUSED"));
    reach.failed(withCode("57P01"));
    assert.equal(reach.problem, "connection refused");
    reach.answered();
    reach.answered();
    assert.deepEqual(changes, ["connection refused", null]);
    assert.equal(reach.problem, null);
  });
});

describe("cachedCheck", () => {
  it("runs the check at most once per ttl, whoever asks", async () => {
    let now = 0;
    let runs = 0;
    const check = cachedCheck(
      async () => ++runs,
      1500,
      () => now,
    );
    assert.equal(await check(), 1);
    now = 1499;
    assert.equal(await check(), 1);
    now = 1500;
    assert.equal(await check(), 2);
    assert.equal(runs, 2);
  });
});
