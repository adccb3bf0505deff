/**
 * Alembic's create_unique_constraint / create_primary_key, and an sa.Column(unique=True) of add_column, as a
 * unique index built CONCURRENTLY then attached with ADD CONSTRAINT ... USING INDEX (instant). The revision's own
 * arguments are kept as written: the table and columns (a variable, an sa.text), schema=, deferrable= and
 * initially= (USING INDEX takes DEFERRABLE / INITIALLY too), and the column's type, nullable, server_default.
 */
import type { Operation, OperationOf } from "../../model.js";
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
export function alembicConstraintUsingIndex(op: OperationOf<"add_constraint">, source: string | undefined, idx: string, kind: string, others: readonly string[] = []): string | undefined {
  const callee = calleeOf(op.text) ?? "";
  // op.add_column(sa.Column(..., unique=True)): Alembic adds the column, then the constraint, from one call
  if (/(?:^|\.)add_column$/.test(callee) && op.columns.length === 1) return addColumnUsingIndex(op, op.columns[0], op.constraint === "primary_key", idx, source, others);
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

/**
 * The fix of an op.add_column (or a batch's add_column) whose sa.Column has unique=True / primary_key=True: the
 * column as written without it, then the index. `source`: the revision's, where a batch block is read (its table,
 * and the block written out: the batch's add_column runs when the block exits, so the index goes after it).
 * `others`: the databases the project also runs on (their labels): there the column stays as written, since
 * PostgreSQL's USING INDEX does not run there, under the connection's dialect check.
 */
export function alembicColumnUsingIndex(op: OperationOf<"add_column">, idx: string, source: string | undefined, others: readonly string[] = []): string | undefined {
  return addColumnUsingIndex(op, op.column.name, !!op.column.primaryKey, idx, source, others);
}

/** An add_column call (op.add_column or a batch's) that adds `columnName` with its key, as the column without it and the index. */
function addColumnUsingIndex(op: OperationOf<"add_column"> | OperationOf<"add_constraint">, columnName: string, primaryKey: boolean, idx: string, source: string | undefined, others: readonly string[]): string | undefined {
  const callee = calleeOf(op.text) ?? "";
  if (!/(?:^|\.)add_column$/.test(callee)) return undefined;
  const block = op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`) ? op.batchBlock : undefined;
  if (block) return batchColumnUsingIndex(op, columnName, primaryKey, idx, source, block, others);
  if (op.batchBlock || (callee.includes(".") && !callee.startsWith("op."))) return undefined;
  const table = argumentText(op.text, 0, "table_name");
  if (!table) return undefined;
  const steps = columnUsingIndex(op.text, table, keywordText(op.text, "schema"), op.table, columnName, primaryKey, idx);
  if (!steps) return undefined;
  if (!others.length) return [steps.column, ...steps.after].join("\n");
  return [
    `# PostgreSQL's way on PostgreSQL only (the connection's dialect), the column as written on ${others.join(" and ")}:`,
    DIALECT_GUARD,
    ...[steps.column, ...steps.after].map(indented),
    `else:`,
    indented(reindented(op.text.trim())),
  ].join("\n");
}

const DIALECT_GUARD = 'if op.get_bind().dialect.name == "postgresql":';
const indented = (text: string) => `    ${text.replace(/\n/g, "\n    ")}`;

/** The column without its key, and what builds and attaches the index after it. */
function columnUsingIndex(text: string, table: string, schema: string | undefined, tableName: string, columnName: string, primaryKey: boolean, idx: string): { column: string; after: string[] } | undefined {
  const isColumn = (c: string) => /(?:^|\.)Column$/.test(c);
  const column = withoutKeyword(reindented(text.trim()), primaryKey ? "primary_key" : "unique", isColumn);
  if (!column) return undefined;
  const create = `op.create_index(${pythonString(idx)}, ${table}, [${pythonString(columnName)}], unique=True${schema ? `, schema=${schema}` : ""}, postgresql_concurrently=True)`;
  return { column, after: [autocommit(create), attach(tableName, schema, idx, primaryKey ? "PRIMARY KEY" : "UNIQUE", idx, undefined)] };
}

/**
 * A batch's add_column: the with block as written, the add_column in it without its key (as written on the other
 * databases), then after the block the index on the batch's table. A create_index put in the add_column's place
 * would run before the batch adds the column, when the block exits.
 */
function batchColumnUsingIndex(op: OperationOf<"add_column"> | OperationOf<"add_constraint">, columnName: string, primaryKey: boolean, idx: string, source: string | undefined, block: NonNullable<Operation["batchBlock"]>, others: readonly string[]): string | undefined {
  const target = batchTarget(source, block.loc);
  if (!source || !target) return undefined;
  const steps = columnUsingIndex(op.text, target.table, target.schema, op.table, columnName, primaryKey, idx);
  if (!steps) return undefined;
  const asWritten = reindented(op.text.trim());
  const inBlock = others.length ? [DIALECT_GUARD, indented(steps.column), `else:`, indented(asWritten)].join("\n") : steps.column;
  const written = blockWith(source, block.loc, op.loc, inBlock);
  if (!written) return undefined;
  const where = `the with block of lines ${block.loc.line}-${block.loc.endLine}: ${block.alias}'s operations run when it exits, so the index goes after it`;
  if (!others.length) return [`# in place of ${where}:`, written, ...steps.after].join("\n");
  return [
    `# PostgreSQL's way on PostgreSQL only (the connection's dialect), the column as written on ${others.join(" and ")}; in place of ${where}:`,
    written,
    DIALECT_GUARD,
    ...steps.after.map(indented),
  ].join("\n");
}

/** The with block of `blockLoc`, dedented, with the statement of `statementLoc` in it replaced by `replacement`. */
function blockWith(source: string, blockLoc: { line: number; endLine: number }, statementLoc: { line: number; endLine: number } | undefined, replacement: string): string | undefined {
  if (!statementLoc || statementLoc.line < blockLoc.line || statementLoc.endLine > blockLoc.endLine) return undefined;
  const lines = source.split("\n");
  const margin = (l: string) => l.length - l.trimStart().length;
  const outer = margin(lines[blockLoc.line - 1] ?? "");
  const inner = " ".repeat(Math.max(0, margin(lines[statementLoc.line - 1] ?? "") - outer));
  const dedent = (l: string) => l.slice(Math.min(outer, margin(l)));
  return [
    ...lines.slice(blockLoc.line - 1, statementLoc.line - 1).map(dedent),
    ...replacement.split("\n").map((l) => (l.trim() ? `${inner}${l}` : "")),
    ...lines.slice(statementLoc.endLine, blockLoc.endLine).map(dedent),
  ].join("\n").trimEnd();
}
