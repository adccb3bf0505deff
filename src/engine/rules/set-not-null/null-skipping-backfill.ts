/**
 * A backfill whose WHERE leaves the NULL rows out by three-valued logic (`UPDATE t SET c = 'x' WHERE c != 'y'`,
 * Rails' `where.not(c: 'y').update_all(c: 'x')`), before the NOT NULL of that column: `c != 'y'` is NULL, not true,
 * on a NULL, so those rows keep their NULL and SET NOT NULL fails on them. The backfill is this migration's, or the
 * folder's previous migration's (a backfill, then the constraint in the next migration). Django's `exclude(c="y")`
 * writes `NOT (c = 'y' AND c IS NOT NULL)` for a nullable field, which takes the NULL rows: not this hazard.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

export interface NullSkippingBackfill {
  update: OperationOf<"dml">;
  /** the comparison's column whose NULL rows it leaves out */
  skipped: string;
  /** the migration it is in, when not this one */
  migration?: Migration;
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

/** An UPDATE that writes `column` on every row still NULL there, or on every row (no WHERE): the NULLs are filled after it. */
const fillsNulls = (o: Operation, table: string, column: string) =>
  o.kind === "dml" && o.verb === "update" && o.table !== undefined && same(o.table, table) && o.columns.some((c) => same(c, column)) &&
  (!o.hasWhere || (o.onlyNullRowsOf ?? []).some((c) => same(c, column)));

/** The last UPDATE of `ops` that writes table.column and skips NULL rows of it (of another column, when `added`: every row of it was NULL). */
function lastSkipping(ops: readonly Operation[], table: string, column: string): NullSkippingBackfill | undefined {
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i];
    if (fillsNulls(o, table, column)) return undefined;
    if (o.kind !== "dml" || o.verb !== "update" || !o.table || !same(o.table, table) || !o.columns.some((c) => same(c, column))) continue;
    const skipped = o.skipsNullRowsOf ?? [];
    if (skipped.some((c) => same(c, column))) return { update: o, skipped: column };
    // a column added NULL before the backfill: the rows NULL in the compared column keep a NULL in it
    const added = ops.slice(0, i).some((a) => a.kind === "add_column" && same(a.table, table) && same(a.column.name, column) && !a.column.default);
    if (added && skipped.length) return { update: o, skipped: skipped[0] };
    // another backfill of the column: the NULLs it leaves are not known
    return undefined;
  }
  return undefined;
}

export function nullSkippingBackfill(ctx: RuleContext, op: OperationOf<"set_not_null">, index: number): NullSkippingBackfill | undefined {
  if (op.fillsNulls) return undefined;
  const here = ctx.migration.up.slice(0, index);
  const own = lastSkipping(here, op.table, op.column);
  if (own) return own;
  // this migration writes the column itself before the NOT NULL: the previous migration's backfill is not the last word
  if (here.some((o) => o.kind === "dml" && o.verb === "update" && o.table !== undefined && same(o.table, op.table) && o.columns.some((c) => same(c, op.column)))) return undefined;
  if (here.some((o) => o.kind === "data_migration")) return undefined;
  const previous = ctx.repository.previousInFolder;
  const before = previous ? lastSkipping(previous.up, op.table, op.column) : undefined;
  return before && { ...before, migration: previous };
}
