import { runsEveryVersion } from "../support/out-of-band-index.js";
import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { railsDropIndexFix } from "../support/rails-fix.js";
import { nameKey } from "../support/facts.js";
import { keptTable, upOps } from "../support/scope.js";
import { NO_WAY_OUT_OF_TRANSACTION, concurrentlyPlacement } from "../support/leave-transaction.js";
import type { OperationOf } from "../../model.js";
import { djangoConcurrentDrop } from "./django-concurrent-drop.js";
import { djangoApp } from "../support/django-migration.js";
import { alembicConcurrentDrop } from "./alembic-concurrent-drop.js";
import { replacedLater } from "../support/replaced-index.js";
import { railsRemovedIndex } from "../support/rails-removed-index.js";
import { runTimeConcurrentlyReport } from "../support/run-time-concurrently.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { concurrentIndexParts } from "../support/sql-text.js";
import type { RuleContext } from "../support/rule.js";

/**
 * Django: the CREATE INDEX a RunSQL's reverse_sql runs for the index its sql drops (acceslibre's 0184), built
 * CONCURRENTLY, so the fix keeps the way back the migration had.
 */
function reverseBuild(ctx: RuleContext, op: OperationOf<"drop_index">): { drop?: string; create: string } | undefined {
  const { down } = ctx.migration;
  if (!op.embeddedSql || op.names.length !== 1 || down.status !== "present") return undefined;
  const build = down.ops.find((o) => o.kind === "add_index" && o.embeddedSql && o.name !== undefined && nameKey(o.name) === nameKey(op.names[0]));
  return build ? concurrentIndexParts(build.text) : undefined;
}

export default defineRule({
  meta: {
    id: "drop-index-without-concurrently",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    title: "DROP INDEX without CONCURRENTLY blocks reads and writes",
    why:
      "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. It is quick once granted, but while it " +
      "waits behind a long query every other query on the table queues behind it. DROP INDEX CONCURRENTLY does not.",
  },
  check(ctx) {
    // indexes this migration builds before the drop (one built after it, under the dropped index's name, is its replacement)
    const added = upOps(ctx, "add_index").map(({ op, index }) => ({ index, key: op.name && nameKey(op.name) }));
    const createdHere = (name: string, before: number) => added.some((a) => a.index < before && a.key && a.key === nameKey(name));
    for (const { op: written, index } of upOps(ctx, "drop_index")) {
      if (written.concurrently) continue;
      // Rails' remove_index by column: drops the index on those columns, whatever its name
      const op = railsRemovedIndex(ctx, written);
      // DROP INDEX name: the table from where the index was created (this migration or an earlier one)
      const table = op.table ?? (op.names.length === 1 ? ctx.repository.indexTable(op.names[0], index) : undefined);
      // DROP TABLE takes the same lock and drops the index anyway: dropping it first adds no hazard
      if (table && !keptTable(ctx, table, index)) continue;
      // the hazard is the lock alone (the drop itself is quick): an ALTER TABLE of the same transaction (earlier, or
      // later with only schema work between: remove_column, rename_column) takes ACCESS EXCLUSIVE on the table and
      // holds it until commit anyway, so the concurrent drop would spare no wait
      if (ctx.facts.holdsAccessExclusiveInTransaction(table, index)) continue;
      if (op.names.length > 0 && op.names.every((n) => createdHere(n, index))) continue;
      // an index built again after it (same name, or same table and columns): one hazard, reported on that build
      if (replacedLater(ctx, index)) continue;
      // guarded (IF EXISTS, if_exists: true, `if index_exists?`) and the history removed the index already (with
      // its column or by name): the statement does nothing, it takes no lock
      if (op.ifExists && op.table && ctx.repository.indexGone(op.table, op.names, op.columns)) continue;
      const names = op.names.length ? op.names.join(", ") : `on ${op.table} (${op.columns.join(", ")})`;
      // CONCURRENTLY chosen at run time (an opt-in flag): a note, the safe path is the project's own
      if (written.concurrentlyWhen) {
        ctx.report({ op: written, ...runTimeConcurrentlyReport(ctx.framework, written, "drop", names, table, written.concurrentlyWhen) });
        continue;
      }
      ctx.report({
        op: written,
        // the project's own migrator may run the file in a transaction (own-runner.ts): then the drop by hand
        ...(mayRunUnderOwnRunner(ctx, op) && op.names.length ? { fixUnderRunnerTransaction: (who: string) => byHandDrop(who, op.names.map(ident)) } : {}),
        message: `Dropping index ${names} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table.`,
        fix: fixFor(ctx.framework, {
          sql: NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout] && !op.embeddedSql && op.names.length
            ? byHandDrop(NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout]!, op.names.map(ident))
            : op.names.length
              ? `${concurrentlyPlacement(ctx.migration, op, ctx.repository)}\n${op.names.map((n) => `DROP INDEX CONCURRENTLY IF EXISTS ${ident(n)};`).join("\n")}`
              : `-- migguard could not read the name of the index line ${op.loc.line} drops: drop it by that name with DROP INDEX CONCURRENTLY IF EXISTS, outside a transaction`,
          rails: () => railsDropIndexFix(op, ctx.migration, ctx.repository),
          django: () =>
            djangoConcurrentDrop(
              op,
              table,
              reverseBuild(ctx, op),
              // RemoveIndexConcurrently is Django 3.0+
              ctx.repository.djangoAtLeast("3.0") === false ? { app: djangoApp(ctx.migration), createdAs: op.names[0] ? ctx.repository.indexDefinition(op.names[0])?.sql : undefined } : undefined,
            ),
          alembic: () => alembicConcurrentDrop(op, ctx.migration.source, table),
        }),
      });
    }
  },
});

/** A runner that cannot leave its transaction (rivermigrate, a project's own migrator): the concurrent drop is a step by hand before migrating. */
function byHandDrop(runner: string, names: readonly string[]): string {
  return [
    `-- ${runner} ${runsEveryVersion(runner)} and has no way to leave it, so CONCURRENTLY cannot run in`,
    `-- this migration. Before migrating, drop the index by hand in a separate step outside any transaction (psql in autocommit):`,
    ...names.map((n) => `--   DROP INDEX CONCURRENTLY IF EXISTS ${n};`),
    `-- The migration keeps the drop with IF EXISTS: it finds the index gone and takes no lock.`,
    `DROP INDEX IF EXISTS ${names.join(", ")};`,
  ].join("\n");
}
