/** What `start` does with a failure nothing caught (src/cli/process-faults.ts). */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { handleProcessFaults } from "../../src/cli/process-faults.js";
import { captureLog } from "../support/capture-log.js";

function fakeProcess() {
  const exits: number[] = [];
  const target = Object.assign(new EventEmitter(), { exit: (code: number) => exits.push(code) });
  return { target, exits };
}

test("an unhandled rejection is logged as an error and the process goes on", () => {
  const { logger, entries } = captureLog("info");
  const { target, exits } = fakeProcess();
  handleProcessFaults(logger, target);
  target.emit("unhandledRejection", new TypeError("Cannot read properties of null (reading 'type')"));
  assert.deepEqual(exits, []);
  const [entry] = entries();
  assert.equal(entry?.level, 50);
  assert.match(String(entry?.msg), /unhandled promise rejection \(the bot keeps running\): Cannot read properties/);
});

test("an uncaught exception is logged as fatal, then exit 1; removing the handlers leaves Node's default", () => {
  const { logger, entries } = captureLog("info");
  const { target, exits } = fakeProcess();
  const remove = handleProcessFaults(logger, target);
  target.emit("uncaughtException", new Error("boom"));
  assert.deepEqual(exits, [1]);
  assert.equal(entries()[0]?.level, 60);
  assert.match(String(entries()[0]?.msg), /uncaught exception, stopping \(exit 1\): boom/);
  remove();
  assert.equal(target.listenerCount("unhandledRejection"), 0);
  assert.equal(target.listenerCount("uncaughtException"), 0);
});
