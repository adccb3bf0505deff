import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";

/**
 * A valid CHECK (column IS NOT NULL) an earlier migration left on the table (added valid, or NOT VALID and validated
 * since), not dropped before `index` in this migration: PostgreSQL 12+'s SET NOT NULL reads it instead of the
 * table, so there is no scan. Its name, or undefined.
 */
export function provingCheck(ctx: RuleContext, table: string, column: string, index: number): string | undefined {
  const found = ctx.repository
    .tableKeys(table)
    .find(({ definition: d }) => d.kind === "check" && !d.notValid && d.notNullColumns?.some((c) => nameKey(c) === nameKey(column)));
  if (!found) return undefined;
  const same = (t: string) => nameKey(t) === nameKey(table);
  const gone = ctx.migration.up.slice(0, index).some((o) => {
    if (o.kind === "drop_constraint") return same(o.table) && (o.name === undefined || nameKey(o.name) === nameKey(found.name));
    if (o.kind === "drop_column" || o.kind === "rename_column" || o.kind === "alter_column_type") return same(o.table) && nameKey(o.column) === nameKey(column);
    if (o.kind === "drop_table") return o.tables.some(same);
    return o.kind === "rename_table" && same(o.table);
  });
  return gone ? undefined : found.name;
}
