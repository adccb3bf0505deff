/**
 * The index a Rails `remove_index :t, column: [...]` (no `name:`) drops. Rails finds it by its columns among the
 * table's indexes (ActiveRecord's index_name_for_remove), whatever its name; the adapter can only write Rails'
 * default name (`index_t_on_a_and_b`). When the earlier migrations left no index of that name but exactly one
 * on those columns (early-careers-framework's `unique_declaration_index`, built with `name:`), that one is the
 * index dropped: the message and the fix name it. A down's remove_index also finds the index its up built
 * (`created`): identity-idp's `add_index ..., name: "index_socure_docv_transaction_token"` is undone by
 * `remove_index :document_capture_sessions, %i[socure_docv_transaction_token]`.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { nameKey } from "./facts.js";
import { indexName } from "../../adapters/rails/rails-names.js";

type DropIndex = OperationOf<"drop_index">;
type NamedIndex = { name: string; table?: string; columns: readonly string[] };

export function railsRemovedIndex(ctx: RuleContext, op: DropIndex, created: readonly NamedIndex[] = []): DropIndex {
  if (ctx.framework !== "rails" || op.embeddedSql || op.defaultNameOnly || !op.table || !op.columns.length || op.names.length !== 1) return op;
  const table = op.table;
  const onTable = created.filter((ix) => ix.table && nameKey(ix.table) === nameKey(table));
  // a name: written in the call is the index Rails looks for
  if (nameKey(op.names[0]) !== nameKey(indexName(table, op.columns)) || ctx.repository.indexDefinition(op.names[0])) return op;
  if (onTable.some((ix) => nameKey(ix.name) === nameKey(op.names[0]))) return op;
  // Rails compares columns in order (index_name of each index's columns against the call's); where:/unique: play no part
  const same = (columns: readonly string[]) => columns.length === op.columns.length && columns.every((c, i) => nameKey(c) === nameKey(op.columns[i]));
  const found = [...ctx.repository.namedTableIndexes(table), ...onTable].filter((ix) => same(ix.columns));
  if (found.length !== 1) return op;
  return { ...op, names: [found[0].name], ...(op.guards ? { guards: op.guards.map((g) => (g.name && nameKey(g.name) === nameKey(op.names[0]) ? { ...g, name: found[0].name } : g)) } : {}) };
}
