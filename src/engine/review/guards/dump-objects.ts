/**
 * The objects a schema dump holds, each with its line: tables and their columns, indexes, foreign keys and
 * views. Read from the dump's operations (schema.rb through the Rails adapter, structure.sql through PostgreSQL's
 * parser), so an existence check of a migration (guards-on-base.ts) can be decided against it.
 */
import { segmentOperations, withSqlDialect } from "../../adapters/sql/index.js";
import { withoutPsqlMetaCommands } from "../../adapters/sql/psql-meta.js";
import type { Database, Operation } from "../../model.js";
import { schemaRbMigration } from "../../production/schema-rb-model.js";
import { nameKey } from "../../rules/support/facts.js";
import type { DumpFormat } from "../../repository/schema-dump-paths.js";
import { schemaRbColumnLines, type ColumnLines } from "./schema-rb-column-lines.js";

export interface DumpedTable {
  line: number;
  /** column key -> line */
  columns: Map<string, number>;
}

export interface DumpedIndex {
  table: string;
  name?: string;
  columns: string[];
  line: number;
}

export interface DumpedForeignKey {
  table: string;
  toTable?: string;
  columns: string[];
  name?: string;
  line: number;
}

export class DumpObjects {
  readonly tables = new Map<string, DumpedTable>();
  readonly indexes: DumpedIndex[] = [];
  readonly foreignKeys: DumpedForeignKey[] = [];
  /** views and materialized views (data_source_exists? sees them); schema.rb has none without scenic */
  readonly views = new Map<string, number>();

  constructor(
    readonly path: string,
    readonly format: DumpFormat,
    /** every statement was read: only then does a missing object prove it is not there */
    readonly complete: boolean,
  ) {}

  table(name: string): DumpedTable | undefined {
    return this.tables.get(nameKey(name));
  }

  /** A dump lists what it creates; the few later changes it writes (ALTER TABLE ... ADD) are applied in order. */
  apply(op: Operation): void {
    const line = op.loc.line;
    switch (op.kind) {
      case "create_table":
        if (op.temporary) return;
        this.tables.set(nameKey(op.table), { line, columns: new Map(op.columns.map((c) => [nameKey(c.name), line] as const)) });
        for (const c of op.columns) if (c.references) this.foreignKeys.push({ table: op.table, toTable: c.references.table, columns: [c.name], line });
        return;
      case "add_column":
        this.table(op.table)?.columns.set(nameKey(op.column.name), line);
        if (op.column.references) this.foreignKeys.push({ table: op.table, toTable: op.column.references.table, columns: [op.column.name], line });
        return;
      case "add_index":
        this.indexes.push({ table: op.table, ...(op.name ? { name: op.name } : {}), columns: op.columns, line });
        return;
      case "add_constraint":
        if (op.constraint === "foreign_key") this.foreignKeys.push({ table: op.table, ...(op.referencesTable ? { toTable: op.referencesTable } : {}), columns: op.columns, ...(op.name ? { name: op.name } : {}), line });
        return;
      case "create_object":
        if (op.objectType === "view" || op.objectType === "materialized_view") this.views.set(nameKey(op.name), line);
        return;
      default:
        return;
    }
  }
}

/** The dump's objects; undefined when it cannot be read (a schema.rb without `ActiveRecord::Schema.define`). */
export function dumpObjects(path: string, format: DumpFormat, content: string, database?: { name: Database; version?: string }): DumpObjects | undefined {
  let ops: readonly Operation[];
  let complete: boolean;
  let columnLines: ColumnLines | undefined;
  if (format === "schema.rb") {
    const migration = schemaRbMigration(path, content);
    if (!migration) return undefined;
    ops = migration.up;
    complete = migration.syntaxErrors.length === 0 && migration.tooComplex.length === 0;
    columnLines = schemaRbColumnLines(content);
  } else {
    // a statement PostgreSQL's parser rejects costs only itself; psql's `\restrict` lines are no SQL
    // a MySQL project's dump is mysqldump's SQL: read with the grammar of the migrations it describes
    const read = withSqlDialect(database?.name, database?.version, () => segmentOperations({ text: withoutPsqlMetaCommands(content), transaction: "none" }));
    if (read.ops.length === 0) return undefined;
    ops = read.ops;
    complete = read.errors.length === 0 && read.tooComplex.length === 0;
  }
  const objects = new DumpObjects(path, format, complete);
  for (const op of ops) objects.apply(op);
  // schema.rb's columns at their own lines (the adapter's column specs carry only their table's)
  for (const [table, lines] of columnLines ?? []) {
    const columns = objects.tables.get(table)?.columns;
    if (columns) for (const [column, line] of lines) if (columns.has(column)) columns.set(column, line);
  }
  return objects;
}
