/**
 * A backfill that writes one constant into every row of a column this migration adds nullable, which a later
 * statement then makes NOT NULL (teable's field_order: ADD COLUMN "order", UPDATE "field" SET "order" = 0 WHERE
 * "order" IS NULL, SET NOT NULL). The UPDATE rewrites every row under the ADD COLUMN's ACCESS EXCLUSIVE lock; on
 * PostgreSQL 11+ `ADD COLUMN ... NOT NULL DEFAULT <constant>` gives every row the same value without a rewrite, and
 * needs no scan for the NOT NULL. Not one when the value is per row (a column copied, a function, a subquery) or the
 * UPDATE leaves rows out (a WHERE other than IS NULL tests on the columns just added).
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { lockName } from "../support/lock-modes.js";
import type { RuleContext } from "../support/rule.js";
import { tableOf } from "./statement-roles.js";

export interface ConstantFill {
  add: OperationOf<"add_column">;
  /** the constant, as PostgreSQL SQL */
  value: string;
  /** the statements that make the column NOT NULL after the backfill (removed by the fix) */
  notNull: Array<OperationOf<"set_not_null">>;
}

export interface ConstantBackfill {
  fills: ConstantFill[];
  /** the UPDATEs (removed by the fix) */
  updates: Operation[];
}

const FRAMING = new Set<Operation["kind"]>(["transaction_control", "set_setting"]);

/**
 * The statement may read or depend on `table`'s rows: it names the table, references it (a foreign key), reads it
 * (INSERT ... SELECT), or is code or an object migguard does not follow (a RunPython, a function, a trigger, raw SQL).
 */
function mayTouch(op: Operation, table: string): boolean {
  const is = (t: string | undefined) => t !== undefined && nameKey(t) === nameKey(table);
  if (op.kind === "dml") return is(op.table) || op.sourceTables.some(is);
  if (op.kind === "add_constraint") return is(op.table) || is(op.referencesTable);
  if (op.kind === "add_column") return is(op.table) || is(op.column.references?.table);
  if (op.kind === "create_table") return op.columns.some((c) => is(c.references?.table)) || op.constraints.some((c) => c.type === "foreign_key" && (c.references === undefined || is(c.references.table)));
  if ("table" in op && typeof op.table === "string") return is(op.table);
  return true;
}

const sameColumn = (table: string, column: string, t: string, c: string) => nameKey(table) === nameKey(t) && nameKey(column) === nameKey(c);

/**
 * The constant backfill `dataOps` are, when each is an UPDATE of every row that sets only columns added earlier in
 * this migration (nullable, with no default, in the same transaction) to constants, each column then made NOT NULL.
 */
export function constantBackfill(up: readonly Operation[], dataOps: ReadonlyArray<{ op: Operation; index: number }>): ConstantBackfill | undefined {
  const fills: ConstantFill[] = [];
  for (const { op, index } of dataOps) {
    if (op.kind !== "dml" || op.verb !== "update" || op.table === undefined || op.columns.length === 0 || !op.inTransaction) return undefined;
    const addedBefore = (column: string) =>
      up.slice(0, index).find((a): a is OperationOf<"add_column"> => a.kind === "add_column" && sameColumn(a.table, a.column.name, op.table!, column));
    // no WHERE, or one that only tests columns just added for NULL (all NULL, so every row)
    if (op.hasWhere && !(op.whereOnlyNullTests && (op.onlyNullRowsOf ?? []).every((c) => addedBefore(c) && !addedBefore(c)!.column.default))) return undefined;
    for (const column of op.columns) {
      const value = op.constants?.[column];
      const add = addedBefore(column);
      if (value === undefined || !add || !add.inTransaction || add.column.notNull || add.column.default || add.column.primaryKey || add.column.unique) return undefined;
      if (fills.some((f) => f.add === add)) return undefined;
      const later = up.slice(index + 1).filter((o) => "table" in o && typeof o.table === "string" && "column" in o && typeof o.column === "string" && sameColumn(o.table, o.column, add.table, column));
      const notNull = later.filter((o): o is OperationOf<"set_not_null"> => o.kind === "set_not_null" && !o.fillsNulls);
      // renamed, dropped, retyped or given a default after the backfill: the one statement that adds it does not say it all
      if (!notNull.length || later.some((o) => o.kind !== "set_not_null")) return undefined;
      // the fix writes the value where the column is added, not where the UPDATE ran: nothing in between may see the
      // column NULL (a foreign key on it whose rows are inserted later, a unique index, a trigger, a copy of the table)
      const from = up.indexOf(add);
      if (up.slice(from + 1, index).some((o) => !(FRAMING.has(o.kind) || (o.kind === "add_column" && !o.column.references && nameKey(o.table) === nameKey(add.table)) || !mayTouch(o, add.table)))) return undefined;
      fills.push({ add, value, notNull });
    }
  }
  return fills.length ? { fills, updates: dataOps.map((d) => d.op) } : undefined;
}

/**
 * A backfill of one constant into every row of columns just added, then made NOT NULL: the rewrite it costs under the
 * ADD COLUMN's lock, and the constant default that does the same work without it.
 */
export function constantMessage(ctx: RuleContext, plan: ConstantBackfill): string {
  const each = plan.fills.map((f) => `${f.add.table}.${f.add.column.name} (added on line ${f.add.loc.line}) to ${f.value}`);
  const [first] = plan.fills;
  const notNull = plan.fills.flatMap((f) => f.notNull.map((n) => n.loc.line));
  return `This backfill sets ${each.join(" and ")}, one constant on every row, then line${notNull.length > 1 ? "s" : ""} ${notNull.join(", ")} make${notNull.length > 1 ? "" : "s"} ${plan.fills.length > 1 ? "them" : "it"} NOT NULL: the UPDATE rewrites every row of ${tableOf(first.add)} under the ${lockName(first.add, ctx.migration.database)} of line ${first.add.loc.line}, and the NOT NULL then scans them all, while every query on the table waits. A constant default does the same work without a rewrite: ADD COLUMN ... NOT NULL DEFAULT ${first.value} (PostgreSQL 11+) gives every row the value at once and needs no scan.`;
}
