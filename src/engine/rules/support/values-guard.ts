/**
 * The check an operation runs after that stops the migration when the data it drops exists (model ValuesGuard):
 * read for a column (its own guard, or its table's) or for a whole table.
 */
import type { Operation, ValuesGuard } from "../../model.js";
import { nameKey, sameTable } from "./facts.js";

/** The guard that leaves `table.column` holding only NULLs where `op` runs (one on any of `columns`' names: Django's field and column). */
export function columnGuard(op: Operation, table: string, columns: readonly string[]): ValuesGuard | undefined {
  const keys = new Set(columns.map(nameKey));
  return op.valuesGuards?.find((g) => sameTable(g.table, table) && (g.column === undefined || keys.has(nameKey(g.column))));
}

/** The guard that leaves `table` without a row where `op` runs. */
export function tableGuard(op: Operation, table: string): ValuesGuard | undefined {
  return op.valuesGuards?.find((g) => sameTable(g.table, table) && g.column === undefined);
}

/** How a message says the guard: `the migration stops on line 3 when ... (\`Feed.where.not(...).any?\`)`. */
export function guardWords(guard: ValuesGuard, what: string): string {
  return `the migration stops on line ${guard.line} when ${what} (\`${guard.text.length > 120 ? `${guard.text.slice(0, 117)}...` : guard.text}\`)`;
}
