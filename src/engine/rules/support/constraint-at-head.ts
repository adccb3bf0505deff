/**
 * A constraint as the end of the folder's history leaves it. A fix's new migration goes after the newest migration
 * of the folder (next-migration.ts), so what it names must be the names there: a table a later migration renames
 * is validated under its new name (open-event-server: `eventsusers` became `event_user`), and a constraint a later
 * migration drops (or drops with its table) is not there to validate at all.
 */
import { nameKey, renamedTo, sameTable } from "./facts.js";
import { stepsToHead } from "./history-to-head.js";
import type { RuleContext } from "./rule.js";

export type ConstraintAtHead =
  | { table: string; name: string }
  | { gone: string };

/**
 * Follows the constraint `name` on `table`, added at `up[index]`, through the rest of this migration's up and the
 * later migrations of its folder, in order.
 */
export function constraintAtHead(ctx: Pick<RuleContext, "migration" | "repository">, table: string, name: string, index: number): ConstraintAtHead {
  let current = { table, name };
  for (const { migration, op } of stepsToHead(ctx, index)) {
    const where = `${migration.path}:${op.loc.line}`;
    switch (op.kind) {
      case "rename_table":
        if (sameTable(op.table, current.table)) current = { ...current, table: renamedTo(current.table, op.newName) };
        break;
      case "drop_table":
        if (op.tables.some((t) => sameTable(t, current.table))) return { gone: `${where} drops table ${current.table}, and the constraint with it` };
        break;
      case "drop_constraint":
        if (op.name && nameKey(op.name) === nameKey(current.name) && sameTable(op.table, current.table)) return { gone: `${where} drops ${current.name}` };
        break;
      case "rename_object":
        if (op.objectType === "constraint" && nameKey(op.name) === nameKey(current.name) && (!op.table || sameTable(op.table, current.table))) current = { ...current, name: op.newName };
        break;
    }
  }
  return current;
}
