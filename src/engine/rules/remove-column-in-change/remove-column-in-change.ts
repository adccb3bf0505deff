import type { OperationOf } from "../../model.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { columnBackup, type ColumnBackup } from "../support/column-backup.js";
import { rubyString } from "../support/embed-sql.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { assured, ignoredColumnsFix, railsType, removedColumnType, rubyDefault, unknownTypeComment } from "../support/rails-fix.js";
import { backupFix, plannedRemoval, plannedSeverity } from "../support/planned-removal.js";
import { droppedColumnMatters, restoredByDown, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { columnRecreated, recreatedBeforeCodeRuns, recreationSentence } from "../support/recreated-later.js";
import { addsGenerated, droppedGeneratedColumn, sourcesKept } from "../drop-column/generated-column.js";

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
      if (!droppedColumnMatters(ctx, op, index) || ctx.facts.backedUpBefore(op.table, op.column, index) || restoredByDown(ctx, op.table, op.column)) continue;
      if (ctx.facts.change.isReplacedDrop(ctx.migration, index)) continue;
      // an earlier DELETE removed every row with a value: re-added empty, the column is as it was (drop-column says the rest)
      if (ctx.facts.valuesDeletedBefore(op.table, op.column, index) !== undefined) continue;
      const planned = plannedRemoval(ctx, op, op.column);
      if (planned) {
        ctx.report({
          op,
          severity: plannedSeverity(planned),
          message: `Removing ${op.table}.${op.column} deletes its values for good, and rolling back this \`change\` re-adds the column empty. It is the planned last step of a two-step removal (${planned.reason}), so running code no longer reads it: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
        });
        continue;
      }
      // the name comes back (recreated-later.ts): the model at head reads the new column, and ignoring the name would hide that one too
      const again = columnRecreated(ctx, op.table, op.column, index);
      // a generated column Rails adds back generated (remove_column with its :virtual options): PostgreSQL computes the values again
      const generated = droppedGeneratedColumn(ctx, op, index);
      if (generated && sourcesKept(ctx, op, generated) && rollbackAddsGenerated(ctx, op)) {
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
      const kept = columnBackup(ctx, op.table, op.column, index);
      const copy = [...(kept.note ? [`# ${kept.note}`] : []), `execute ${rubyString(kept.sql)}`];
      ctx.report({
        op,
        ...(again && recreatedBeforeCodeRuns(again) ? { severity: "warning" as const } : {}),
        message:
          `Removing ${op.table}.${op.column} deletes its values, and rolling back this \`change\` re-adds the column empty: Rails reverses the schema, not the values.` +
          (again ? recreationSentence(again, []) : ` Code that still reads ${op.column} breaks until the model ignores it.`),
        fix: fixFor(ctx.framework, {
          sql: `${kept.note ? `-- ${kept.note}\n` : ""}${kept.sql};`,
          rails: () => `
            ${(again
              ? [
                  `# ${again.where} ${again.does}: ignored_columns would hide that column from the model too, so the column goes here.`,
                  `# Drop it with explicit up/down, keeping a copy so the down can restore the values${again.sameMigration ? ` (line ${again.op.loc.line} goes into this up after it, and its inverse first into the down)` : ""}:`,
                ]
              : ["# 1. Deploy the model without the column first:", ignoredColumnsFix(ctx.repository, op.table, [op.column], ctx.migration), "", "# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:"]
            ).join("\n").replace(/\n/g, "\n            ")}
            def up
              ${copy.join("\n              ")}
              ${assured(ctx.repository, `remove_column ${sym(op.table)}, ${sym(op.column)}`)}
            end

            def down
              ${readdAndRestore(ctx, op, index, kept).join("\n              ")}
            end`,
        }),
      });
    }
  },
});

/**
 * The down of the fix: the column added back as it was defined (the remove_column's own options, else the
 * earlier migration's), its values joined back from the copy on the table's key. A column that was NOT NULL
 * without a default stays nullable: rows written after the up have no copy, so a NOT NULL here would fail the
 * rollback exactly when production wrote rows since.
 */
function readdAndRestore(ctx: RuleContext, op: OperationOf<"drop_column">, index: number, kept: ColumnBackup): string[] {
  const written = ctx.migration.down.status === "present" ? ctx.migration.down.ops.find((o): o is OperationOf<"add_column"> => o.kind === "add_column" && o.table === op.table && o.column.name === op.column) : undefined;
  const history = ctx.repository.columnDefinition(op.table, op.column);
  const type = removedColumnType(ctx.repository, ctx.migration, op, index);
  const notNull = Boolean(written?.column.notNull || history?.notNull);
  const dflt = written?.column.default ?? history?.default;
  const options = [...(dflt ? [`default: ${rubyDefault(dflt.expr)}`] : []), ...(notNull && dflt ? ["null: false"] : [])];
  const t = op.table;
  const lines = [`add_column ${sym(t)}, ${sym(op.column)}, ${[railsType(type), ...options].join(", ")}${type ? "" : unknownTypeComment(t, op.column)}`];
  if (!kept.key) {
    lines.push(`# migguard found no key of ${t} to join ${kept.backup} back on: restore ${op.column} from it by hand`, `raise ActiveRecord::IrreversibleMigration, ${rubyString(`restore ${t}.${op.column} from ${kept.backup}`)}`);
    return lines;
  }
  const on = kept.key.map((k) => `${ident(t)}.${ident(k)} = b.${ident(k)}`).join(" AND ");
  lines.push(`execute ${rubyString(`UPDATE ${ident(t)} SET ${ident(op.column)} = b.${ident(op.column)} FROM ${ident(kept.backup)} b WHERE ${on}`)}`);
  if (notNull && !dflt)
    lines.push(
      `# ${op.column} was NOT NULL: it stays nullable here, since rows created after up have no copy in ${kept.backup};`,
      `# fill those rows, then make it NOT NULL in a migration of its own (change_column_null ${sym(t)}, ${sym(op.column)}, false)`,
    );
  return lines;
}

/** The `change`'s derived down adds the column back generated (the remove_column carried its :virtual type and `as:`). */
function rollbackAddsGenerated(ctx: RuleContext, op: OperationOf<"drop_column">): boolean {
  const { down } = ctx.migration;
  return down.status === "present" && down.ops.some((o) => o.kind === "add_column" && o.table === op.table && o.column.name === op.column && addsGenerated(o));
}
