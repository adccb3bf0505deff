import { defineRule } from "../support/rule.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import type { Operation, OperationOf } from "../../model.js";
import { withKeyword } from "../support/python-call.js";
import { pythonString } from "../support/embed-sql.js";
import { reindented } from "../support/data-code.js";
import { nameKey } from "../support/facts.js";
import { firstAfter, positionsBy } from "../support/positions.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

/** A view or table created under this name. */
function viewOrTableCreated(op: Operation): string | undefined {
  if (op.kind === "create_object" && op.objectType === "view" && op.name !== undefined) return nameKey(op.name);
  return op.kind === "create_table" ? nameKey(op.table) : undefined;
}

/**
 * Django keeps a table's name with the model's Meta.db_table; the join table Django creates for a ManyToManyField
 * has no model of its own, so its name is kept with the field's `db_table=` (the adapter names that field).
 */
function djangoFix(op: OperationOf<"rename_table">): string {
  const field = op.frameworkCall === "ManyToManyField" && op.ormFieldDef ? withKeyword(reindented(op.ormFieldDef.trim()), "db_table", pythonString(op.table)) : undefined;
  if (field && op.ormModel && op.ormField)
    return [
      `# ${op.table} is the join table of the ManyToManyField ${op.ormModel}.${op.ormField}: keep its name on the field instead of renaming it`,
      `migrations.AlterField(`,
      `    model_name=${pythonString(op.ormModel.toLowerCase())},`,
      `    name=${pythonString(op.ormField)},`,
      `    field=${field.replace(/\n/g, "\n    ")},`,
      `),`,
    ].join("\n");
  return `# keep the table name: class Meta: db_table = "${op.table}"  (rename the model only in Django's state)`;
}

export default defineRule({
  meta: {
    id: "rename-table",
    databases: ALL_DATABASES,
    category: "breaking-change",
    severity: "error",
    title: "Renaming a table breaks the running code",
    why:
      "Code deployed before the migration keeps querying the old table name and fails until every server runs the " +
      "new code; foreign systems (reports, ETL, replicas' consumers) break too.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "rename_table")) {
      if (!existingTable(ctx, op.table, index)) continue;
      // the old name keeps answering: a view over the renamed table (the safe pattern itself), or a new table
      // built under it (the rename moved the old one aside to rebuild it)
      const nameKept = firstAfter(positionsBy(ctx.migration.up, viewOrTableCreated).get(nameKey(op.table)), index) !== undefined;
      if (nameKept) continue;
      ctx.report({
        op,
        message: `Renaming table ${op.table} to ${op.newName} breaks code that still uses ${op.table} while the deploy rolls out.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${ident(op.table)} RENAME TO ${ident(op.newName)};
            -- keep the old name working until no code uses it:
            CREATE VIEW ${ident(op.table)} AS SELECT * FROM ${ident(op.newName)};
            -- drop the view in a later migration`,
          rails: () => `
            # keep the table and rename only the model:
            class ${modelName(op.newName)} < ApplicationRecord
              self.table_name = "${op.table}"
            end
            # or rename it and keep the old name as a view until no running code uses ${op.table}:
            def up
              rename_table ${sym(op.table)}, ${sym(op.newName)}
              execute "CREATE VIEW ${op.table} AS SELECT * FROM ${op.newName}"
            end

            def down
              execute "DROP VIEW ${op.table}"
              rename_table ${sym(op.newName)}, ${sym(op.table)}
            end`,
          django: () => djangoFix(op),
          alembic: () => `op.rename_table("${op.table}", "${op.newName}")\nop.execute("CREATE VIEW ${op.table} AS SELECT * FROM ${op.newName}")  # until nothing uses ${op.table}`,
        }),
      });
    }
  },
});
