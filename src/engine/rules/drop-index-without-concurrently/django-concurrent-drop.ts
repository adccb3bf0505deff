/**
 * The Django fix for an index dropped under ACCESS EXCLUSIVE. RemoveIndex (an index of Meta.indexes, in Django's
 * state) becomes RemoveIndexConcurrently. Any other drop is SQL with the index's own name: a RunSQL DROP INDEX
 * runs CONCURRENTLY, and an AlterField that removes db_index=True (Django finds that index by introspection, so
 * RemoveIndexConcurrently, which looks in the state, cannot) has the index dropped CONCURRENTLY just before it,
 * under the names Django's schema editor gave it; the AlterField then finds nothing left to drop.
 */
import type { OperationOf } from "../../model.js";
import { ident } from "../support/fix.js";
import { pythonString } from "../support/embed-sql.js";
import { djangoIndexName } from "../../adapters/python/django-foreign-key-sql.js";

const NON_ATOMIC = "# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)";

export function djangoConcurrentDrop(op: OperationOf<"drop_index">, table: string | undefined): string {
  if (op.ormModel && op.names[0] && !op.embeddedSql && /(^|\.)RemoveIndex\(/.test(op.text.trim()))
    return `from django.contrib.postgres.operations import RemoveIndexConcurrently\n${NON_ATOMIC}\nRemoveIndexConcurrently(model_name=${pythonString(op.ormModel)}, name=${pythonString(op.names[0])})`;
  // one statement per index: DROP INDEX CONCURRENTLY drops one object at a time
  const drop = (names: readonly string[]) => names.map((name) => `migrations.RunSQL(${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`)}, reverse_sql=migrations.RunSQL.noop),`).join("\n");
  if (op.embeddedSql && op.names.length) return `${NON_ATOMIC}\n${drop(op.names)}`;
  // the field's index, as BaseDatabaseSchemaEditor._create_index_name named it, and on PostgreSQL the `_like`
  // one (varchar_pattern_ops) a CharField or TextField also has: IF EXISTS, so the name of one it lacks does no harm
  if (!op.names.length && table && op.columns.length === 1 && !table.includes(".")) {
    const named = [djangoIndexName(table, op.columns, ""), djangoIndexName(table, op.columns, "_like")];
    return [
      `# in a migration of its own, just before this one, ${NON_ATOMIC.slice(2)}:`,
      `# the index of ${table}.${op.columns[0]} under the names Django gave it, so the operation then finds none to drop`,
      drop(named),
    ].join("\n");
  }
  if (op.names.length) return `${NON_ATOMIC}\n${drop(op.names)}`;
  return `# migguard could not read the name of the index line ${op.loc.line} drops: drop it by that name with migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS ..."), atomic = False, before this operation`;
}
