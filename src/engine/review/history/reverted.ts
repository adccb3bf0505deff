/**
 * A merged migration deleted together with a new one that undoes it where it ran: Mastodon's "revert" pair
 * (`return unless index_exists?(...)` then `remove_index`). Databases that ran the deleted migration get its
 * effect undone; the others skip the guarded operation: every database ends up the same.
 */
import type { Migration, Operation } from "../../model.js";
import { nameKey } from "../../rules/support/facts.js";

interface Effect {
  object: "index" | "table" | "column";
  key: string;
  /** the deleted migration created it (the repair must drop it) or removed it (the repair must create it) */
  created: boolean;
}

const indexKey = (table: string | undefined, name: string | undefined, columns: readonly string[]) =>
  name ? nameKey(name) : `${nameKey(table ?? "")}(${columns.map(nameKey).join(",")})`;

function effectsOf(ops: readonly Operation[]): Effect[] | undefined {
  const out: Effect[] = [];
  for (const op of ops) {
    switch (op.kind) {
      case "add_index":
        out.push({ object: "index", key: indexKey(op.table, op.name, op.columns), created: true });
        break;
      case "drop_index":
        if (op.names.length) out.push(...op.names.map((n) => ({ object: "index" as const, key: nameKey(n), created: false })));
        else out.push({ object: "index", key: indexKey(op.table, undefined, op.columns), created: false });
        break;
      case "create_table":
        out.push({ object: "table", key: nameKey(op.table), created: true });
        break;
      case "drop_table":
        out.push(...op.tables.map((t) => ({ object: "table" as const, key: nameKey(t), created: false })));
        break;
      case "add_column":
        out.push({ object: "column", key: `${nameKey(op.table)}.${nameKey(op.column.name)}`, created: true });
        break;
      case "drop_column":
        out.push({ object: "column", key: `${nameKey(op.table)}.${nameKey(op.column)}`, created: false });
        break;
      case "set_setting":
      case "transaction_control":
        break;
      default:
        // something this check does not follow (data, constraints, raw SQL): no claim that it was undone
        return undefined;
    }
  }
  return out;
}

/** Does `op` undo `effect`, and only where the object is in the state the deleted migration left it? */
function undoes(op: Operation, effect: Effect): boolean {
  const same = (e: Effect[] | undefined) => e?.some((x) => x.object === effect.object && x.key === effect.key && x.created !== effect.created) ?? false;
  const guarded =
    (op.kind === "drop_index" || op.kind === "drop_table" || op.kind === "drop_column") ? op.ifExists
    : (op.kind === "add_index" || op.kind === "create_table" || op.kind === "add_column") ? op.ifNotExists
    : false;
  return guarded && same(effectsOf([op]));
}

/** The new migrations whose guarded operations undo everything `deleted` did, or undefined. */
export function revertedBy(deleted: Migration, added: readonly Migration[]): string[] | undefined {
  const effects = effectsOf(deleted.up);
  if (!effects?.length) return undefined;
  const by = new Set<string>();
  for (const effect of effects) {
    const repair = added.find((m) => m.up.some((op) => undoes(op, effect)));
    if (!repair) return undefined;
    by.add(repair.path);
  }
  return [...by].sort();
}
