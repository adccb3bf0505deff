/**
 * The Alembic fix for an index dropped under ACCESS EXCLUSIVE: the revision's own drop_index, every argument kept as
 * written (op.f names, schema=, if_exists=), with postgresql_concurrently=True, in an autocommit block; a batch_op
 * call becomes the op.drop_index that names the batch's table. SQL of an op.execute runs CONCURRENTLY as op.execute.
 */
import type { OperationOf } from "../../model.js";
import { ident } from "../support/fix.js";
import { calleeOf, withKeyword } from "../support/python-call.js";
import { outOfBatch } from "../support/alembic-batch.js";
import { reindented } from "../support/data-code.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";

/**
 * The calls that drop the index CONCURRENTLY, one per index, to run in an autocommit block (an index's replacement
 * puts them beside its build); undefined when migguard could not read the name of the index.
 */
export function alembicConcurrentDropCalls(op: OperationOf<"drop_index">, source: string | undefined, table: string | undefined): string[] | undefined {
  // one statement per index: DROP INDEX CONCURRENTLY drops one object at a time
  if (op.embeddedSql && op.names.length) return op.names.map((n) => `op.execute(${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(n)}`)})`);
  const callee = calleeOf(op.text) ?? "";
  if (/(?:^|\.)drop_index$/.test(callee)) {
    const own = reindented(op.text.trim());
    const call = op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`) ? outOfBatch(own, op, source, undefined) : callee.includes(".") && !callee.startsWith("op.") ? undefined : own;
    const concurrent = call && withKeyword(call, "postgresql_concurrently", "True");
    if (concurrent) return [concurrent];
  }
  // a call migguard cannot edit in place (a batch call in a loop, another alias): written from what was read
  if (!op.names[0]) return undefined;
  // a table in a schema (billing.invoices) is table_name= and schema=: one string would be quoted as one name
  const t = table ? alembicTable(table) : undefined;
  return [`op.drop_index(${pythonString(op.names[0])}${t ? `, table_name=${t.name}${t.schema}` : ""}, postgresql_concurrently=True)`];
}

export const alembicAutocommitBlock = (calls: readonly string[]): string =>
  ["with op.get_context().autocommit_block():", ...calls.map((c) => `    ${c.replace(/\n/g, "\n    ")}`)].join("\n");

export function alembicConcurrentDrop(op: OperationOf<"drop_index">, source: string | undefined, table: string | undefined): string {
  const calls = alembicConcurrentDropCalls(op, source, table);
  if (!calls) return `# migguard could not read the name of the index line ${op.loc.line} drops: drop it by that name with postgresql_concurrently=True, in op.get_context().autocommit_block()`;
  return alembicAutocommitBlock(calls);
}
