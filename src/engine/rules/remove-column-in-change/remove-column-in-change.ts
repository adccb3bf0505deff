import { defineRule } from "../support/rule.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { assured, ignoredColumnsFix, railsType } from "../support/rails-fix.js";
import { backupFix, plannedRemoval } from "../support/planned-removal.js";
import { droppedColumnMatters, restoredByDown, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

/**
 * The seed's policy "flag change methods removing columns": Rails can reverse `remove_column` with a type,
 * but the rollback re-adds an empty column. The rollback "works" and the data is gone.
 */
export default defineRule({
  meta: {
    id: "remove-column-in-change",
    databases: ALL_DATABASES,
    // the rollback "works": what is lost is the data, as with drop-column, whose finding this one replaces
    category: "data-loss",
    severity: "error",
    frameworks: ["rails"],
    // the same dropped values as drop-column, told in terms of the `change` the author wrote
    supersedes: ["drop-column"],
    title: "`change` removes a column: rolling back restores the column but not its data",
    why:
      "Rails reverses remove_column (given a type) by adding the column back, empty. `rails db:rollback` reports " +
      "success while every row has lost its value, so the rollback plan silently fails exactly when it is needed. " +
      "Keep a copy of the values in up and restore them in an explicit down, after the model stopped using the column.",
  },
  check(ctx) {
    const { down } = ctx.migration;
    // only a `change` Rails can reverse: an irreversible one is reported by irreversible-migration
    if (down.status !== "present" || !down.derived) return;
    // a `reversible` block's dir.down the author wrote may put the values back (UPDATE ... SET col = ... FROM copy)
    for (const { op, index } of upOps(ctx, "drop_column")) {
      if (!droppedColumnMatters(ctx, op.table, op.column, index) || ctx.facts.backedUpBefore(op.table, op.column, index) || restoredByDown(ctx, op.table, op.column)) continue;
      if (ctx.facts.change.isReplacedDrop(ctx.migration, index)) continue;
      const planned = plannedRemoval(ctx, op, op.column);
      if (planned) {
        ctx.report({
          op,
          severity: "warning",
          message: `Removing ${op.table}.${op.column} deletes its values for good, and rolling back this \`change\` re-adds the column empty. It is the planned last step of a two-step removal (${planned}), so running code no longer reads it: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
        });
        continue;
      }
      const backup = `${op.table.split(".").pop()}_${op.column}_backup`;
      const type = op.type ?? ctx.repository.columnType(op.table, op.column, index);
      ctx.report({
        op,
        message:
          `Removing ${op.table}.${op.column} deletes its values, and rolling back this \`change\` re-adds the column empty: Rails reverses the schema, not the values. ` +
          `Code that still reads ${op.column} breaks until the model ignores it.`,
        fix: fixFor(ctx.framework, {
          sql: `CREATE TABLE ${ident(backup)} AS SELECT id, ${ident(op.column)} FROM ${ident(op.table)};`,
          rails: () => `
            # 1. Deploy the model without the column first:
            ${ignoredColumnsFix(ctx.repository, op.table, [op.column]).replace(/\n/g, "\n            ")}

            # 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
            def up
              execute "CREATE TABLE ${backup} AS SELECT id, ${op.column} FROM ${op.table}"
              ${assured(ctx.repository, `remove_column ${sym(op.table)}, ${sym(op.column)}`)}
            end

            def down
              add_column ${sym(op.table)}, ${sym(op.column)}, ${railsType(type)}${type ? "" : "  # type unknown to migguard: use the column's type from db/schema.rb"}
              execute "UPDATE ${op.table} SET ${op.column} = b.${op.column} FROM ${backup} b WHERE ${op.table}.id = b.id"
            end`,
        }),
      });
    }
  },
});
