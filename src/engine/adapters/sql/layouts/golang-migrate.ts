/**
 * golang-migrate (`N_name.up.sql` + `N_name.down.sql`, and diesel's `dir/up.sql` + `dir/down.sql`).
 * The postgres driver sends the whole file as one query: with two or more statements PostgreSQL runs
 * them as one implicit transaction (so CREATE INDEX CONCURRENTLY must be alone in its file).
 * pop/popx share the file names but add a dialect (`N_name.postgres.up.sql`) or `.autocommit` part: popx runs
 * such a file in a transaction of its own, or outside any when the name says `.autocommit`.
 */
import { popSuffix } from "../../../database/dialect-file.js";
import type { SqlLayoutInput, SqlSections, TransactionMode } from "./sections.js";
import { sqlxTransaction } from "./sqlx.js";

function transactionOf(path: string, popFolder = false, sqlx?: { content: string }): TransactionMode {
  // sqlx's migrator reads the same names and runs each file in a transaction (sqlx.ts)
  if (sqlx) return sqlxTransaction(sqlx.content);
  const pop = popSuffix(path);
  // a pop file named like golang-migrate's still runs in the transaction popx opens
  if (!pop) return popFolder ? "wrapped" : "implicit";
  return pop.autocommit ? "none" : "wrapped";
}

/**
 * The down files that would serve the up at `path`: its own name with `down`; for a pop file naming a dialect
 * (`x.postgres.up.sql`) also the shared `x.down.sql` pop falls back to, and never the `.autocommit` part, which
 * says how the up runs.
 */
function downNames(path: string): string[] {
  const pop = popSuffix(path);
  const name = (p: string) => p.split("/").pop() ?? p;
  // the down keeps the up's extension (`x.up.pgsql` -> `x.down.pgsql`)
  if (!pop) return [name(path.replace(/\.up(\.[^./]+)$/, ".down$1"))];
  const stem = name(pop.stem);
  return pop.dialect ? [`${stem}.${pop.dialect}.down.sql`, `${stem}.down.sql`] : [`${stem}.down.sql`];
}

/**
 * popx skips a file whose every line is blank or starts with `--` (isMigrationEmpty), before any database reads it:
 * ory/hydra's 20230512112801000001 .mysql.down.sql is `-- cannot drop ...` and `--DROP INDEX ...`, which MySQL would
 * refuse (its `--` comments need a space after them) but never receives. Such a file is read as the comments it is.
 */
const POPX_EMPTY_LINE = /^(\s*--.*|\s*)$/;
export function popText(path: string, content: string, popFolder = false): string {
  // its comments kept (a down's says why it is empty), each `--` followed by the space every grammar reads as a comment
  return (popFolder || popSuffix(path)) && content.split("\n").every((line) => POPX_EMPTY_LINE.test(line)) ? content.replace(/^(\s*)--(?=\S)/gm, "$1-- ") : content;
}

export function splitGolangMigrate(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: popText(input.path, input.content, input.pop), transaction: transactionOf(input.path, input.pop, input.sqlx ? input : undefined) }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: popText(input.downFile.path, input.downFile.content, input.pop), transaction: transactionOf(input.downFile.path, input.pop, input.sqlx ? input.downFile : undefined) }], path: input.downFile.path }
      : { kind: "missing", reason: `no ${downNames(input.path).join(" nor ")} beside the up migration` },
    notes: [],
  };
}
