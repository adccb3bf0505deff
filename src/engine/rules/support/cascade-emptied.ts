/**
 * A table emptied earlier in the migration without being named: a DELETE without WHERE of a table it references
 * through a FOREIGN KEY written ON DELETE CASCADE deletes every row of it too (alf.io's V22_1.14.3 deletes from
 * extension_configuration_param_registry, whose extension_configuration_metadata rows go with it, then adds a NOT NULL
 * column to extension_configuration_metadata). The key is the one the earlier migrations leave (the repository's
 * history), and it must still be there when the DELETE runs; nothing may add rows to the table between the DELETE and
 * the statement asking.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "./facts.js";
import { everyRowRemovedFrom, rowsAddedTo } from "./row-writes.js";
import type { RuleContext } from "./rule.js";

export interface CascadeEmptying {
  /** the DELETE (or TRUNCATE ... CASCADE) of the referenced table */
  op: Operation;
  /** the referenced table, and the key's columns on the emptied table */
  parent: string;
  columns: string[];
}

/** The key (on `table`: its name and columns, to the referenced `parent`) is gone or `table` swapped under its name by `op`. */
function breaksKey(op: Operation, table: string, parent: string, name: string, columns: readonly string[]): boolean {
  const is = (t: string | undefined) => t !== undefined && nameKey(t) === table;
  switch (op.kind) {
    case "drop_table":
      return op.tables.some((t) => is(t) || nameKey(t) === parent);
    case "rename_table":
      return is(op.table) || nameKey(op.table) === parent;
    case "drop_constraint":
      return is(op.table) && (op.name !== undefined ? nameKey(op.name) === nameKey(name) : (op.columns ?? []).some((c) => columns.some((k) => nameKey(k) === nameKey(c))));
    case "drop_column":
    case "rename_column":
      return is(op.table) && columns.some((c) => nameKey(c) === nameKey(op.column));
    default:
      return false;
  }
}

/** How `table` came to be empty before `index` through a cascading DELETE of a table it references, or undefined. */
export function emptiedByCascade(ctx: RuleContext, table: string, index: number): CascadeEmptying | undefined {
  const key = nameKey(table);
  const up = ctx.migration.up;
  // the latest DELETE without WHERE of a referenced table whose key cascades; rows added to the table since end it
  for (let d = index - 1; d >= 0; d--) {
    const op = up[d];
    const added = rowsAddedTo(op);
    if (added === "any" || added?.some((t) => nameKey(t) === key)) return undefined;
    if ((op.kind === "create_table" || op.kind === "rename_table") && (nameKey(op.table) === key || (op.kind === "rename_table" && nameKey(op.newName) === key))) return undefined;
    // TRUNCATE ... CASCADE empties every table with a key to the ones it names, whatever the key's ON DELETE
    const parents = op.kind === "truncate" && !op.cascade ? [] : everyRowRemovedFrom(op);
    for (const parent of parents) {
      const cascading = ctx.repository
        .tableKeys(table)
        .filter(({ definition }) => definition.kind === "foreign_key" && (op.kind === "truncate" || definition.onDeleteCascade) && definition.references && nameKey(definition.references.table) === nameKey(parent));
      // the key still in place when the DELETE runs: nothing before it in this migration dropped it
      const live = cascading.find(({ name, definition }) => !up.slice(0, d).some((before) => breaksKey(before, key, nameKey(parent), name, definition.columns)));
      if (live) return { op, parent, columns: live.definition.columns };
    }
  }
  return undefined;
}
