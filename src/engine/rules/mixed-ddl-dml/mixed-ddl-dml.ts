import type { Migration, Operation } from "../../model.js";
import { dataCodeOf } from "../support/data-code.js";
import { djangoApp } from "../support/django-migration.js";
import { unboundNames } from "../support/python-free-names.js";
import { pythonString } from "../support/embed-sql.js";
import { nameKey } from "../support/facts.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, modelName } from "../support/fix.js";
import { existingTable } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { isPolymorphicTypeRename } from "../support/polymorphic-rename.js";

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

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => (l ? `${by}${l}` : l))
    .join("\n");

const camel = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

/** Statements that only frame the migration (BEGIN/COMMIT, SET): they neither need the data change nor are needed by it. */
const framing = (op: Operation) => op.kind === "transaction_control" || op.kind === "set_setting";

/**
 * The data change moved into a migration of its own, outside the schema change's transaction, its code kept.
 * The split keeps the migration's order: what comes before the first data step stays in migration 1, every
 * statement from the first data step to the last moves as written (a schema change between two data steps is
 * one the later step needs, or one that needs the earlier), and what comes after the last data step (a foreign
 * key the data step makes valid, the old column dropped once copied) waits for it in migration 3.
 */
function splitFix(ctx: RuleContext, allDataOps: readonly Operation[], dataTable: string | undefined, onlyNewColumns: boolean, laterLine?: number): string {
  // Django: ORM writes found inside a RunPython move with their RunPython, which is a data operation of its own
  const dataOps = ctx.framework === "django" ? allDataOps.filter((op) => op.kind === "data_migration" || op.embeddedSql) : allDataOps;
  const up = ctx.migration.up;
  const from = up.indexOf(dataOps[0]);
  const to = up.indexOf(dataOps[dataOps.length - 1]);
  // SQL and Ruby statements between the data steps run as written in the moved migration, in their order
  const moved = (ctx.framework === "sql" || ctx.framework === "rails") && from >= 0 && to >= from ? up.slice(from, to + 1).filter((op) => !framing(op)) : dataOps;
  const code = dataCodeOf(ctx.framework, moved);
  const rollback = onlyNewColumns
    ? "rolling back migration 1 drops what this fills"
    : "rollback does not bring the old values back: keep a copy first if they may be needed";
  // schema changes after the data change (a column dropped once its values are copied) wait for it: a third migration
  const between = moved.some((op) => !dataOps.includes(op));
  const first = between
    ? `this migration's statements before line ${dataOps[0].loc.line} (the schema changes between its data steps move with them, in their order)`
    : laterLine === undefined
      ? "this migration without its data change"
      : `this migration's schema changes before line ${laterLine}, without its data change`;
  const third = laterLine === undefined ? [] : [`migration 3, once migration 2 has run: the schema changes from line ${laterLine} on (they need the data change done)`];
  const withThird = (lines: string[], comment: string) => [...lines, ...third.map((t) => `${comment} ${t}`)].join("\n");
  switch (ctx.framework) {
    case "sql":
      return withThird([
        `-- migration 1: ${first}`,
        `-- migration 2 (or a background job), once migration 1 is deployed; on a large table, in batches:`,
        code,
        `-- (${rollback})`,
      ], "--");
    case "rails": {
      // mysql2 and trilogy never wrap a migration in a transaction (no transactional DDL): there is none to leave
      const mysql = isMysqlFamily(ctx.migration.database);
      return withThird([
        `# migration 1: ${first}`,
        mysql
          ? `# migration 2, once migration 1 is deployed (MySQL runs it without a transaction, each statement committed on its own; on a large table, in batches):`
          : `# migration 2, once migration 1 is deployed, outside the schema change's transaction (on a large table, in batches):`,
        `class Backfill${camel(dataTable?.split(".").pop() ?? "data")} < ActiveRecord::Migration[${ctx.migration.frameworkVersion ?? "7.1"}]`,
        ...(mysql ? [] : [`  disable_ddl_transaction!`, ``]),
        `  def change`,
        `    up_only do  # ${rollback}`,
        indent(code, "      "),
        `    end`,
        `  end`,
        `end`,
      ], "#");
    }
    case "django": {
      const app = djangoApp(ctx.migration);
      return withThird([
        `# migration 1: ${first}`,
        `# migration 2, once migration 1 is deployed, outside one long transaction (${rollback}):`,
        `class Migration(migrations.Migration):`,
        `    atomic = False`,
        `    dependencies = [(${pythonString(app.label)}, ${pythonString(app.name)})]  # migration 1`,
        `    operations = [`,
        indent(dataOps.map((op) => dataCodeOf("django", [op]).replace(/,?$/, ",")).filter((c, i, all) => all.indexOf(c) === i).join("\n"), "        "),
        `    ]`,
      ], "#");
    }
    case "alembic": {
      // statements lifted out of their loop or away from the connection they use would fail with NameError: when
      // the moved code reads names it does not bind, migguard says so and the revision stays as written
      const unbound = unboundNames(code);
      if (unbound === undefined || unbound.length > 0)
        return [
          `# migguard cannot move the data change of line ${dataOps[0].loc.line} into a revision of its own: it reads ${unbound?.length ? unbound.join(", ") : "names"} that the code around it binds`,
          `# (its loop, its connection, a table object), so moved alone it would fail with NameError.`,
          `# Keep this revision as it is (the data change and the schema changes after it stay in one transaction, so a`,
          `# copy-then-drop stays atomic), or split it by hand: the new revision carries the whole loop and every binding it reads.`,
          `pass  # this revision unchanged`,
        ].join("\n");
      return withThird([
        `# revision 1: ${first.replace("migration", "revision")}`,
        `# revision 2, once revision 1 is deployed, each statement committed on its own (${rollback}):`,
        `def upgrade():`,
        `    with op.get_context().autocommit_block():`,
        indent(code, "        "),
      ], "#");
    }
  }
}

