/**
 * Tables and columns the migrations of one run (a lint, a pull request) create, drop or rename. A migration
 * touching a table production lacks is drift only when no other migration of the run accounts for it: one
 * that creates it has not been deployed yet, and when a whole history is linted, an old migration's table may
 * have been dropped or renamed by a later one.
 */
import type { Migration } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

const columnKey = (table: string, column: string) => `${nameKey(table)}.${nameKey(column)}`;

export class RunObjects {
  /** key -> paths of the migrations that create, drop or rename it */
  private readonly tables = new Map<string, Set<string>>();
  private readonly columns = new Map<string, Set<string>>();
  private readonly indexes = new Map<string, Set<string>>();
  /** table key -> migrations that write its rows (a backfill may be among them) */
  private readonly writers = new Map<string, Set<string>>();
  /** migrations running code or SQL whose tables are unknown (RunPython, a DO block): they may write anything */
  private readonly opaqueWriters = new Set<string>();

  constructor(migrations: readonly Migration[]) {
    for (const migration of migrations) {
      const table = (name: string) => add(this.tables, nameKey(name), migration.path);
      const column = (t: string, c: string) => add(this.columns, columnKey(t, c), migration.path);
      const index = (name: string) => add(this.indexes, nameKey(name), migration.path);
      for (const op of migration.up) {
        switch (op.kind) {
          case "add_index":
            if (op.name) index(op.name);
            break;
          case "drop_index":
            op.names.forEach(index);
            break;
          case "rename_object":
            if (op.objectType === "index") {
              index(op.name);
              index(op.newName);
            }
            break;
          case "dml":
            if (op.table) add(this.writers, nameKey(op.table), migration.path);
            else this.opaqueWriters.add(migration.path);
            break;
          case "data_migration":
            if (op.tables.length === 0) this.opaqueWriters.add(migration.path);
            for (const t of op.tables) add(this.writers, nameKey(t), migration.path);
            break;
          case "raw":
            if (isOpaque(op.statement)) this.opaqueWriters.add(migration.path);
            break;
          case "create_table":
            table(op.table);
            for (const c of op.columns) column(op.table, c.name);
            break;
          case "drop_table":
            op.tables.forEach(table);
            break;
          case "rename_table":
            table(op.table);
            table(op.newName);
            break;
          case "create_object":
            if (op.objectType === "view" || op.objectType === "materialized_view") table(op.name);
            break;
          case "drop_object":
            if (op.objectType === "view" || op.objectType === "materialized_view") op.names.forEach(table);
            break;
          case "add_column":
          case "redefine_column":
            column(op.table, op.column.name);
            break;
          case "drop_column":
            column(op.table, op.column);
            break;
          case "rename_column":
            column(op.table, op.column);
            column(op.table, op.newName);
            break;
        }
      }
    }
  }

  /** Another migration of the run creates, drops or renames the index. */
  indexElsewhere(name: string, path: string): boolean {
    return [...(this.indexes.get(nameKey(name)) ?? [])].some((p) => p !== path);
  }

  /** Another migration of the run may write the table's rows (a backfill before a SET NOT NULL, say). */
  writtenElsewhere(table: string, path: string): boolean {
    return [...this.opaqueWriters].some((p) => p !== path) || [...(this.writers.get(nameKey(table)) ?? [])].some((p) => p !== path);
  }

  /** Another migration of the run creates, drops or renames the table. */
  tableElsewhere(table: string, path: string): boolean {
    return [...(this.tables.get(nameKey(table)) ?? [])].some((p) => p !== path);
  }

  /** Another migration of the run creates, drops or renames the column (or its whole table). */
  columnElsewhere(table: string, column: string, path: string): boolean {
    return this.tableElsewhere(table, path) || [...(this.columns.get(columnKey(table, column)) ?? [])].some((p) => p !== path);
  }
}

/** Statements the model cannot see into: a DO block or a function call may write any table. */
export const isOpaque = (statement: string): boolean => statement === "DO" || statement === "SELECT" || statement === "Call";

function add(map: Map<string, Set<string>>, key: string, path: string): void {
  const paths = map.get(key) ?? new Set<string>();
  paths.add(path);
  map.set(key, paths);
}
