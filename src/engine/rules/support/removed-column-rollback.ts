/**
 * A `change` that removes a column: Rails reverses remove_column (given a type) by adding the column back, empty.
 * Shared by remove-column-in-change, whose hazard this is, and remove-column-without-ignored-columns, which folds it
 * into its own finding when both speak of the same remove_column (one finding per statement: the model still loading
 * the column is what breaks first, on every deploy; the empty rollback is the second thing the fix takes care of).
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { columnBackup, type ColumnBackup } from "./column-backup.js";
import { migrationDialect } from "./sql-dialect.js";
import { rubyString } from "./embed-sql.js";
import { ident, sym } from "./fix.js";
import { addColumnBack, assured, removedColumnType, rubyDefault } from "./rails-fix.js";
import { restoredByDown } from "./scope.js";
import { addsGenerated, droppedGeneratedColumn, sourcesKept } from "../drop-column/generated-column.js";

/**
 * Whether rolling back the migration re-adds the dropped column without its values: a `change` Rails reverses,
 * no copy kept before the drop nor put back by a `reversible` down, not a drop replaced by a move of the values,
 * not a column whose every valued row an earlier DELETE removed.
 */
export function rollbackReaddsEmpty(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): boolean {
  const { down } = ctx.migration;
  // only a `change` Rails can reverse: an irreversible one is reported by irreversible-migration
  if (down.status !== "present" || !down.derived) return false;
  // a `reversible` block's dir.down the author wrote may put the values back (UPDATE ... SET col = ... FROM copy)
  if (ctx.facts.backedUpBefore(op.table, op.column, index) || restoredByDown(ctx, op.table, op.column)) return false;
  if (ctx.facts.change.isReplacedDrop(ctx.migration, index)) return false;
  // an earlier DELETE removed every row with a value: re-added empty, the column is as it was (drop-column says the rest)
  return ctx.facts.valuesDeletedBefore(op.table, op.column, index) === undefined;
}

/** A generated column Rails adds back generated (remove_column with its :virtual options): PostgreSQL computes the values again. */
export function rollbackRecomputes(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): { expr: string; generated: string } | undefined {
  const generated = droppedGeneratedColumn(ctx, op, index);
  return generated && sourcesKept(ctx, op, generated) && rollbackAddsGenerated(ctx, op) ? generated : undefined;
}

/** The `change`'s derived down adds the column back generated (the remove_column carried its :virtual type and `as:`). */
function rollbackAddsGenerated(ctx: RuleContext, op: OperationOf<"drop_column">): boolean {
  const { down } = ctx.migration;
  return down.status === "present" && down.ops.some((o) => o.kind === "add_column" && o.table === op.table && o.column.name === op.column && addsGenerated(o));
}

/** The explicit up and down that drop the column keeping a copy of its values, and put them back on the way down. */
export function upDownKeepingValues(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): string {
  const kept = columnBackup(ctx, op.table, op.column, index);
  const copy = [...(kept.note ? [`# ${kept.note}`] : []), `execute ${rubyString(kept.sql)}`];
  return [
    "def up",
    ...copy.map((l) => `  ${l}`),
    `  ${assured(ctx.repository, `remove_column ${sym(op.table)}, ${sym(op.column)}`)}`,
    "end",
    "",
    "def down",
    ...readdAndRestore(ctx, op, index, kept).map((l) => `  ${l}`),
    "end",
  ].join("\n");
}

/** The SQL of the copy the up keeps (for a SQL fix), with its note. */
export function keptCopySql(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): string {
  const kept = columnBackup(ctx, op.table, op.column, index);
  return `${kept.note ? `-- ${kept.note}\n` : ""}${kept.sql};`;
}

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
  const lines = [addColumnBack(t, op.column, type, options.map((o) => `, ${o}`).join(""))];
  if (!kept.key) {
    lines.push(`# migguard found no key of ${t} to join ${kept.backup} back on: restore ${op.column} from it by hand`, `raise ActiveRecord::IrreversibleMigration, ${rubyString(`restore ${t}.${op.column} from ${kept.backup}`)}`);
    return lines;
  }
  // in the dialect of the databases the project runs on (MySQL's UPDATE ... JOIN, a portable form beside others)
  lines.push(`execute ${rubyString(migrationDialect(ctx.migration).restoreFrom(t, [op.column], kept.backup, kept.key))}`);
  if (notNull && !dflt)
    lines.push(
      `# ${op.column} was NOT NULL: it stays nullable here, since rows created after up have no copy in ${kept.backup};`,
      `# fill those rows, then make it NOT NULL in a migration of its own (change_column_null ${sym(t)}, ${sym(op.column)}, false)`,
    );
  return lines;
}
