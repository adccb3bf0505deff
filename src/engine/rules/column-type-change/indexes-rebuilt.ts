import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";

/**
 * The indexes the earlier migrations left on the column (a UNIQUE or PRIMARY KEY's among them), which a type change
 * that rewrites no row still rebuilds when the operator class changes; "unknown" when they name none (an unnamed
 * index, or a table the migrations do not show whole, may still have one).
 */
export function indexesRebuilt(ctx: RuleContext, table: string, column: string): string[] | "unknown" {
  const keys = ctx.repository.columnKeys(table, column);
  const names = [
    ...keys.indexes.map((i) => i.name),
    ...keys.own.filter((k) => k.definition.kind === "unique" || k.definition.kind === "primary_key").map((k) => k.name),
  ].filter((name, i, all) => all.findIndex((n) => nameKey(n) === nameKey(name)) === i);
  return names.length ? names : "unknown";
}
