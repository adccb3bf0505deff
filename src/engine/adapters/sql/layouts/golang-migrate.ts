/**
 * golang-migrate (`N_name.up.sql` + `N_name.down.sql`, and diesel's `dir/up.sql` + `dir/down.sql`).
 * The postgres driver sends the whole file as one query: with two or more statements PostgreSQL runs
 * them as one implicit transaction (so CREATE INDEX CONCURRENTLY must be alone in its file).
 * pop/popx share the file names but add a dialect (`N_name.postgres.up.sql`) or `.autocommit` part: popx runs
 * such a file in a transaction of its own, or outside any when the name says `.autocommit`.
 */
import { popSuffix } from "../../../database/dialect-file.js";
import type { SqlLayoutInput, SqlSections, TransactionMode } from "./sections.js";

function transactionOf(path: string): TransactionMode {
  const pop = popSuffix(path);
  if (!pop) return "implicit";
  return pop.autocommit ? "none" : "wrapped";
}

export function splitGolangMigrate(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: transactionOf(input.path) }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: input.downFile.content, transaction: transactionOf(input.downFile.path) }], path: input.downFile.path }
      : { kind: "missing", reason: `no ${input.path.replace(/up\.sql$/, "down.sql").split("/").pop()} beside the up migration` },
    notes: [],
  };
}
