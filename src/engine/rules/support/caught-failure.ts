/**
 * An operation whose failure the migration catches and goes past (Alembic's `try: ... except ...: pass`, model.ts'
 * `caught`): the author guards against a state the database may be in, as Rails' `if column_exists?` does. The
 * guard holds only where the failed statement leaves the rest runnable: outside a transaction (an AUTOCOMMIT
 * env.py, autocommit_block()), or in a SAVEPOINT. In a transaction on PostgreSQL the caught error aborts the
 * transaction, and the next statement fails with "current transaction is aborted".
 */
import type { Operation } from "../../model.js";

export type CaughtFailure =
  /** the failure is caught and the migration goes on */
  | { holds: true; line: number }
  /** caught, but PostgreSQL's transaction is aborted: the next statement fails */
  | { holds: false; line: number };

export function caughtFailure(op: Operation): CaughtFailure | undefined {
  if (!op.caught) return undefined;
  return { holds: !op.inTransaction || op.caught.savepoint, line: op.caught.line };
}

/** What a caught failure in the revision's transaction does on PostgreSQL, for messages. */
export function abortedTransaction(line: number): string {
  return `the try at line ${line} catches the error, but it has aborted the revision's transaction on PostgreSQL: the next statement fails with "current transaction is aborted, commands ignored until end of transaction block" (a SAVEPOINT around the try body, \`with op.get_bind().begin_nested():\`, would keep the transaction usable)`;
}
