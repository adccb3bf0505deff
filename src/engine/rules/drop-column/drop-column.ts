import { defineRule } from "../support/rule.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import { backupFix, plannedRemoval } from "../support/planned-removal.js";
import { existingTable, restoredByDown, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

/** The seed's outage: remove_column while a legacy report still read the column. */
export default defineRule({
  meta: {
    id: "drop-column",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a column destroys its data",
    why:
      "DROP COLUMN deletes the column's values in every row. Application servers still running the old code keep " +
      "selecting it (ORMs cache the column list) and fail until they restart, and a rollback can re-add the column " +
      "but not its data.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "drop_column")) {
      if (!existingTable(ctx, op.table, index) || ctx.facts.backedUpBefore(op.table, op.column, index) || restoredByDown(ctx, op.table, op.column)) continue;
      const planned = plannedRemoval(ctx, op, op.column);
      if (planned) {
        ctx.report({
          op,
          severity: "warning",
          message: `Dropping column ${op.table}.${op.column} deletes its data for good. It is the planned last step of a two-step removal (${planned}), so running code no longer reads it: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op.table, `${op.table}.${op.column}`),
        });
        continue;
      }
      const t = ident(op.table);
      const c = ident(op.column);
      const type = op.type?.name === undefined ? ":string" : `:${railsType(op.type.name)}`;
      ctx.report({
        op,
        message: `Dropping column ${op.table}.${op.column} deletes its data; code that still reads it breaks, and a rollback cannot restore the values.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- 1. Stop reading and writing ${op.table}.${op.column} in the application and deploy.
            -- 2. Keep a copy of the data:
            CREATE TABLE ${ident(`${op.table.split(".").pop()}_${op.column}_backup`)} AS SELECT id, ${c} FROM ${t};
            -- 3. Then, in a later migration:
            ALTER TABLE ${t} DROP COLUMN ${c};`,
          rails: `
            # 1. Tell Active Record to ignore the column, and deploy:
            class ${modelName(op.table)} < ApplicationRecord
              self.ignored_columns += ["${op.column}"]
            end
            # 2. Then, in a later migration, remove it with its type so it can be rolled back:
            def change
              safety_assured { remove_column ${sym(op.table)}, ${sym(op.column)}, ${type} }
            end`,
          django: `
            # 1. Remove the field from the model and from Django's state only (the column stays), and deploy:
            migrations.SeparateDatabaseAndState(
                state_operations=[migrations.RemoveField(model_name="${op.ormModel ?? modelName(op.table).toLowerCase()}", name="${op.ormField ?? op.column}")],
                database_operations=[],
            ),
            # 2. In a later migration, once no running code reads it, keep a copy and drop the column:
            migrations.RunSQL(
                "CREATE TABLE ${op.table}_${op.column}_backup AS SELECT id, ${op.column} FROM ${op.table}; ALTER TABLE ${op.table} DROP COLUMN ${op.column}",
                reverse_sql="ALTER TABLE ${op.table} ADD COLUMN ${op.column} ${op.type?.text ?? "<type>"} NULL",
            ),`,
          alembic: `
            # 1. Stop using the column and deploy. 2. Keep a copy, then drop it in a later revision:
            op.execute("CREATE TABLE ${op.table}_${op.column}_backup AS SELECT id, ${op.column} FROM ${op.table}")
            op.drop_column("${op.table}", "${op.column}")`,
        }),
      });
    }
  },
});

function railsType(pgType: string): string {
  const map: Record<string, string> = {
    varchar: "string",
    text: "text",
    integer: "integer",
    bigint: "bigint",
    boolean: "boolean",
    timestamp: "datetime",
    timestamptz: "timestamptz",
    date: "date",
    numeric: "decimal",
    "double precision": "float",
    jsonb: "jsonb",
    json: "json",
    uuid: "uuid",
  };
  return map[pgType] ?? "string";
}
