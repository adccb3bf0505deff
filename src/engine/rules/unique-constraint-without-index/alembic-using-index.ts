/**
 * Alembic's create_unique_constraint / create_primary_key, and an sa.Column(unique=True) of op.add_column, as a
 * unique index built CONCURRENTLY then attached with ADD CONSTRAINT ... USING INDEX (instant). The revision's own
 * arguments are kept as written: the table and columns (a variable, an sa.text), schema=, deferrable= and
 * initially= (USING INDEX takes DEFERRABLE / INITIALLY too), and the column's type, nullable, server_default.
 */
import type { OperationOf } from "../../model.js";
import { argumentText, calleeOf, keywordText, readLiteral, withoutKeyword } from "../support/python-call.js";
import { batchTarget } from "../support/alembic-batch.js";
import { reindented } from "../support/data-code.js";
import { pythonString } from "../support/embed-sql.js";
import { ident } from "../support/fix.js";

const autocommit = (call: string) => `with op.get_context().autocommit_block():\n    ${call}`;

/**
 * The ALTER TABLE ... USING INDEX of the constraint, or a comment saying which argument is not a literal. `table`
 * is the adapter's, with the schema a literal `schema=` names (board.positions).
 */
function attach(table: string, schemaText: string | undefined, name: string, kind: string, idx: string, call: string | undefined): string {
  const reads = { schema: readLiteral(schemaText, "schema"), deferrable: readLiteral(call && keywordText(call, "deferrable"), "deferrable"), initially: readLiteral(call && keywordText(call, "initially"), "initially") };
  const unknown = Object.values(reads).flatMap((r) => (r.ok ? [] : [r.what]));
  const value = (r: (typeof reads)[keyof typeof reads]) => (r.ok ? r.value : undefined);
  const deferrable = value(reads.deferrable);
  const sql = [
    `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} ${kind} USING INDEX ${ident(idx)}`,
    deferrable === true ? " DEFERRABLE" : deferrable === false ? " NOT DEFERRABLE" : "",
    typeof value(reads.initially) === "string" ? ` INITIALLY ${value(reads.initially)}` : "",
  ].join("");
  const note = unknown.length ? `# ${unknown.join(", ")}: not a literal, so not in this SQL; add its value\n` : "";
  return `${note}op.execute(${pythonString(sql)})  # instant: the index is built already`;
}

/** The fix of a create_unique_constraint / create_primary_key call (op.* or a batch's), or undefined for any other. */
export function alembicConstraintUsingIndex(op: OperationOf<"add_constraint">, source: string | undefined, idx: string, kind: string): string | undefined {
  const callee = calleeOf(op.text) ?? "";
  // op.add_column(sa.Column(..., unique=True)): Alembic adds the column, then the constraint, from one call
  if (/(?:^|\.)add_column$/.test(callee) && op.columns.length === 1) return columnUsingIndex(op.text, op.table, op.columns[0], op.constraint === "primary_key", idx);
  if (!/(?:^|\.)create_(unique_constraint|primary_key)$/.test(callee)) return undefined;
  const call = reindented(op.text.trim());
  const batch = op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`) ? batchTarget(source, op.batchBlock.loc) : undefined;
  if (!batch && (op.batchBlock || (callee.includes(".") && !callee.startsWith("op.")))) return undefined;
  const table = batch ? batch.table : argumentText(call, 1, "table_name");
  const columns = argumentText(call, batch ? 1 : 2, "columns");
  const schema = batch ? batch.schema : keywordText(call, "schema");
  if (!table || !columns || op.table === "?") return undefined;
  const create = `op.create_index(${pythonString(idx)}, ${table}, ${columns}, unique=True${schema ? `, schema=${schema}` : ""}, postgresql_concurrently=True)`;
  return [autocommit(create), attach(op.table, schema, op.name ?? idx, kind, idx, call)].join("\n");
}

/** The fix of an op.add_column whose sa.Column has unique=True / primary_key=True: the column as written without it, then the index. */
export function alembicColumnUsingIndex(op: OperationOf<"add_column">, idx: string): string | undefined {
  if (!/(?:^|\.)add_column$/.test(calleeOf(op.text) ?? "")) return undefined;
  return columnUsingIndex(op.text, op.table, op.column.name, !!op.column.primaryKey, idx);
}

function columnUsingIndex(text: string, tableName: string, columnName: string, primaryKey: boolean, idx: string): string | undefined {
  const isColumn = (c: string) => /(?:^|\.)Column$/.test(c);
  const column = withoutKeyword(reindented(text.trim()), primaryKey ? "primary_key" : "unique", isColumn);
  const table = argumentText(text, 0, "table_name");
  const schema = keywordText(text, "schema");
  if (!column || !table) return undefined;
  const create = `op.create_index(${pythonString(idx)}, ${table}, [${pythonString(columnName)}], unique=True${schema ? `, schema=${schema}` : ""}, postgresql_concurrently=True)`;
  return [column, autocommit(create), attach(tableName, schema, idx, primaryKey ? "PRIMARY KEY" : "UNIQUE", idx, undefined)].join("\n");
}
