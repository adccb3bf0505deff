/**
 * A rename into the name of a column this migration dropped before it: a column swap, not a rename (keygen's
 * 20161216193828 runs `remove_column table, :id`, `rename_column table, :uuid, :id`, then ADD PRIMARY KEY (id), for a
 * primary key moved from integers to uuids). The old code reads and writes the old column under that name, with its
 * type and values, and the renamed column's old name is gone: it breaks whatever the steps. An expand that adds the
 * new name beside the old one cannot run (the name is the dropped column's until the drop) and would not make it the
 * primary key, so the fix says what the swap is and how to ship it instead.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";
import type { RuleContext } from "../support/rule.js";

export interface ReplacedColumn {
  /** the drop, earlier in this migration, of the column the rename takes the name of */
  dropped: OperationOf<"drop_column">;
  /** a PRIMARY KEY added later in this migration on the renamed column */
  primaryKey?: Operation;
}

/** The drop that frees the name this rename takes, earlier in the migration's up, or undefined for an ordinary rename. */
export function replacedColumn(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): ReplacedColumn | undefined {
  const [table, name] = [nameKey(op.table), nameKey(op.newName)];
  const dropped = ctx.migration.up
    .slice(0, index)
    .findLast((o): o is OperationOf<"drop_column"> => o.kind === "drop_column" && nameKey(o.table) === table && nameKey(o.column) === name);
  if (!dropped) return undefined;
  const primaryKey = ctx.migration.up
    .slice(index + 1)
    .find((o) => o.kind === "add_constraint" && o.constraint === "primary_key" && nameKey(o.table) === table && o.columns.length === 1 && nameKey(o.columns[0]) === name);
  return { dropped, ...(primaryKey ? { primaryKey } : {}) };
}

const keyWords = (swap: ReplacedColumn) => (swap.primaryKey ? `, and line ${swap.primaryKey.loc.line} makes it the PRIMARY KEY` : "");

export function replacedColumnMessage(op: OperationOf<"rename_column">, swap: ReplacedColumn): string {
  return (
    `Renaming ${op.table}.${op.column} to ${op.newName} swaps columns: line ${swap.dropped.loc.line} drops ${op.table}.${op.newName} and this rename puts ${op.column} in its place${keyWords(swap)}. ` +
    `Code running before the deploy reads and writes ${op.newName} as the dropped column (its type, its values) and names ${op.column}, which is gone, so it breaks whatever the order of the steps: no expand/contract keeps it working.`
  );
}

/** The fix of a swap: no code that adds a second column of a taken name, only how to ship the swap and what keeps old code running. */
export function replacedColumnFix(ctx: RuleContext, op: OperationOf<"rename_column">, swap: ReplacedColumn): string {
  const c = commentMarker(ctx.framework);
  return [
    `${c} a column swap, not a rename: ${op.newName} (dropped on line ${swap.dropped.loc.line}) is replaced by ${op.column}${keyWords(swap)}.`,
    `${c} No step keeps the old code working: it knows ${op.newName} as the dropped column and reads ${op.column}. An expand that adds ${op.newName} beside ${op.column}`,
    `${c} cannot run while the old ${op.newName} exists${swap.primaryKey ? ", and would not make it the PRIMARY KEY" : ""}. Either:`,
    `${c} - keep the swap as written and run it with the application stopped (a maintenance window), deploying the code that reads the new ${op.newName} with it; or`,
    `${c} - keep both columns under their own names (no swap): the new code reads ${op.column}, and ${op.newName} goes in a later release once no code uses it.`,
  ].join("\n");
}
