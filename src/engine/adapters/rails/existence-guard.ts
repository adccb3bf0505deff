/**
 * What an existence check of a Rails migration checks (`column_exists?(:t, :c)`, `index_exists?(:t, [:a, :b])`,
 * `foreign_key_exists?(:t, :u, column: :u_id)`): the predicate, the table and the column, index or key, read from
 * the call's literal arguments. The interpreter records it on the operations the check guards, with the way it
 * goes; the review decides it against the base branch's schema dump.
 */
import type { CallNode } from "@ruby/prism";
import type { ExistenceGuard, OperationInput } from "../../model.js";
import { callArgs } from "./call-args.js";
import type { RubySource } from "./ruby-source.js";
import { nameOf, namesOf, type Env } from "./values.js";

export type ExistenceCheck = Omit<ExistenceGuard, "runsWhen">;

const PREDICATES = new Set<string>(["table_exists?", "data_source_exists?", "column_exists?", "index_exists?", "index_name_exists?", "foreign_key_exists?"]);

const isPredicate = (name: string): name is ExistenceGuard["predicate"] => PREDICATES.has(name);

/**
 * The checks a change_table block's table object makes on its own table (`t.column_exists?(:c)` is
 * `column_exists?(:t, :c)`): ActiveRecord::ConnectionAdapters::Table delegates them with its name first.
 */
const TABLE_DELEGATED = new Set(["column_exists?", "index_exists?", "foreign_key_exists?"]);

/** The table-block predicates the checks of `t` in `change_table :t do |t|` read like the migration's own. */
export const isTableExistenceCheck = (name: string): boolean => TABLE_DELEGATED.has(name);

/**
 * The check a call makes, when it is one migguard can decide and its names are literals; undefined otherwise.
 * `onTable`: the call is made on a change_table block's table object, for that table.
 */
export function readExistenceCheck(call: CallNode, env: Env, src: RubySource, onTable?: string): ExistenceCheck | undefined {
  const predicate = call.name;
  if (!isPredicate(predicate)) return undefined;
  if (onTable !== undefined && !TABLE_DELEGATED.has(predicate)) return undefined;
  const written = callArgs(call, env, src);
  const args = onTable === undefined ? written.args : [{ kind: "sym" as const, value: onTable }, ...written.args];
  const opts = written.opts;
  const table = nameOf(args[0]);
  if (table === undefined) return undefined;
  const base = { predicate, table, text: src.textOf(call), line: src.loc(call).line };
  switch (predicate) {
    case "table_exists?":
    case "data_source_exists?":
      return { ...base, columns: [], qualified: false };
    case "column_exists?": {
      const column = nameOf(args[1]);
      // a type or options (`null: false`) make the check stricter than the column's name
      return column === undefined ? undefined : { ...base, column, columns: [], qualified: args.length > 2 || opts.size > 0 };
    }
    case "index_exists?": {
      const columns = args[1] === undefined || args[1].kind === "nil" ? [] : namesOf(args[1]);
      const name = opts.name("name");
      if (columns === undefined || (columns.length === 0 && name === undefined) || (opts.has("name") && name === undefined)) return undefined;
      return { ...base, columns, ...(name !== undefined ? { name } : {}), qualified: opts.without("name").size > 0 };
    }
    case "index_name_exists?": {
      const name = nameOf(args[1]);
      return name === undefined ? undefined : { ...base, name, columns: [], qualified: false };
    }
    case "foreign_key_exists?": {
      const toTable = args[1] === undefined ? undefined : nameOf(args[1]);
      const column = opts.name("column");
      const name = opts.name("name");
      if ((args[1] !== undefined && toTable === undefined) || (opts.has("column") && column === undefined) || (opts.has("name") && name === undefined)) return undefined;
      return {
        ...base,
        columns: column !== undefined ? [column] : [],
        ...(toTable !== undefined ? { toTable } : {}),
        ...(name !== undefined ? { name } : {}),
        qualified: opts.without("column", "name").size > 0,
      };
    }
  }
}

const sym = (name: string) => (/^[a-z_][a-zA-Z0-9_]*$/.test(name) ? `:${name}` : JSON.stringify(name));

/**
 * The check Rails makes for `if_not_exists: true` / `if_exists: true` on the operation a command produced
 * (`add_column :t, :c, :string, if_not_exists: true` runs only when `column_exists?(:t, :c)` is false), recorded
 * like a written guard; an operation without the flag, or whose object migguard cannot name, is left as it is.
 */
export function withOptionGuard(op: OperationInput, line: number): OperationInput {
  const guard = optionGuard(op, line);
  return guard ? { ...op, guards: [...(op.guards ?? []), guard] } : op;
}

function optionGuard(op: OperationInput, line: number): ExistenceGuard | undefined {
  const base = { columns: [], qualified: false, line };
  if (op.kind === "add_column" && op.ifNotExists)
    return { ...base, predicate: "column_exists?", table: op.table, column: op.column.name, runsWhen: "missing", text: `column_exists?(${sym(op.table)}, ${sym(op.column.name)}) (if_not_exists: true)` };
  if (op.kind === "create_table" && op.ifNotExists)
    return { ...base, predicate: "table_exists?", table: op.table, runsWhen: "missing", text: `table_exists?(${sym(op.table)}) (if_not_exists: true)` };
  if (op.kind === "add_index" && op.ifNotExists && op.name)
    return { ...base, predicate: "index_name_exists?", table: op.table, name: op.name, runsWhen: "missing", text: `index_name_exists?(${sym(op.table)}, ${JSON.stringify(op.name)}) (if_not_exists: true)` };
  if (op.kind === "drop_column" && op.ifExists)
    return { ...base, predicate: "column_exists?", table: op.table, column: op.column, runsWhen: "exists", text: `column_exists?(${sym(op.table)}, ${sym(op.column)}) (if_exists: true)` };
  if (op.kind === "drop_table" && op.ifExists && op.tables.length === 1)
    return { ...base, predicate: "table_exists?", table: op.tables[0], runsWhen: "exists", text: `table_exists?(${sym(op.tables[0])}) (if_exists: true)` };
  const names = op.kind === "drop_index" ? (op.names ?? []) : [];
  if (op.kind === "drop_index" && op.ifExists && op.table && names.length === 1)
    return { ...base, predicate: "index_name_exists?", table: op.table, name: names[0], runsWhen: "exists", text: `index_name_exists?(${sym(op.table)}, ${JSON.stringify(names[0])}) (if_exists: true)` };
  return undefined;
}
