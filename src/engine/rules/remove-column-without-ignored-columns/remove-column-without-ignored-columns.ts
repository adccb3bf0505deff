import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { nameKey } from "../support/facts.js";
import { fixFor, sym } from "../support/fix.js";
import { assured, ignoredColumnsFix, removeColumnTail, removedColumnOptions, removedColumnType } from "../support/rails-fix.js";
import { ignoringModel, plannedRemoval } from "../support/planned-removal.js";
import { defineRule } from "../support/rule.js";
import { droppedColumnMatters, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { columnRecreated } from "../support/recreated-later.js";
import { rollbackReaddsEmpty, rollbackRecomputes, upDownKeepingValues } from "../support/removed-column-rollback.js";

/**
 * strong_migrations' remove_column check, made verifiable: when the change set (or working tree) includes the
 * table's model, the column must already be in its `ignored_columns`. Silent when the model file is not given,
 * since then nothing can be checked.
 */
export default defineRule({
  meta: {
    id: "remove-column-without-ignored-columns",
    databases: ALL_DATABASES,
    category: "breaking-change",
    hazard: "old-code",
    severity: "error",
    frameworks: ["rails"],
    title: "Column removed while its model still loads it",
    why:
      "Active Record caches each model's column list when the app boots and names every column in INSERTs and " +
      "SELECTs. Servers still running when the column is dropped fail on every query of that model until they " +
      "restart. Listing the column in `self.ignored_columns` and deploying that first makes the drop invisible to the app.",
  },
  check(ctx) {
    const drops = upOps(ctx, "drop_column").filter(({ op, index }) => droppedColumnMatters(ctx, op, index));
    if (drops.length === 0) return;
    const models = rubyReaders().readModelFiles(ctx.codeFiles);
    if (models.length === 0) return;
    for (const { op, index } of drops) {
      const model = models.find((m) => m.tables.some((t) => nameKey(t) === nameKey(op.table)));
      if (!model || model.ignoredColumns.has(op.column)) continue;
      // the change empties ignored_columns with the drop: the servers running the base branch already ignore it
      if (ignoringModel(ctx.facts.change.baseCodeFiles, op.table, op.column)) continue;
      // the name comes back (recreated-later.ts): the model read is the one of the column created again, which says nothing
      // of the servers that ran the dropped one, and ignoring the name would hide the new column from it
      if (columnRecreated(ctx, op.table, op.column, index)) continue;
      const type = removedColumnType(ctx.repository, ctx.migration, op, index);
      const tail = removeColumnTail(op.table, op.column, type, removedColumnOptions(ctx.repository.columnDefinition(op.table, op.column)));
      // the same remove_column in a `change` whose rollback re-adds the column empty: remove-column-in-change's
      // hazard, told here in one sentence with its fix's step 2, so the statement gets one finding (analyze.ts folds).
      // Not a planned last step: in-change's note then says why running code no longer reads the column
      const emptyRollback = rollbackReaddsEmpty(ctx, op, index) && !rollbackRecomputes(ctx, op, index) && !plannedRemoval(ctx, op, op.column);
      const sentence = ` Rolling back this \`change\` also re-adds ${op.column} empty (Rails reverses the schema, not the values): step 2 of the fix keeps a copy for the down to restore.`;
      ctx.report({
        op,
        message: `${model.path} (${model.className}) does not list ${op.column} in ignored_columns: servers still running when ${op.table}.${op.column} is dropped fail on every query of ${model.className} until they restart.${emptyRollback ? sentence : ""}`,
        ...(emptyRollback ? { folds: { ops: [op], sentence, rules: ["remove-column-in-change"] } } : {}),
        fix: fixFor(ctx.framework, {
          sql: `-- first deploy ${model.className} with self.ignored_columns += ["${op.column}"], then drop the column`,
          rails: () =>
            emptyRollback
              ? `
            # 1. Deploy this first:
            ${ignoredColumnsFix({ model: () => model }, op.table, [op.column], ctx.migration).replace(/\n/g, "\n            ")}
            # 2. Then remove the column in a migration of its own, keeping a copy so the down can restore the values:
            ${upDownKeepingValues(ctx, op, index).replace(/\n/g, "\n            ")}`
              : `
            # 1. Deploy this first:
            ${ignoredColumnsFix({ model: () => model }, op.table, [op.column], ctx.migration).replace(/\n/g, "\n            ")}
            # 2. Then remove the column in a migration of its own:
            def change
              ${assured(ctx.repository, `remove_column ${sym(op.table)}, ${sym(op.column)}${tail.args}`)}${tail.note}
            end`,
        }),
      });
    }
  },
});
