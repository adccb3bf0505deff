import { defineRule } from "../support/rule.js";
import { railsDropTableFix } from "../support/rails-fix.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

export default defineRule({
  meta: {
    id: "drop-table",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a table destroys its data",
    why:
      "DROP TABLE deletes every row at once. A down migration can recreate the table but not its rows, and any " +
      "code or report still reading the table fails the moment the migration runs.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "drop_table")) {
      for (const table of op.tables) {
        if (!existingTable(ctx, table, index) || ctx.facts.backedUpBefore(table, undefined, index)) continue;
        const t = ident(table);
        ctx.report({
          op,
          message: `Dropping table ${table} deletes all its rows; a rollback cannot bring them back, and code still using ${table} breaks.`,
          fix: fixFor(ctx.framework, {
            sql: `
              -- 1. Remove every use of ${t} from the application and deploy.
              -- 2. Keep the data until you are sure nothing needs it:
              ALTER TABLE ${t} RENAME TO ${ident(`${table.split(".").pop()}_deprecated`)};
              -- 3. Drop the renamed table in a later migration.`,
            rails:
              railsDropTableFix(op, table) ??
              `
              # 1. Remove every use of ${modelName(table)} and deploy.
              # 2. Keep a copy, then drop the table with its definition so the migration can be reversed:
              execute "CREATE TABLE ${table}_backup AS TABLE ${table}"
              drop_table ${sym(table)} do |t|
                # the columns of ${table}, so rollback can recreate it
              end`,
            django: `
              # 1. Delete the model from the code and from Django's state only (the table stays), and deploy:
              migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="${op.ormModel ?? modelName(table)}")], database_operations=[]),
              # 2. In a later migration, once nothing reads it, move it out of the way (drop it once nobody misses the rows):
              migrations.RunSQL(
                  "ALTER TABLE ${table} RENAME TO ${table.split(".").pop()}_deprecated",
                  reverse_sql="ALTER TABLE ${table.split(".").pop()}_deprecated RENAME TO ${table}",
              ),`,
            alembic: `
              # 1. Stop using the table and deploy. 2. Keep a copy, then drop it in a later revision:
              op.execute("CREATE TABLE ${table}_backup AS TABLE ${table}")
              op.drop_table("${table}")`,
          }),
        });
      }
    }
  },
});
