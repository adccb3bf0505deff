import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { railsDropIndexFix } from "../support/rails-fix.js";
import { nameKey } from "../support/facts.js";
import { keptTable, upOps } from "../support/scope.js";
import { NO_WAY_OUT_OF_TRANSACTION, concurrentlyPlacement } from "../support/leave-transaction.js";

export default defineRule({
  meta: {
    id: "drop-index-without-concurrently",
    fixReplacesOperation: true,
    category: "blocking-lock",
    severity: "warning",
    title: "DROP INDEX without CONCURRENTLY blocks reads and writes",
    why:
      "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. It is quick once granted, but while it " +
      "waits behind a long query every other query on the table queues behind it. DROP INDEX CONCURRENTLY does not.",
  },
  check(ctx) {
    const createdHere = new Set(upOps(ctx, "add_index").map(({ op }) => op.name && nameKey(op.name)).filter(Boolean));
    for (const { op, index } of upOps(ctx, "drop_index")) {
      if (op.concurrently) continue;
      // DROP INDEX name: the table from where the index was created (this migration or an earlier one)
      const table = op.table ?? (op.names.length === 1 ? ctx.repository.indexTable(op.names[0], index) : undefined);
      // DROP TABLE takes the same lock and drops the index anyway: dropping it first adds no hazard
      if (table && !keptTable(ctx, table, index)) continue;
      // the hazard is the lock alone (the drop itself is quick): an ALTER TABLE of the same transaction (earlier, or
      // later with only schema work between: remove_column, rename_column) takes ACCESS EXCLUSIVE on the table and
      // holds it until commit anyway, so the concurrent drop would spare no wait
      if (ctx.facts.holdsAccessExclusiveInTransaction(table, index)) continue;
      if (op.names.length > 0 && op.names.every((n) => createdHere.has(nameKey(n)))) continue;
      // guarded (IF EXISTS, if_exists: true, `if index_exists?`) and the history removed the index already (with
      // its column or by name): the statement does nothing, it takes no lock
      if (op.ifExists && op.table && ctx.repository.indexGone(op.table, op.names, op.columns)) continue;
      const names = op.names.length ? op.names.join(", ") : `on ${op.table} (${op.columns.join(", ")})`;
      ctx.report({
        op,
        message: `Dropping index ${names} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table.`,
        fix: fixFor(ctx.framework, {
          sql: NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout] && !op.embeddedSql && op.names.length
            ? byHandDrop(NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout]!, op.names.map(ident).join(", "))
            : `${concurrentlyPlacement(ctx.migration, op)}\nDROP INDEX CONCURRENTLY IF EXISTS ${op.names.map(ident).join(", ") || "<index>"};`,
          rails: () => railsDropIndexFix(op, ctx.migration),
          django: () => `from django.contrib.postgres.operations import RemoveIndexConcurrently\n# with atomic = False on the Migration\nRemoveIndexConcurrently(model_name="${op.ormModel ?? "..."}", name="${op.names[0] ?? "..."}")`,
          alembic: () => `with op.get_context().autocommit_block():\n    op.drop_index("${op.names[0] ?? "..."}"${op.table ? `, table_name="${op.table}"` : ""}, postgresql_concurrently=True)`,
        }),
      });
    }
  },
});

/** A runner that cannot leave its transaction (rivermigrate): the concurrent drop is a step by hand before migrating. */
function byHandDrop(runner: string, names: string): string {
  return [
    `-- ${runner} runs every version in a transaction and has no way to leave it, so CONCURRENTLY cannot run in`,
    `-- this migration. Before migrating, drop the index by hand in a separate step outside any transaction (psql in autocommit):`,
    `--   DROP INDEX CONCURRENTLY IF EXISTS ${names};`,
    `-- The migration keeps the drop with IF EXISTS: it finds the index gone and takes no lock.`,
    `DROP INDEX IF EXISTS ${names};`,
  ].join("\n");
}
