/**
 * `engagement-bot copy-store --to postgres://… [--force]`: the SQLite store at DATABASE_PATH copied into a PostgreSQL
 * database (src/store/copy-store.ts), so a team moves to DATABASE_URL with its history and its ledger. Prints the rows
 * per table, counted in the target. A target holding data without --force, or a --to that is not a PostgreSQL URL, is
 * exit 2; the password of --to is in no output.
 */
import { type Config, isPostgresUrl } from "../config.js";
import { registerSecrets } from "../log.js";
import { passwordIn } from "../redaction.js";
import { copyStore } from "../store/copy-store.js";
import { shownUrl } from "../store/postgres.js";
import { Store } from "../store/store.js";
import { EXIT } from "./exit-codes.js";
import { runVerb } from "./run-verb.js";

export interface CopyStoreRequest {
  to: string;
  force: boolean;
}

export function runCopyStore(config: Config, request: CopyStoreRequest): Promise<number> {
  registerSecrets([passwordIn(request.to)]);
  return runVerb("copy-store", async () => {
    if (!isPostgresUrl(request.to)) {
      // never echoed: it may carry a password
      process.stderr.write(
        "engagement-bot copy-store: --to must be a PostgreSQL URL, postgres://USER:PASSWORD@HOST[:PORT]/DATABASE\n",
      );
      return EXIT.usage;
    }
    const shown = shownUrl(request.to);
    const source = await Store.open(config.databasePath, { readonly: true });
    try {
      const target = await Store.openUrl(request.to, "--to");
      try {
        const outcome = await copyStore(source, target, { force: request.force });
        if (outcome.kind === "not-empty") {
          const held = outcome.held.map(({ table, rows }) => `${table}: ${rows}`).join(", ");
          process.stderr.write(
            `engagement-bot copy-store: the database at ${shown} is not empty (${held}); nothing was copied. ` +
              "Give --force to replace what it holds with the store at DATABASE_PATH\n",
          );
          return EXIT.usage;
        }
        const width = Math.max(...outcome.tables.map(({ table }) => table.length));
        const total = outcome.tables.reduce((sum, { rows }) => sum + rows, 0);
        process.stdout.write(
          `Copied ${config.databasePath} to ${shown}${request.force ? " (replacing what it held)" : ""}:\n` +
            outcome.tables.map(({ table, rows }) => `  ${table.padEnd(width)} ${rows}\n`).join("") +
            `${total} rows in ${outcome.tables.length} tables; the counts match the source. ` +
            "Set DATABASE_URL to it to run the bot there.\n",
        );
        return EXIT.ok;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  });
}
