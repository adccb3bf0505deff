/**
 * MySQL's row versions, counted from migrations: since 8.0.29 each ALTER TABLE that adds or drops columns
 * instantly (the default algorithm for them) gives the table a new row version, and a table keeps at most 64 (255
 * from 9.1.0) until it is rebuilt (MySQL 8.0 Reference Manual, "Online DDL Operations", column operations;
 * INFORMATION_SCHEMA.INNODB_TABLES.TOTAL_ROW_VERSIONS). Replayed in order: CREATE TABLE starts a table at 0, an
 * ALTER that rebuilds it (a type change, a primary key, a character set conversion, an AUTO_INCREMENT column)
 * resets it, one statement counts once however many columns it adds or drops. A rebuild made outside the
 * migrations (OPTIMIZE TABLE by hand) is not seen, so the count is what the migrations alone did. Past the limit
 * an ALTER naming no algorithm rebuilds the table, so the count starts again from 0.
 */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

/** The ALTER an operation belongs to: operations of one statement share its line and text. */
const statementOf = (op: Operation) => `${op.loc.line}\u0000${op.text}`;

/** Does this operation rebuild its table (which resets the row versions)? */
function rebuilds(op: Operation): boolean {
  // ALGORITHM=INPLACE or COPY named on an ADD/DROP COLUMN rebuilds instead of adding a row version
  if ((op.kind === "add_column" || op.kind === "drop_column") && (op.algorithm === "inplace" || op.algorithm === "copy")) return true;
  switch (op.kind) {
    case "alter_column_type":
    case "redefine_column":
      return true;
    case "add_column":
      return op.column.serial || op.column.primaryKey || op.column.generated === "stored";
    case "add_constraint":
      return op.constraint === "primary_key";
    case "drop_constraint":
      return op.name === "PRIMARY";
    case "raw":
      return op.statement.startsWith("ALTER TABLE CONVERT TO ");
    default:
      return false;
  }
}

export class RowVersions {
  private readonly counts = new Map<string, number>();
  /** the statement that last counted for each table */
  private readonly lastStatement = new Map<string, string>();

  constructor(private readonly before: (table: string) => number = () => 0) {}

  /** Row versions of `table` the replayed operations (and the state before them) leave. */
  get(table: string): number {
    return this.counts.get(nameKey(table)) ?? this.before(table);
  }

  /**
   * Replay one operation; `changed` hears every table whose count it sets. `limit`: the server's row-version limit
   * (mysql-online-ddl.ts), past which an ALTER that names no algorithm rebuilds the table (back to 0).
   */
  apply(op: Operation, changed?: (table: string, count: number) => void, limit = Infinity): void {
    const set = (table: string, count: number) => {
      this.counts.set(nameKey(table), count);
      changed?.(nameKey(table), count);
    };
    switch (op.kind) {
      case "create_table":
        if (!op.temporary) set(op.table, 0);
        return;
      case "drop_table":
        for (const table of op.tables) set(table, 0);
        return;
      case "rename_table":
        set(op.newName, this.get(op.table));
        set(op.table, 0);
        return;
      default:
        break;
    }
    if (!("table" in op) || typeof op.table !== "string") return;
    if (rebuilds(op)) {
      set(op.table, 0);
      this.lastStatement.set(nameKey(op.table), statementOf(op));
      return;
    }
    if (op.kind !== "add_column" && op.kind !== "drop_column") return;
    // a statement that also rebuilds (or already counted) does not count again
    if (this.lastStatement.get(nameKey(op.table)) === statementOf(op)) return;
    this.lastStatement.set(nameKey(op.table), statementOf(op));
    const next = this.get(op.table) + 1;
    set(op.table, next > limit ? 0 : next);
  }
}
