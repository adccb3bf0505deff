/**
 * The Django fix for an index dropped under ACCESS EXCLUSIVE. RemoveIndex (an index of Meta.indexes, in Django's
 * state) becomes RemoveIndexConcurrently. Any other drop is SQL with the index's own name: a RunSQL DROP INDEX
 * runs CONCURRENTLY, and an AlterField that removes db_index=True (Django finds that index by introspection, so
 * RemoveIndexConcurrently, which looks in the state, cannot) has the index dropped CONCURRENTLY just before it,
 * under the names Django's schema editor gave it; the AlterField then finds nothing left to drop.
 */
import type { OperationOf } from "../../model.js";
import { pythonString } from "../support/embed-sql.js";
import { djangoIndexName } from "../../adapters/python/django-foreign-key-sql.js";
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import { dropIndexRunSql } from "../support/django-index-run-sql.js";
import { concurrentIndexParts } from "../support/sql-text.js";

const NON_ATOMIC = "# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)";

/**
 * The reverse_sql of a RunSQL whose DROP INDEX is made CONCURRENTLY: the index its written reverse_sql builds again,
 * built CONCURRENTLY too (what a failed build left dropped first), so unapplying still restores it; a no-op only
 * where the written RunSQL had no reverse that builds it.
 */
function reverseOf(rebuild: { drop?: string; create: string } | undefined): string {
  if (!rebuild) return "migrations.RunSQL.noop";
  const statements = [...(rebuild.drop && !rebuild.drop.startsWith("--") ? [rebuild.drop] : []), rebuild.create].map((s) => pythonString(s.replace(/;\s*$/, "")));
  return statements.length === 1 ? statements[0] : `[${statements.join(", ")}]`;
}

/**
 * A RemoveIndex on a Django before 3.0 (no RemoveIndexConcurrently): RunSQL drops the index CONCURRENTLY, Django's
 * state removes it as written. Its reverse builds it again CONCURRENTLY from the CREATE INDEX the history wrote in SQL;
 * without one, unapplying builds nothing, and the fix says where Django prints the statement.
 */
function oldDjangoRemoveIndex(op: OperationOf<"drop_index">, name: string, app: { label: string; name: string }, createdAs: string | undefined): string {
  const rebuild = createdAs ? concurrentIndexParts(createdAs) : undefined;
  const drop = dropIndexRunSql(name, reverseOf(rebuild));
  return [
    `# RemoveIndexConcurrently is Django 3.0+ and this project's Django is older: RunSQL drops the index CONCURRENTLY, Django's state removes it`,
    NON_ATOMIC,
    ...(rebuild
      ? []
      : [`# unapplying it builds no index: add the CREATE INDEX CONCURRENTLY Django prints (python manage.py sqlmigrate ${app.label} ${app.name} --backwards) as reverse_sql`]),
    ...separateDatabaseAndState([drop], op.text),
  ].join("\n");
}

export function djangoConcurrentDrop(
  op: OperationOf<"drop_index">,
  table: string | undefined,
  rebuild?: { drop?: string; create: string },
  /** the project pins a Django before 3.0, with this app and migration name, and the dropped index's CREATE INDEX when the history wrote it in SQL */
  oldDjango?: { app: { label: string; name: string }; createdAs?: string },
): string {
  if (op.ormModel && op.names[0] && !op.embeddedSql && /(^|\.)RemoveIndex\(/.test(op.text.trim()))
    return oldDjango
      ? oldDjangoRemoveIndex(op, op.names[0], oldDjango.app, oldDjango.createdAs)
      : `from django.contrib.postgres.operations import RemoveIndexConcurrently\n${NON_ATOMIC}\nRemoveIndexConcurrently(model_name=${pythonString(op.ormModel)}, name=${pythonString(op.names[0])})`;
  // one statement per index: DROP INDEX CONCURRENTLY drops one object at a time
  const drop = (names: readonly string[], reverse?: string) => names.map((name) => dropIndexRunSql(name, reverse)).join("\n");
  if (op.embeddedSql && op.names.length) return `${NON_ATOMIC}\n${drop(op.names, op.names.length === 1 ? reverseOf(rebuild) : undefined)}`;
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
