/**
 * A SQL statement's own `IF NOT EXISTS` / `IF EXISTS` is an existence check like Rails' `unless column_exists?`:
 * `ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text` does nothing where the column is already there. Read
 * from the operation of a SQL migration, where only the SQL sets these flags (a Rails migration's flags may come
 * from a check migguard could not read: its checks are recorded by the interpreter instead).
 */
import type { ExistenceGuard, Migration, Operation } from "../../model.js";

const check = (g: Pick<ExistenceGuard, "predicate" | "table" | "runsWhen" | "text"> & Partial<ExistenceGuard>, op: Operation): ExistenceGuard => ({ columns: [], qualified: false, line: op.loc.line, ...g });

/** The checks the statement's clause makes; none for other migrations, statements or objects. */
export function sqlClauseGuards(op: Operation, migration: Migration): ExistenceGuard[] {
  if (migration.framework !== "sql") return [];
  switch (op.kind) {
    case "add_column":
      return op.ifNotExists ? [check({ predicate: "column_exists?", table: op.table, column: op.column.name, runsWhen: "missing", text: "ADD COLUMN IF NOT EXISTS" }, op)] : [];
    case "create_table":
      return op.ifNotExists ? [check({ predicate: "table_exists?", table: op.table, runsWhen: "missing", text: "CREATE TABLE IF NOT EXISTS" }, op)] : [];
    case "add_index":
      return op.ifNotExists && op.name ? [check({ predicate: "index_name_exists?", table: op.table, name: op.name, runsWhen: "missing", text: "CREATE INDEX IF NOT EXISTS" }, op)] : [];
    case "drop_column":
      return op.ifExists ? [check({ predicate: "column_exists?", table: op.table, column: op.column, runsWhen: "exists", text: "DROP COLUMN IF EXISTS" }, op)] : [];
    case "drop_table":
      return op.ifExists && op.tables.length === 1 ? [check({ predicate: "table_exists?", table: op.tables[0], runsWhen: "exists", text: "DROP TABLE IF EXISTS" }, op)] : [];
    default:
      return [];
  }
}

/** What the clause checks, for messages: `users.nickname`, `users`, `index_users_on_email`. */
export function checkedObject(guard: ExistenceGuard): string {
  if (guard.column !== undefined) return `${guard.table}.${guard.column}`;
  if (guard.name !== undefined) return guard.name;
  return guard.table;
}
