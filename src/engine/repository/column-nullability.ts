/**
 * Whether each column is NOT NULL, migration after migration: set by the column's definition (create_table,
 * add_column, a redefinition), changed only by what changes nullability (SET / DROP NOT NULL, a PRIMARY KEY over
 * it), gone with the column or its table. A change of type or default keeps it (PostgreSQL's ALTER COLUMN TYPE and
 * SET DEFAULT leave NOT NULL as it was), which a column definition, outdated by any change, cannot tell.
 */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { lastBefore } from "./last-before.js";

type Entry = { position: number; notNull: boolean | undefined };

export class ColumnNullability {
  private readonly columns = new Map<string, Entry[]>();
  /**
   * the keys of `columns` by each of their prefixes that ends with a dot ("orders.", "sales.orders."): what
   * forgetTable reads, instead of every column of the folder for each table dropped, renamed or created
   */
  private readonly byPrefix = new Map<string, string[]>();

  private set(table: string, column: string, position: number, notNull: boolean | undefined): void {
    const key = `${nameKey(table)}.${nameKey(column)}`;
    const list = this.columns.get(key);
    if (list?.at(-1)?.position === position) list[list.length - 1].notNull = notNull;
    else if (list) list.push({ position, notNull });
    else {
      this.columns.set(key, [{ position, notNull }]);
      for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) {
        const prefix = key.slice(0, dot + 1);
        const keys = this.byPrefix.get(prefix);
        if (keys) keys.push(key);
        else this.byPrefix.set(prefix, [key]);
      }
    }
  }

  private latest(table: string, column: string): boolean | undefined {
    return this.columns.get(`${nameKey(table)}.${nameKey(column)}`)?.at(-1)?.notNull;
  }

  /** every column known of `table`: unknown from `position` on (the table dropped or renamed) */
  private forgetTable(table: string, position: number): void {
    const prefix = `${nameKey(table)}.`;
    for (const key of this.byPrefix.get(prefix) ?? []) this.set(table, key.slice(prefix.length), position, undefined);
  }

  apply(op: Operation, position: number): void {
    switch (op.kind) {
      case "create_table":
        if (op.temporary || op.asSelect) return;
        this.forgetTable(op.table, position);
        for (const c of op.columns) this.set(op.table, c.name, position, c.notNull || c.primaryKey);
        return;
      case "add_column":
        if (!op.ifNotExists || this.latest(op.table, op.column.name) === undefined) this.set(op.table, op.column.name, position, op.column.notNull || op.column.primaryKey);
        return;
      case "redefine_column":
        this.set(op.table, op.column.name, position, op.column.notNull || op.column.primaryKey);
        return;
      case "set_not_null":
        this.set(op.table, op.column, position, true);
        return;
      case "drop_not_null":
        this.set(op.table, op.column, position, false);
        return;
      case "add_constraint":
        if (op.constraint === "primary_key") for (const c of op.columns) this.set(op.table, c, position, true);
        return;
      case "drop_column":
        this.set(op.table, op.column, position, undefined);
        return;
      case "rename_column": {
        const was = this.latest(op.table, op.column);
        this.set(op.table, op.column, position, undefined);
        this.set(op.table, op.newName, position, was);
        return;
      }
      case "drop_table":
        for (const t of op.tables) this.forgetTable(t, position);
        return;
      case "rename_table":
        this.forgetTable(op.table, position);
        return;
      default:
        return;
    }
  }

  /** true / false when the migrations before `position` say; undefined when none does */
  before(table: string, column: string, position: number): boolean | undefined {
    return lastBefore(this.columns.get(`${nameKey(table)}.${nameKey(column)}`), position, (e) => e.notNull);
  }
}
