import type { OperationOf } from "../../model.js";
import { djangoIndexName } from "../../adapters/python/django-foreign-key-sql.js";
import { ident } from "../support/fix.js";
import { reindented } from "../support/data-code.js";
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import { concurrentBuildRunSql } from "../support/django-index-run-sql.js";
import { calleeOf, withKeyword } from "../support/python-call.js";

/**
 * The index of a field on a model a package builds itself (django-simple-history's HistoricalCanteen): the package
 * copies the tracked model's fields (a ForeignKey with db_index=True) and writes its own Meta, so no class of the
 * project can say db_index=False or list the index in Meta.indexes, and makemigrations would put it back: Django's
 * state keeps the operation as written (stateKeptIndexFix).
 */
export function historyModelIndexFix(op: OperationOf<"add_index">, opclass: string | undefined): { fieldStep: string; build: string } | undefined {
  if (!op.ormModelBuiltBy) return undefined;
  return stateKeptIndexFix(op, opclass, [
    `# ${op.ormModel ?? op.table} is built by ${op.ormModelBuiltBy} (it copies the field with its index and writes its own Meta): no model of the`,
    `# project can drop the index, so Django's state keeps this ${calleeOf(op.text) ?? "operation"} as written and the database adds the column without it`,
  ]);
}

/**
 * The field's index built by RunSQL CONCURRENTLY while Django's state keeps the field operation as written
 * (SeparateDatabaseAndState: the database adds the column with db_index=False), under the name Django's schema editor
 * gives it (_create_index_name), with the `_like` index Django builds beside a varchar or text column's: for a model
 * no class of the project can change (historyModelIndexFix), and for a Django before 3.0, which has no
 * AddIndexConcurrently. `why` heads the field step. Undefined when the field call cannot be edited or the table has a
 * schema (Django's names for those are out of reach).
 */
export function stateKeptIndexFix(op: OperationOf<"add_index">, opclass: string | undefined, why: readonly string[]): { fieldStep: string; build: string } | undefined {
  if (!op.ormField || !op.ormFieldDef || op.columns.length !== 1 || op.table.includes(".")) return undefined;
  const fieldCallee = calleeOf(op.ormFieldDef);
  const withoutIndex = fieldCallee ? withKeyword(reindented(op.text.trim()), "db_index", "False", (c) => c === fieldCallee) : undefined;
  if (!withoutIndex) return undefined;
  const column = op.columns[0];
  const indexes = [
    { name: djangoIndexName(op.table, [column], ""), key: ident(column) },
    ...(opclass ? [{ name: djangoIndexName(op.table, [column], "_like"), key: `${ident(column)} ${opclass}` }] : []),
  ];
  const fieldStep = [
    ...why,
    ...separateDatabaseAndState(withoutIndex.replace(/,?$/, ",").split("\n"), op.text),
  ].join("\n");
  const build = indexes.flatMap(({ name, key }) => concurrentBuildRunSql(name, `CREATE INDEX CONCURRENTLY ${ident(name)} ON ${ident(op.table)} (${key})`)).join("\n");
  return { fieldStep, build };
}
