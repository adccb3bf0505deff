/**
 * The indexes on a column renamed by expand and contract, carried over to the new column: the contract's DROP COLUMN
 * takes the old column's indexes with it, where RENAME COLUMN would have kept them (railsdevs' referrals.user_id:
 * without this, index_referrals_on_referred_user_id, which schema.rb shows after the rename, is gone). Each is built
 * CONCURRENTLY on the new column once it is filled, under the name the rename would have left it (Rails renames an
 * index with its default name, `index_<table>_on_<columns>`, with the column; PostgreSQL keeps an index's name),
 * or, while the old index holds that name, under a temporary one it takes after DROP COLUMN. An index that reads the
 * column in an expression or a WHERE, or whose options were not read, is said, never rewritten by guess. The PRIMARY
 * KEY and UNIQUE constraints' own indexes move with their constraints (moved-key-references.ts).
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import type { KnownIndex } from "../../repository/index-history.js";
import type { ColumnKeys } from "../../repository/schema-history.js";
import { nameKey } from "../support/facts.js";
import { ident } from "../support/fix.js";
import { suffixedName, temporaryName } from "../support/pg-names.js";
import { indexName } from "../../adapters/rails/rails-names.js";

export interface CarriedIndexes {
  /** CREATE INDEX CONCURRENTLY on the new column, once it is filled: its name, SQL, columns (the new one among them), unique or not */
  indexes: Array<{ name: string; sql: string; columns: string[]; unique: boolean; temporary: boolean }>;
  /** after DROP COLUMN: each index built under a temporary name takes the old one's */
  afterDrop: string[];
  /** comment lines: the indexes that could not be written again */
  unknown: string[];
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

/** The index `name` is dropped (or renamed away) earlier in this migration: nothing to carry. */
const goneBefore = (ctx: RuleContext, name: string, index: number) =>
  ctx.migration.up.slice(0, index).some((o) => (o.kind === "drop_index" && o.names.some((n) => same(n, name))) || (o.kind === "rename_object" && o.objectType === "index" && same(o.name, name)));

/**
 * `start`: the table's name before this migration; `indexes`: the column's indexes there (columnKeys). `skip`: names
 * of indexes that move otherwise (a constraint's). `taken`: whether a name is used once this migration ran (a new
 * index must not take one).
 */
export function carriedIndexes(
  ctx: RuleContext,
  op: OperationOf<"rename_column">,
  index: number,
  start: string,
  indexes: ColumnKeys["indexes"],
  skip: ReadonlySet<string>,
  taken: (name: string) => boolean,
): CarriedIndexes {
  const out: CarriedIndexes = { indexes: [], afterDrop: [], unknown: [] };
  const t = ident(op.table);
  const chosen = new Set<string>();
  for (const known of indexes) {
    if (skip.has(nameKey(known.name)) || goneBefore(ctx, known.name, index)) continue;
    const unreadable = unreadableShape(known, op.column);
    if (unreadable) {
      out.unknown.push(`the index ${known.name} reads ${op.column} ${unreadable}, which migguard does not rewrite: build it again on ${op.newName} CONCURRENTLY before DROP COLUMN, which drops it`);
      continue;
    }
    const columns = known.columns.map((c) => (same(c, op.column) ? op.newName : c));
    const final = ctx.framework === "rails" && known.name === indexName(start, known.columns) ? indexName(op.table, columns) : known.name;
    const free = (n: string) => !same(n, known.name) && !taken(n) && !chosen.has(nameKey(n));
    let name = final;
    if (!free(name)) {
      name = temporaryName(`${final}_new`);
      // the number kept whole: a name cut to 63 bytes would be the same candidate again, forever
      for (let i = 2; !free(name); i++) name = suffixedName(final, `_new${i}`);
      out.afterDrop.push(`ALTER INDEX ${ident(name)} RENAME TO ${ident(final)};`);
    }
    chosen.add(nameKey(name));
    const method = known.shape?.method && known.shape.method.toLowerCase() !== "btree" ? ` USING ${known.shape.method}` : "";
    out.indexes.push({ name, columns, unique: Boolean(known.unique), temporary: name !== final, sql: `CREATE ${known.unique ? "UNIQUE " : ""}INDEX CONCURRENTLY ${ident(name)} ON ${t}${method} (${columns.map(ident).join(", ")});` });
  }
  return out;
}

/** What of the index migguard cannot write again from what it read: an expression, a WHERE, options left unread. */
function unreadableShape(known: KnownIndex, column: string): string | undefined {
  if (known.shape?.partial) return "in an index with a WHERE";
  if (known.shape?.unreadOptions?.length) return `in an index with options migguard did not read (${known.shape.unreadOptions.join(", ")})`;
  if (!known.columns.some((c) => same(c, column)) || known.columns.some((c) => !/^\w+$/.test(c))) return "in an expression";
  return undefined;
}
