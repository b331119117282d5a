/** Child process of ledger.test.ts: opens the database (a SQLite file or a postgres:// URL), waits for the shared start instant, claims, prints the result. */
import { Ledger } from "../../src/store/ledger.js";
import { Store } from "../../src/store/store.js";

const [path, owner, startAt] = process.argv.slice(2);
if (!path || !owner || !startAt) throw new Error("usage: ledger-claim-child <db path or URL> <owner> <startAtMs>");
// (not through test/support/store-backends.ts: it registers node:test hooks, which would print TAP here)
const store = /^postgres(ql)?:\/\//.test(path) ? await Store.openUrl(path) : await Store.open(path);
const ledger = new Ledger(store);
// Everyone claims at the same moment, so the claims really race for the write lock.
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
const claim = await ledger.claimDigest("2026-W12", { owner, nowMs: Date.now(), ttlMs: 60_000 });
process.stdout.write(JSON.stringify(claim));
await store.close();
