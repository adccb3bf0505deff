/**
 * A column its table does not have when a drop of it runs, by the migrations' own history (repository/proven-columns.ts):
 * a migration of the folder created the table, every change since was read, and none added the column. Without IF
 * EXISTS the drop fails (drop-missing-column); with it the drop is a no-op (ehrbase's V25 `DROP COLUMN IF EXISTS
 * ov_ref`, a column no earlier migration created): either way no values are lost, and no fix is built around the
 * column (a backup that selects it fails with "column does not exist").
 */
import type { Migration, OperationOf } from "../../model.js";
import { applyToColumns, columnNamedIn } from "../../repository/proven-columns.js";
import { withResolvedTables } from "../../repository/table-schemas.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";
import { caughtFailure } from "./caught-failure.js";

export interface AbsentColumn {
  /** the table's columns just before the drop (nameKey'd) */
  columns: string[];
  /** the migration that created the table */
  createdBy: Migration;
}

/** The table's proven columns before `ctx.migration.up[index]`, when `op.column` is not among them. */
export function absentColumn(ctx: RuleContext, op: Pick<OperationOf<"drop_column">, "table" | "column">, index: number): AbsentColumn | undefined {
  // the earlier migrations (the history's state when this one starts), then this one's statements before the drop
  // (it may add the column itself)
  // under the names the history keys its tables by (a table written with its schema or without: table-schemas.ts)
  const resolve = (name: string) => ctx.repository.historyTable(name);
  const here = { ...ctx.migration, up: ctx.migration.up.slice(0, index).map((earlier) => withResolvedTables(earlier, resolve)) };
  const key = nameKey(resolve(op.table));
  let state = ctx.repository.provenColumns(op.table);
  for (const earlier of here.up) state = applyToColumns(state, earlier, here, key);
  if (state === undefined || state === "unknown" || state.columns.has(nameKey(op.column))) return undefined;
  // a column the adapter did not model (a helper's, a plugin's) still shows its name in the create_table
  const written = [...ctx.repository.earlierInFolder, here];
  if (columnNamedIn(written, op.table, op.column) || columnNamedIn(written, resolve(op.table), op.column)) return undefined;
  return { columns: [...state.columns], createdBy: state.createdBy };
}

/**
 * A DROP COLUMN IF EXISTS (Rails' if_exists: true) of a column the table does not have, or a drop whose failure the
 * migration catches and goes past (support/caught-failure.ts): a no-op that loses nothing.
 */
export const noOpDrop = (ctx: RuleContext, op: OperationOf<"drop_column">, index: number): boolean =>
  (op.ifExists || caughtFailure(op)?.holds === true) && absentColumn(ctx, op, index) !== undefined;
