import type { Operation } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { fixFor, modelName } from "../support/fix.js";
import { nameKey } from "../support/facts.js";
import { existingTable } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";

const SCHEMA_KINDS = new Set<Operation["kind"]>([
  "create_table",
  "drop_table",
  "rename_table",
  "add_column",
  "drop_column",
  "rename_column",
  "alter_column_type",
  "redefine_column",
  "set_not_null",
  "drop_not_null",
  "set_default",
  "drop_default",
  "add_index",
  "drop_index",
  "add_constraint",
  "validate_constraint",
  "drop_constraint",
  "alter_enum",
]);

const tableOf = (op: Operation): string | undefined => ("table" in op && typeof op.table === "string" ? op.table : op.kind === "drop_table" ? op.tables[0] : undefined);

export default defineRule({
  meta: {
    id: "mixed-ddl-dml",
    databases: ALL_DATABASES,
    category: "mixed-ddl-dml",
    severity: "warning",
    title: "Schema change and data change in one migration",
    why:
      "A migration that both changes the schema and rewrites data is hard to roll back (the down must undo both, in " +
      "order) and, inside one transaction, holds the schema change's lock for the whole data change: a backfill of a " +
      "large table becomes minutes of blocked queries. Change the schema in one migration and move data in another, in batches.",
  },
  check(ctx) {
    const up = ctx.migration.up;
    const indexed = up.map((op, index) => ({ op, index }));
    // seeding a table created by this same migration is part of creating it (also from a loop over old rows)
    const seedsNewTables = (tables: readonly string[] | undefined, index: number) =>
      tables !== undefined && tables.length > 0 && tables.every((t) => ctx.facts.isNewTable(t, index));
    const dataOps = indexed.filter(
      ({ op, index }) =>
        (op.kind === "data_migration" && !seedsNewTables(op.writes, index)) ||
        (op.kind === "dml" && op.verb !== "copy" && !(op.table && ctx.facts.isNewTable(op.table, index))),
    );
    const schemaOps = indexed.filter(({ op }) => SCHEMA_KINDS.has(op.kind));
    if (schemaOps.length === 0 || dataOps.length === 0) return;
    const first = dataOps[0];
    // the tables the data change writes: a DML statement's table, or the models a Django RunPython asks apps.get_model for
    const dataTables = first.op.kind === "dml" ? (first.op.table ? [first.op.table] : []) : first.op.kind === "data_migration" ? first.op.tables : [];
    const lockedBefore = schemaOps.find(
      ({ op, index }) =>
        index < first.index && op.inTransaction && existingTable(ctx, tableOf(op), index) && dataTables.some((t) => nameKey(tableOf(op)!) === nameKey(t)),
    );
    const dataTable = lockedBefore ? tableOf(lockedBefore.op) : dataTables[0];
    // outside a transaction (disable_ddl_transaction!, atomic = False, a runner's no-transaction mode) each
    // statement commits on its own: no lock outlives its statement, only the rollback has two things to undo
    const sharesTransaction = first.op.inTransaction && schemaOps.some(({ op }) => op.inTransaction);
    const noTransaction = ctx.framework === "rails" ? "disable_ddl_transaction!" : ctx.framework === "django" ? "atomic = False" : "no runner transaction";
    if (isMysqlFamily(ctx.migration.database)) {
      // no transactional DDL: whatever the runner opens, each schema statement commits on its own
      ctx.report({
        op: first.op,
        severity: "warning",
        message: `This migration changes both the schema and the data, and MySQL commits each schema statement on its own (no transactional DDL): a failure in the data change leaves the schema changed, the migration unrecorded, and a rerun failing on the statement already done.`,
        fix: fixFor(ctx.framework, {
          sql: "-- migration 1: the schema change alone\n-- migration 2: the data change, in batches (UPDATE ... WHERE id BETWEEN ? AND ?), safe to rerun",
          rails: "# migration 1: the schema change alone\n# migration 2 (or a job): the data change, in batches (in_batches), safe to rerun",
          django: "# migration 1: the schema operations alone\n# migration 2: the RunPython/RunSQL data change, in batches, safe to rerun",
          alembic: "# revision 1: the schema operations alone\n# revision 2: the data change, in batches, safe to rerun",
        }),
      });
      return;
    }
    ctx.report({
      op: first.op,
      severity: !sharesTransaction ? "info" : lockedBefore ? "error" : undefined,
      message: !sharesTransaction
        ? `This migration changes both the schema and the data outside a transaction (${noTransaction}): the data change does not hold the schema change's locks, but a failure halfway leaves one done without the other, and a rollback must undo both.`
        : lockedBefore
          ? `This data change runs in the same transaction as the schema change of ${dataTable} on line ${lockedBefore.op.loc.line}: the table stays locked for the whole data change, and a rollback must undo both.`
          : `This migration changes both the schema and the data in one transaction: the data change runs while the schema change's locks are held, and a rollback must undo both.`,
      fix: fixFor(ctx.framework, {
        sql: `
          -- migration 1: the schema change only
          -- migration 2 (or a background job): the data change, in batches, e.g.
          UPDATE ${dataTable ?? "<table>"} SET ... WHERE id BETWEEN :start AND :end;`,
        rails: `
          # migration 1: schema only
          # migration 2 (or a job), outside the schema transaction, in batches:
          class Backfill${dataTable ? modelName(dataTable) : ""} < ActiveRecord::Migration[${ctx.migration.frameworkVersion ?? "7.1"}]
            disable_ddl_transaction!

            def up
              ${dataTable ? modelName(dataTable) : "Model"}.unscoped.in_batches(of: 1_000) { |batch| batch.update_all(...) }
            end

            def down
              ${dataTable ? modelName(dataTable) : "Model"}.unscoped.in_batches(of: 1_000) { |batch| batch.update_all(...) }  # the previous values
            end
          end`,
        django: `
          # migration 1: the schema operations
          # migration 2: the data, with a way back, outside one big transaction:
          class Migration(migrations.Migration):
              atomic = False
              operations = [migrations.RunPython(backfill_in_batches, reverse_code=migrations.RunPython.noop)]`,
        alembic: `
          # revision 1: the schema change only
          # revision 2: the data change, in batches, each committed on its own:
          def upgrade():
              conn = op.get_bind()
              with op.get_context().autocommit_block():
                  while conn.execute(sa.text("UPDATE ${dataTable ?? "<table>"} SET ... WHERE id IN (SELECT id FROM ${dataTable ?? "<table>"} WHERE <not done> LIMIT 1000)")).rowcount:
                      pass`,
      }),
    });
  },
});
