import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { ignoredColumnsFix } from "../support/rails-fix.js";
import { backupFix, plannedRemoval, plannedSeverity } from "../support/planned-removal.js";
import { droppedColumnMatters, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { columnRecreated, recreatedBeforeCodeRuns, recreationSentence } from "../support/recreated-later.js";
import { addsGenerated } from "../drop-column/generated-column.js";
import { keptCopySql, rollbackReaddsEmpty, rollbackRecomputes, upDownKeepingValues } from "../support/removed-column-rollback.js";

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
    for (const { op, index } of upOps(ctx, "drop_column")) {
      if (!droppedColumnMatters(ctx, op, index) || !rollbackReaddsEmpty(ctx, op, index)) continue;
      const planned = plannedRemoval(ctx, op, op.column);
      if (planned) {
        ctx.report({
          op,
          severity: plannedSeverity(planned),
          message: `Removing ${op.table}.${op.column} deletes its values for good, and rolling back this \`change\` re-adds the column empty. It is the planned last step of a two-step removal (${planned.reason}), so running code no longer reads it: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
        });
        continue;
      }
      // the name comes back (recreated-later.ts): the model at head reads the new column, and ignoring the name would hide that one too
      const again = columnRecreated(ctx, op.table, op.column, index);
      // a generated column Rails adds back generated (remove_column with its :virtual options): PostgreSQL computes the values again
      const generated = rollbackRecomputes(ctx, op, index);
      if (generated) {
        if (again && (again.sameMigration || again.sameChange) && addsGenerated(again.op)) continue;
        if (!again) {
          ctx.report({
            op,
            severity: "info",
            message:
              `Removing ${op.table}.${op.column} loses no data: it is GENERATED ALWAYS AS (${generated.expr.replace(/\s*\n\s*/g, " ")}) ${generated.generated.toUpperCase()}, ` +
              `and rolling back this \`change\` adds it back generated, so PostgreSQL computes its values again. Code that still reads ${op.column} breaks until the model ignores it.`,
            fix: ["# Deploy the model without the column first, then this migration as written:", ignoredColumnsFix(ctx.repository, op.table, [op.column], ctx.migration)].join("\n"),
          });
          continue;
        }
      }
      const valuesLost = `Removing ${op.table}.${op.column} deletes its values, and rolling back this \`change\` re-adds the column empty: Rails reverses the schema, not the values.`;
      ctx.report({
        op,
        ...(again && recreatedBeforeCodeRuns(again) ? { severity: "warning" as const } : {}),
        message:
          valuesLost +
          (again ? recreationSentence(again, []) : ` Code that still reads ${op.column} breaks until the model ignores it.`),
        // where no old code runs while it migrates (an offline deploy: deploy/old-code-gone.ts), the model needs no
        // ignored_columns first: what is left is the values the rollback cannot bring back, kept by an explicit up/down
        ...(again
          ? {}
          : {
              withoutOldCode: valuesLost,
              fixWithoutOldCode: [`# Drop it with explicit up/down, keeping a copy so the down can restore the values:`, upDownKeepingValues(ctx, op, index)].join("\n"),
            }),
        fix: fixFor(ctx.framework, {
          sql: keptCopySql(ctx, op, index),
          rails: () => `
            ${(again
              ? [
                  `# ${again.where} ${again.does}: ignored_columns would hide that column from the model too, so the column goes here.`,
                  `# Drop it with explicit up/down, keeping a copy so the down can restore the values${again.sameMigration ? ` (line ${again.op.loc.line} goes into this up after it, and its inverse first into the down)` : ""}:`,
                ]
              : ["# 1. Deploy the model without the column first:", ignoredColumnsFix(ctx.repository, op.table, [op.column], ctx.migration), "", "# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:"]
            ).join("\n").replace(/\n/g, "\n            ")}
            ${upDownKeepingValues(ctx, op, index).replace(/\n/g, "\n            ")}`,
        }),
      });
    }
  },
});
