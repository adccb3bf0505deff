import { defineRule } from "../support/rule.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import { nameKey } from "../support/facts.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

export default defineRule({
  meta: {
    id: "rename-column",
    databases: ALL_DATABASES,
    category: "breaking-change",
    severity: "error",
    title: "Renaming a column breaks the running code",
    why:
      "During a deploy the old code keeps running against the new schema: every query that names the old column " +
      "fails until all servers run the new code. A rollback of the code alone does not help either.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "rename_column")) {
      if (!existingTable(ctx, op.table, index)) continue;
      // a column this migration added (a new id_text swapped in for id): no running code knows its name
      const addedHere = ctx.migration.up
        .slice(0, index)
        .some((o) => o.kind === "add_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column.name) === nameKey(op.column));
      if (addedHere) continue;
      const t = ident(op.table);
      ctx.report({
        op,
        message: `Renaming ${op.table}.${op.column} to ${op.newName} breaks code that still uses ${op.column} while the deploy rolls out.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- expand: add the new column and keep both in sync
            ALTER TABLE ${t} ADD COLUMN ${ident(op.newName)} <type>;
            -- write both columns from the application (or a trigger), backfill ${op.newName} in batches,
            -- switch reads to ${op.newName}, then drop ${op.column} in a later migration.`,
          rails: `
            # 1. add_column ${sym(op.table)}, ${sym(op.newName)}, <type>; write both in ${modelName(op.table)}; backfill in batches
            # 2. read from ${op.newName}; self.ignored_columns += ["${op.column}"]
            # 3. remove_column ${sym(op.table)}, ${sym(op.column)}, <type> in a later migration`,
          django: `
            # keep the column name in the database and rename only the field:
            new_name = models.<Field>(db_column="${op.column}")
            # or add the new field, backfill it, switch the code, then remove the old field later`,
          alembic: `# add "${op.newName}", backfill and switch the code, then drop "${op.column}" in a later revision`,
        }),
      });
    }
  },
});
