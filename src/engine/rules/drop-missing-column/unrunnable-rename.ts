/**
 * Renames that cannot run (signon 7cd74f2d: `rename_column :supported_permissions, :delegated, :delegated`, a
 * search-and-replace of `delegatable`). Read at face value they were a rename of `delegated` that breaks code still
 * using `delegated` (rename-column, dropped-object-still-used): what happens is that the migration fails, and the
 * old code keeps running. Two cases:
 * - a rename to the column's own name: PostgreSQL refuses it either way (the column is missing, or already exists),
 *   MySQL fails where the table lacks it (ERROR 1054) and does nothing where it has it;
 * - a rename of a column the table lacks by the project's schema dump, for a table the migrations did not create
 *   (the history before the dump was squashed away), when no migration adds the column since.
 * Either names the dump's column the rename most likely meant, when one is close.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { closeName } from "../support/close-name.js";
import { isMysqlFamily } from "../support/databases.js";
import { nameKey } from "../support/facts.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { sym } from "../support/fix.js";
import { commentLines } from "../support/production-facts.js";
import type { RuleContext } from "../support/rule.js";

type Rename = OperationOf<"rename_column">;

/** The rename the migration most likely meant, `close` to `column`, as code of its framework (comments for Django, whose RenameField names fields). */
function meantRename(ctx: RuleContext, op: Rename, close: string | undefined, why: string): string {
  if (!close) return commentLines(ctx, [why, "Name the column it renames first (its current name), or take the line out."]);
  const code =
    ctx.framework === "rails"
      ? `rename_column ${sym(op.table)}, ${sym(close)}, ${sym(op.newName)}`
      : ctx.framework === "sql"
        ? `ALTER TABLE ${migrationDialect(ctx.migration).ident(op.table)} RENAME COLUMN ${migrationDialect(ctx.migration).ident(close)} TO ${migrationDialect(ctx.migration).ident(op.newName)};`
        : undefined;
  const said = [why, `It most likely meant to rename ${close}${code ? ":" : ` (rename the field whose column is ${close}), or take the line out.`}`];
  return code ? `${commentLines(ctx, said)}\n${code}\n${commentLines(ctx, ["(a real rename: old code that still reads the old name breaks once it runs, as rename-column says)"])}` : commentLines(ctx, said);
}

/** `rename_column t, :c, :c`: no rename, and on most databases a failure. */
export function reportSelfRename(ctx: RuleContext, op: Rename): void {
  const dump = ctx.repository.dumpedColumnNames(op.table);
  const lacks = dump !== undefined && !dump.columns.has(nameKey(op.column));
  const close = lacks ? closeName(op.column, dump.columns) : undefined;
  const where = isMysqlFamily(ctx.migration.database)
    ? `MySQL fails with ERROR 1054 (unknown column) where ${op.table} has no ${op.column} and does nothing where it has it`
    : `PostgreSQL refuses it either way (column "${op.column}" does not exist, or already exists)`;
  const dumped = lacks ? ` ${dump.path} gives ${op.table} no ${op.column}${close ? `, but ${close}` : ""}, so it fails there.` : "";
  ctx.report({
    op,
    message: `Column ${op.table}.${op.column} is renamed to its own name: that is no rename, and it cannot run: ${where}.${dumped} The migration stops there; the code that reads ${op.column} meets no change.`,
    fix: meantRename(ctx, op, close, `${op.column} renamed to ${op.column} renames nothing.`),
  });
}

/** A statement before the rename (of an earlier migration of the folder, or of this one) that may give `table` the column. */
function mayAddColumn(op: Operation, table: string, column: string): boolean {
  if (op.kind === "raw") return op.opaque === true || (op.table !== undefined && nameKey(op.table) === table);
  if (!("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== table) return false;
  if (op.kind === "add_column" || op.kind === "redefine_column") return nameKey(op.column.name) === column;
  if (op.kind === "rename_column") return nameKey(op.newName) === column;
  return op.kind === "create_table";
}

/**
 * A rename of a column the schema dump does not give its table, the table not created by the migrations (so
 * their history proves nothing): the dump has neither the old name nor the new one (had the rename run, the new
 * one would be there), and no migration since gives the table the old one.
 */
export function reportDumpedAbsence(ctx: RuleContext, op: Rename, index: number): void {
  if (ctx.repository.provenColumns(op.table) !== undefined) return;
  const dump = ctx.repository.dumpedColumnNames(op.table);
  if (!dump || dump.columns.has(nameKey(op.column)) || dump.columns.has(nameKey(op.newName))) return;
  const table = nameKey(op.table);
  const column = nameKey(op.column);
  const earlier: Array<{ migration: Migration; ops: readonly Operation[] }> = [...ctx.repository.earlierInFolder.map((m) => ({ migration: m, ops: m.up })), { migration: ctx.migration, ops: ctx.migration.up.slice(0, index) }];
  if (earlier.some(({ ops }) => ops.some((o) => mayAddColumn(o, table, column)))) return;
  const close = closeName(op.column, dump.columns);
  ctx.report({
    op,
    message: `Column ${op.table}.${op.column} does not exist when this runs: ${dump.path} gives ${op.table} no ${op.column} (nor ${op.newName})${close ? `, but ${close}` : ""}, and no migration since adds it, so the rename fails ("column ${op.column} does not exist"${isMysqlFamily(ctx.migration.database) ? ", MySQL's ERROR 1054" : ""}) and the migration stops there.`,
    fix: meantRename(ctx, op, close, `${op.table} has no ${op.column} to rename.`),
  });
}
