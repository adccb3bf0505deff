/**
 * The column types a schema dump records: Rails' db/schema.rb (read by the Rails adapter, see
 * schema-rb-operations.ts, when the Ruby readers are loaded) and structure.sql / schema.sql (read by the SQL adapter);
 * and its materialized views (scenic's `create_view ... materialized: true`, CREATE MATERIALIZED VIEW).
 */
import { rubyReadersLoaded, rubyReaders } from "../adapters/rails/ruby-readers.js";
import { segmentOperations } from "../adapters/sql/index.js";
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { ColumnTypes } from "./column-types.js";

export interface DumpedSchema {
  columns: ColumnTypes;
  /** the columns of each table the dump creates, by name (nameKey'd), whatever their type: whether a column is there at all */
  columnNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** the materialized views the dump creates (nameKey) */
  materializedViews: ReadonlySet<string>;
}

/** The columns of every table a dump creates (later ALTER TABLEs of the dump applied); none for a schema.rb without the Ruby readers. */
export function dumpedSchema(path: string, content: string): DumpedSchema {
  let ops: readonly Operation[] = [];
  if (!path.endsWith(".rb")) ops = segmentOperations({ text: content, transaction: "none" }).ops;
  else if (rubyReadersLoaded()) ops = rubyReaders().schemaRbOperations(path, content);
  const columns = new ColumnTypes();
  const materializedViews = new Set<string>();
  const columnNames = new Map<string, Set<string>>();
  for (const op of ops) {
    columns.apply(op);
    nameColumns(columnNames, op);
    if (op.kind === "create_object" && op.objectType === "materialized_view") materializedViews.add(nameKey(op.name));
  }
  return { columns, columnNames, materializedViews };
}

/** The column names a dump's operation leaves (its CREATE TABLEs, and the ALTER TABLEs a structure.sql adds after them). */
function nameColumns(names: Map<string, Set<string>>, op: Operation): void {
  const of = (table: string) => names.get(nameKey(table));
  if (op.kind === "create_table" && !op.temporary) names.set(nameKey(op.table), new Set(op.columns.map((c) => nameKey(c.name))));
  else if (op.kind === "add_column") of(op.table)?.add(nameKey(op.column.name));
  else if (op.kind === "drop_column") of(op.table)?.delete(nameKey(op.column));
  else if (op.kind === "rename_column") {
    of(op.table)?.delete(nameKey(op.column));
    of(op.table)?.add(nameKey(op.newName));
  } else if (op.kind === "drop_table") for (const table of op.tables) names.delete(nameKey(table));
}

/** The dump's column types alone. */
export const dumpedColumns = (path: string, content: string): ColumnTypes => dumpedSchema(path, content).columns;
