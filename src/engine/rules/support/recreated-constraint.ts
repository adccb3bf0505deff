/**
 * A constraint a migration drops and adds back, by the same name on the same table, in one transaction: the drop lets
 * a change through that the constraint would refuse (Mailu 5aeb5811408e drops its foreign keys, lowercases the keys
 * of every table, then restores them; 546b04c886f0 drops them to rebuild the primary keys they lean on). PostgreSQL's
 * DROP CONSTRAINT of a foreign key takes ACCESS EXCLUSIVE on the table AND on the table it references, held until
 * commit (PGlite's pg_locks after the DROP: recreated-constraint.pglite.test.ts), so from the drop on both tables are
 * closed to reads and writes whatever comes after it in the transaction.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { nameKey } from "./facts.js";

/**
 * The index of the DROP CONSTRAINT of the same name on the same table earlier in the transaction of the op at
 * `index` (so its lock is still held there), or undefined. An unnamed constraint is never matched: its name is a guess.
 */
export function droppedEarlierInTransaction(ctx: RuleContext, add: OperationOf<"add_constraint">, index: number): number | undefined {
  if (!add.name) return undefined;
  const lockedFrom = ctx.facts.accessExclusiveTakenAt(add.table, index);
  if (lockedFrom === undefined) return undefined;
  // the ops from the transaction's first ACCESS EXCLUSIVE on the table up to `index` are all in that transaction
  for (let j = index - 1; j >= lockedFrom; j--) {
    const op = ctx.migration.up[j];
    if (op.kind === "drop_constraint" && op.name && nameKey(op.name) === nameKey(add.name) && nameKey(op.table) === nameKey(add.table)) return j;
  }
  return undefined;
}

/**
 * The op reads or writes every row of `table` under its own work: an UPDATE or DELETE without WHERE (or one per row
 * of a loop over the table's rows), SET NOT NULL's scan, a type change's rewrite, a primary key or unique constraint
 * (or an index) built on it without CONCURRENTLY.
 */
export function wholeTableStep(op: Operation, table: string): boolean {
  const on = (t: string | undefined) => t !== undefined && nameKey(t) === nameKey(table);
  switch (op.kind) {
    case "dml":
      return (op.verb === "update" || op.verb === "delete") && (!op.hasWhere || op.everyRowInLoop === true) && on(op.table);
    case "set_not_null":
    case "alter_column_type":
      return on(op.table);
    case "add_constraint":
      return (op.constraint === "primary_key" || op.constraint === "unique") && !op.usingIndex && on(op.table);
    case "add_index":
      return !op.concurrently && on(op.table);
    default:
      return false;
  }
}

/**
 * The op at `index` re-adds a constraint dropped earlier in its transaction, and that transaction also makes a whole
 * pass over the table while the drop's lock is held (a rewrite of every row, a primary key rebuilt): the index of that
 * step, or undefined. The validation's scan is then one more pass inside a window the drop opened and the other step
 * keeps open; NOT VALID would shorten it by a fraction, and leave unchecked the very rows the step rewrote.
 */
export function recreatedUnderWholeTableWork(ctx: RuleContext, add: OperationOf<"add_constraint">, index: number): number | undefined {
  const drop = droppedEarlierInTransaction(ctx, add, index);
  if (drop === undefined) return undefined;
  const lockedFrom = ctx.facts.accessExclusiveTakenAt(add.table, index);
  const up = ctx.migration.up;
  for (let j = drop + 1; j < up.length; j++) {
    if (j === index) continue;
    // later statements count while the same transaction still holds the lock: the same first taking of it
    if (j > index && ctx.facts.accessExclusiveTakenAt(add.table, j) !== lockedFrom) break;
    if (wholeTableStep(up[j], add.table)) return j;
  }
  return undefined;
}
