/**
 * The column types a schema dump records: Rails' db/schema.rb (read by the Rails adapter, see
 * schema-rb-operations.ts, when the Ruby readers are loaded) and structure.sql / schema.sql (read by the SQL adapter).
 */
import { rubyReadersLoaded, rubyReaders } from "../adapters/rails/ruby-readers.js";
import { segmentOperations } from "../adapters/sql/index.js";
import type { Operation } from "../model.js";
import { ColumnTypes } from "./column-types.js";

/** The columns of every table a dump creates (later ALTER TABLEs of the dump applied); none for a schema.rb without the Ruby readers. */
export function dumpedColumns(path: string, content: string): ColumnTypes {
  let ops: readonly Operation[] = [];
  if (!path.endsWith(".rb")) ops = segmentOperations({ text: content, transaction: "none" }).ops;
  else if (rubyReadersLoaded()) ops = rubyReaders().schemaRbOperations(path, content);
  const types = new ColumnTypes();
  for (const op of ops) types.apply(op);
  return types;
}
