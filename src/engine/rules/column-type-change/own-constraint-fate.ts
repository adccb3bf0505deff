/**
 * What a migration does itself to a constraint the earlier migrations defined: a swap that rebuilds the keys of a
 * column must not bring back one the migration drops for good, and must add back the migration's own definition of
 * one it drops and adds again (pocket-id drops its FOREIGN KEY, changes both columns' types and adds it back).
 */
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { definedKeys } from "../../repository/constraint-history.js";

/**
 * `dropped` when the migration drops the constraint `name` on `table` and does not add it back; `readded` (its ADD
 * CONSTRAINT, NOT VALID) when the migration's last word on it is an ADD CONSTRAINT of that name.
 */
export function ownFate(ctx: Pick<RuleContext, "migration">, table: string, name: string): { dropped: boolean; readded?: string } {
  let dropped = false;
  let readded: string | undefined;
  for (const op of ctx.migration.up) {
    if ((op.kind !== "drop_constraint" && op.kind !== "add_constraint") || nameKey(op.table) !== nameKey(table)) continue;
    if (op.kind === "drop_constraint") {
      if (op.name && nameKey(op.name) === nameKey(name)) [dropped, readded] = [true, undefined];
      continue;
    }
    // SQL as written, or the SQL a framework call stands for (Rails add_foreign_key)
    const added = [...definedKeys(op.text), ...(op.sql ? definedKeys(op.sql) : [])].find((k) => nameKey(k.name) === nameKey(name));
    if (added?.definition.notValidSql) [dropped, readded] = [false, added.definition.notValidSql];
  }
  return { dropped, readded };
}
