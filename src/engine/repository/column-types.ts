/**
 * The column types a sequence of operations leaves behind (CREATE TABLE, ADD COLUMN, ALTER ... TYPE, renames
 * and drops), replayed in order. Fixes that recreate or copy a column use it to name the column's real type
 * instead of guessing one: from the earlier migrations of the folder, or from a schema dump read as operations.
 */
import type { Operation, TypeRef } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

/** Where the types of columns the replayed operations never mention come from (an earlier state). */
export type TypeLookup = (table: string, column: string) => TypeRef | undefined;

export class ColumnTypes {
  private readonly tables = new Map<string, Map<string, TypeRef | undefined>>();

  constructor(private readonly before: TypeLookup = () => undefined) {}

  /** The type of table.column, when the operations replayed so far (or the state before them) say it. */
  get(table: string, column: string): TypeRef | undefined {
    const columns = this.tables.get(nameKey(table));
    return columns?.has(nameKey(column)) ? columns.get(nameKey(column)) : this.renamed(this.before(table, column));
  }

  /** types renamed by the operations replayed (ALTER TYPE ... RENAME TO): old name -> new name */
  private readonly typeNames = new Map<string, string>();

  /** `type` under the name the replayed renames gave it (a column of the old state keeps its type, renamed). */
  private renamed(type: TypeRef | undefined): TypeRef | undefined {
    let name = type && this.typeNames.get(nameKey(type.name));
    if (!type || !name) return type;
    for (let hops = 0, next = this.typeNames.get(nameKey(name)); next && hops < 100; hops++, next = this.typeNames.get(nameKey(next))) name = next;
    const text = nameKey(type.text).startsWith(nameKey(type.name)) ? `${name}${type.text.slice(type.name.length)}` : name;
    return { ...type, name, text };
  }

  has(table: string): boolean {
    return this.tables.has(nameKey(table));
  }

  private set(table: string, column: string, type: TypeRef | undefined): void {
    const key = nameKey(table);
    const columns = this.tables.get(key) ?? new Map<string, TypeRef | undefined>();
    columns.set(nameKey(column), type);
    this.tables.set(key, columns);
  }

  /** Replay one operation; `changed` hears every column whose type it sets or clears. */
  apply(op: Operation, changed?: (table: string, column: string, type: TypeRef | undefined) => void): void {
    const set = (table: string, column: string, type: TypeRef | undefined) => {
      this.set(table, column, type);
      changed?.(nameKey(table), nameKey(column), type);
    };
    switch (op.kind) {
      case "create_table":
        if (op.temporary) return;
        for (const column of this.tables.get(nameKey(op.table))?.keys() ?? []) set(op.table, column, undefined);
        for (const column of op.columns) set(op.table, column.name, column.type);
        return;
      case "add_column":
        // ADD COLUMN IF NOT EXISTS on a column that exists keeps the old one
        if (!(op.ifNotExists && this.get(op.table, op.column.name))) set(op.table, op.column.name, op.column.type);
        return;
      case "redefine_column":
        if (op.column.type) set(op.table, op.column.name, op.column.type);
        return;
      case "alter_column_type":
        set(op.table, op.column, op.type);
        return;
      case "drop_column":
        set(op.table, op.column, undefined);
        return;
      case "rename_column": {
        const type = this.get(op.table, op.column);
        set(op.table, op.column, undefined);
        set(op.table, op.newName, type);
        return;
      }
      case "rename_table": {
        const columns = this.tables.get(nameKey(op.table));
        if (!columns) return;
        for (const [column, type] of [...columns]) {
          set(op.table, column, undefined);
          set(op.newName, column, type);
        }
        this.tables.delete(nameKey(op.table));
        return;
      }
      case "rename_object": {
        if (op.objectType !== "type") return;
        const from = nameKey(op.name.split(".").pop()!);
        const to = op.newName.split(".").pop()!;
        this.typeNames.set(from, to);
        for (const [table, columns] of this.tables)
          for (const [column, type] of columns) if (type && nameKey(type.name) === from) set(table, column, this.renamed(type));
        return;
      }
      case "drop_table":
        for (const table of op.tables) {
          for (const column of [...(this.tables.get(nameKey(table))?.keys() ?? [])]) set(table, column, undefined);
          this.tables.delete(nameKey(table));
        }
        return;
      default:
        return;
    }
  }
}
