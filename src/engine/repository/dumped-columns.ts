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
  for (const op of ops) {
    columns.apply(op);
    if (op.kind === "create_object" && op.objectType === "materialized_view") materializedViews.add(nameKey(op.name));
  }
  return { columns, materializedViews };
}

/** The dump's column types alone. */
export const dumpedColumns = (path: string, content: string): ColumnTypes => dumpedSchema(path, content).columns;
