/** Small questions rules share about operations. */
import type { Operation, OperationOf } from "../../model.js";
import { noOpDrop } from "./absent-column.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";

/** Each op of the up with its index, limited to the given kinds. */
export function upOps<K extends Operation["kind"]>(ctx: RuleContext, ...kinds: K[]): Array<{ op: Extract<Operation, { kind: K }>; index: number }> {
  const out: Array<{ op: Extract<Operation, { kind: K }>; index: number }> = [];
  ctx.migration.up.forEach((op, index) => {
    if ((kinds as string[]).includes(op.kind)) out.push({ op: op as Extract<Operation, { kind: K }>, index });
  });
  return out;
}

/** The table existed before this migration (so it may be large and live). */
export const existingTable = (ctx: RuleContext, table: string | undefined, index: number): boolean =>
  Boolean(table) && !ctx.facts.isNewTable(table, index);

/**
 * The migration's own scratch table: the up creates it again at or after `index` and drops it after that (a table
 * for a batched fill, Formance ledger's moves_view). A statement on it before that CREATE (a DROP TABLE IF EXISTS)
 * only clears what an earlier, failed run left behind: no deployed code knows the table, so no query waits on it.
 */
export const scratchTable = (ctx: RuleContext, table: string | undefined, index: number): boolean => {
  if (!table) return false;
  const created = ctx.migration.up.findIndex((op, i) => i >= index && op.kind === "create_table" && nameKey(op.table) === nameKey(table));
  return created !== -1 && ctx.facts.isDroppedAfter(table, created);
};

/**
 * The table existed before this migration and outlives it: a table the same migration drops later takes what is
 * done to its columns with it, so a finding about a column would repeat the drop-table's hazard (one hazard, one finding).
 */
export const keptTable = (ctx: RuleContext, table: string | undefined, index: number): boolean =>
  existingTable(ctx, table, index) && !ctx.facts.isDroppedAfter(table, index);

/**
 * A column dropped here that was there before the migration, on a table that outlives it: not a scratch column the
 * same migration added (no deployed code knows it, and its values were made here), so its drop can lose data. Nor a
 * DROP COLUMN IF EXISTS of a column the migrations never gave the table: a no-op (support/absent-column.ts).
 */
export const droppedColumnMatters = (ctx: RuleContext, op: OperationOf<"drop_column">, index: number): boolean =>
  keptTable(ctx, op.table, index) && !ctx.facts.isColumnAddedBefore(op.table, op.column, index) && !noOpDrop(ctx, op, index);

/**
 * The table may hold rows when this op runs: it existed before the migration and was not emptied earlier in it.
 * Rules about how long a scan, index build or rewrite holds its lock ask this; rules about running code do not.
 */
export const tableWithRows = (ctx: RuleContext, table: string | undefined, index: number): boolean =>
  existingTable(ctx, table, index) && !ctx.facts.isEmptiedBefore(table, index);

/** An up that does something worth undoing (not only session settings or transaction control). */
export const hasMeaningfulUp = (ops: readonly Operation[]): boolean =>
  ops.some((op) => op.kind !== "transaction_control" && !(op.kind === "set_setting" && op.scope !== "reset"));

/** Line of the first statement that does something (after line `after`, e.g. a Liquibase changeset header), or 1: for whole-file findings. */
export const firstLine = (ctx: RuleContext, after = 0): { line: number; endLine: number } => {
  const up = ctx.migration.up.filter((o) => o.loc.line > after);
  const op = up.find((o) => o.kind !== "transaction_control" && o.kind !== "set_setting") ?? up[0] ?? ctx.migration.up[0];
  return op ? { line: op.loc.line, endLine: op.loc.line } : { line: 1, endLine: 1 };
};

/**
 * The down writes the column's values back after the up dropped it (`UPDATE t SET col = b.col FROM copy b`, or
 * code that may): the author planned the values' way back, so the rollback does not leave the column empty.
 */
export function restoredByDown(ctx: RuleContext, table: string, column: string): boolean {
  const { down } = ctx.migration;
  if (down.status !== "present") return false;
  return down.ops.some(
    (o) =>
      o.kind === "data_migration" ||
      (o.kind === "dml" &&
        (o.verb === "update" || o.verb === "insert") &&
        o.table !== undefined &&
        nameKey(o.table) === nameKey(table) &&
        (o.columns.length === 0 || o.columns.some((c) => nameKey(c) === nameKey(column)))),
  );
}
