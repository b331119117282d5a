/** The real bot over HTTP with the hand-countable store of seedKnownStore, its clock fixed at KNOWN_NOW. */
import { startTestBot, type TestBot, type TestBotOptions } from "../../support/bot-harness.js";
import { KNOWN_NOW, seedKnownStore } from "../../support/store-fixtures.js";

export function startKnownBot(
  options: Omit<TestBotOptions, "seed" | "runtime"> & {
    /** more data on top of the known store */
    extra?: TestBotOptions["seed"];
  } = {},
): Promise<TestBot> {
  const { extra, ...rest } = options;
  return startTestBot({
    ...rest,
    runtime: { now: () => KNOWN_NOW },
    seed: async (runtime) => {
      await seedKnownStore(runtime.store, { now: KNOWN_NOW });
      await extra?.(runtime);
    },
  });
}