/**
 * The data change may touch the table: a table it writes or reads, or a name its code uses (the table's or its
 * model's). Code that was not read may touch anything.
 */
function touches(op: Operation, table: string): boolean {
  if (op.kind === "data_migration" && op.mentions === undefined && op.tables.length === 0) return true;
  const bare = nameKey(table).split(".").pop()!;
  const model = modelName(bare).toLowerCase();
  const names =
    op.kind === "dml"
      ? [op.table, ...op.sourceTables]
      : op.kind === "data_migration"
        ? [...op.tables, ...(op.writes ?? []), ...(op.mentions ?? [])]
        : [];
  return names.some((n) => n !== undefined && [bare, model].includes(nameKey(n).split(".").pop()!.split("::").pop()!));
}

export default defineRule({
  meta: {
    id: "mixed-ddl-dml",
    category: "mixed-ddl-dml",
    severity: "warning",
    databases: ALL_DATABASES,
    title: "Schema change and data change in one migration",
    why:
      "A migration that both changes the schema and rewrites data is hard to roll back (the down must undo both, in " +
      "order) and, inside one transaction, holds the schema change's lock for the whole data change: a backfill of a " +
      "large table becomes minutes of blocked queries. Change the schema in one migration and move data in another, in batches.",
  },
  check(ctx) {
    const up = ctx.migration.up;
    // the class name in a polymorphic <x>_type column renamed with its table's rename must change in the same
    // transaction as the rename (see polymorphic-rename.ts): not a data change to split off
    const indexed = up.map((op, index) => ({ op, index }));
    // seeding a table created by this same migration is part of creating it (also from a loop over old rows);
    // a Django RunPython reaches the database through the models it asks apps.get_model for
    const seedsNewTables = (tables: readonly string[] | undefined, index: number) =>
      tables !== undefined && tables.length > 0 && tables.every((t) => ctx.facts.isNewTable(t, index));
    const dataOps = indexed.filter(
      ({ op, index }) =>
        (op.kind === "data_migration" && !seedsNewTables(op.writes ?? (ctx.framework === "django" ? op.tables : undefined), index)) ||
        (op.kind === "dml" && op.verb !== "copy" && !(op.table && ctx.facts.isNewTable(op.table, index)) && !isPolymorphicTypeRename(op, up, ctx.framework)),
    );
    const schemaOps = indexed.filter(({ op }) => SCHEMA_KINDS.has(op.kind));
    if (schemaOps.length === 0 || dataOps.length === 0) return;
    // the only schema change drops tables the data change does not touch: the lock is on the dropped tables alone
    // (whether dropping them is safe is drop-table's business), so no one waits on it for the data change. MySQL
    // commits the DROP on its own, so there a failed data change still leaves a rerun failing on it: reported below
    if (!isMysqlFamily(ctx.migration.database) && schemaOps.every(({ op }) => op.kind === "drop_table" && op.tables.every((t) => !dataOps.some((d) => touches(d.op, t))))) return;
    const first = dataOps[0];
    const last = dataOps[dataOps.length - 1];
    // a schema change after the data change (the old column dropped once copied) must wait for it
    // (any statement after it that is not framing: a schema call migguard could not read, an add_foreign_key on a
    // table named at run time, is as likely to need the data change done)
    const laterLine = indexed.find(({ op, index }) => index > last.index && op.loc.line > last.op.loc.endLine && !framing(op))?.op.loc.line;
    // the tables the data change writes: a DML statement's table, or the models a Django RunPython asks apps.get_model for
    const dataTables = first.op.kind === "dml" ? (first.op.table ? [first.op.table] : []) : first.op.kind === "data_migration" ? first.op.tables : [];
    const lockedBefore = schemaOps.find(
      ({ op, index }) =>
        index < first.index && op.inTransaction && op.kind !== "create_table" && existingTable(ctx, tableOf(op), index) && dataTables.some((t) => nameKey(tableOf(op)!) === nameKey(t)),
    );
    const dataTable = lockedBefore ? tableOf(lockedBefore.op) : dataTables[0];
    // a backfill writes only columns this migration adds: nothing to restore on rollback
    const added = new Set(up.flatMap((op) => (op.kind === "add_column" ? [`${nameKey(op.table)}.${nameKey(op.column.name)}`] : [])));
    const onlyNewColumns = dataOps.every(({ op }) => op.kind === "dml" && op.verb === "update" && op.table !== undefined && op.columns.length > 0 && op.columns.every((c) => added.has(`${nameKey(op.table!)}.${nameKey(c)}`)));
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
        // the same split: the schema change alone, then the data change (its code kept) in a migration of its own
        fix: splitFix(ctx, dataOps.map((d) => d.op), dataTable, onlyNewColumns, laterLine),
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
      fix: splitFix(
        ctx,
        dataOps.map((d) => d.op),
        dataTable,
        onlyNewColumns,
        laterLine,
      ),
    });
  },
});
