/**
 * The index a Rails `remove_index :t, column: [...]` (no `name:`) drops. Rails finds it by its columns among the
 * table's indexes (ActiveRecord's index_name_for_remove), whatever its name; the adapter can only write Rails'
 * default name (`index_t_on_a_and_b`). When the earlier migrations left no index of that name but exactly one
 * on those columns (early-careers-framework's `unique_declaration_index`, built with `name:`), that one is the
 * index dropped: the message and the fix name it.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { nameKey } from "./facts.js";
import { indexName } from "../../adapters/rails/rails-names.js";

type DropIndex = OperationOf<"drop_index">;

export function railsRemovedIndex(ctx: RuleContext, op: DropIndex): DropIndex {
  if (ctx.framework !== "rails" || op.embeddedSql || !op.table || !op.columns.length || op.names.length !== 1) return op;
  // a name: written in the call is the index Rails looks for
  if (nameKey(op.names[0]) !== nameKey(indexName(op.table, op.columns)) || ctx.repository.indexDefinition(op.names[0])) return op;
  const same = (columns: readonly string[]) => columns.length === op.columns.length && columns.every((c, i) => nameKey(c) === nameKey(op.columns[i]));
  const found = ctx.repository.namedTableIndexes(op.table).filter((ix) => same(ix.columns));
  if (found.length !== 1) return op;
  return { ...op, names: [found[0].name], ...(op.guards ? { guards: op.guards.map((g) => (g.name && nameKey(g.name) === nameKey(op.names[0]) ? { ...g, name: found[0].name } : g)) } : {}) };
}
