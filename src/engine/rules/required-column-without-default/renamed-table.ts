/**
 * Where the table's name came from a rename the running code has not seen: earlier in this migration, or in an
 * earlier migration of the same change (review). The code deployed before reads and writes the table under its old
 * name, so its inserts never reach the table under this one (ralph's networks 0004 adds NOT NULL columns to
 * networks_networkenvironment, which data_center 0012 moved there with AlterModelTable). Lint asks the release tags
 * instead (production/pre-release.ts).
 */
import type { OperationOf } from "../../model.js";
import { migrationLabel } from "../../paths.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

/** How the table got its name, in words, or undefined when the running code may know it under this name. */
export function renamedUnseen(ctx: RuleContext, op: OperationOf<"add_column">, index: number): string | undefined {
  const table = nameKey(op.table);
  const earlier = ctx.migration.up.slice(0, index);
  const at = earlier.findLastIndex((o) => (o.kind === "rename_table" && nameKey(o.newName) === table) || (o.kind === "create_table" && nameKey(o.table) === table));
  const here = at === -1 ? undefined : earlier[at];
  if (here?.kind === "rename_table") return `line ${here.loc.line} of this migration renames ${here.table} to ${op.table}`;
  if (here) return undefined;
  const by = ctx.facts.change.renamedBy(ctx.migration, op.table, index);
  return by ? `${migrationLabel(by.path)}, a migration of this change, renamed the table to ${op.table}` : undefined;
}

export const renamedUnseenMessage = (message: string, how: string, table: string): string =>
  `${message} But ${how}: the code running before the deploy uses the table under its old name, so none of its inserts reach ${table}.`;
