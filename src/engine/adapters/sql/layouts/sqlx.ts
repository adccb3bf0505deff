/**
 * sqlx's migrator (`sqlx::migrate!()` embedded in a Rust binary, or `sqlx migrate run`) reads golang-migrate's file
 * names (`<version>_<name>.up.sql` + `.down.sql`) but runs each file in a transaction of its own (sqlx-core's
 * `apply`: `begin()`, the file, `commit()`), unless the file's first line is `-- no-transaction`
 * (`sql.starts_with("-- no-transaction")`): then it sends the file as one query, which PostgreSQL runs as one implicit
 * transaction once it holds two statements. So CREATE INDEX CONCURRENTLY runs only alone in a file that starts so.
 */
import type { SqlLayoutInput, SqlSections, TransactionMode } from "./sections.js";

/** The line a file must start with for sqlx to run it outside a transaction. */
export const SQLX_NO_TRANSACTION = "-- no-transaction";

/** How sqlx runs a file: in its transaction, or (first line `-- no-transaction`) as one query of its own. */
export const sqlxTransaction = (content: string): TransactionMode => (content.replace(/^\uFEFF/, "").startsWith(SQLX_NO_TRANSACTION) ? "implicit" : "wrapped");

/**
 * A simple sqlx migration (`<VERSION>_<DESCRIPTION>.sql`, neither `.up.sql` nor `.down.sql`): run in sqlx's transaction
 * (or as one query after `-- no-transaction`), with no down at all: `sqlx migrate revert` cannot undo it, by design.
 */
export function splitSqlxSimple(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: sqlxTransaction(input.content) }],
    down: { kind: "unsupported", reason: "sqlx's simple migrations (<VERSION>_<DESCRIPTION>.sql) have no down: sqlx migrate revert cannot undo them" },
    notes: [],
  };
}
