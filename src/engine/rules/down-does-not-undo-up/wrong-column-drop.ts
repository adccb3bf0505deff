/**
 * A Rails down whose remove_foreign_key names the key by a column the up did not put it on (solidus'
 * 20250709073151: the up adds spree_prices' key on country_iso, the down removes it `column: :country_id`). Rails
 * looks the key up by its options and raises when no key matches ("Table 'spree_prices' has no foreign key ..."), so
 * the rollback fails there; the key does not merely stay. The fix is that line with the key's own column, not a
 * DROP CONSTRAINT added after it, which would leave the raising line in place.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import type { DeltaEntry } from "../support/schema-delta.js";
import { nameKey } from "../support/facts.js";
import { sym } from "../support/fix.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";

export interface WrongColumnDrop {
  entry: DeltaEntry;
  /** the up's add_foreign_key */
  add: OperationOf<"add_constraint">;
  /** the down's remove_foreign_key, by a column no key of the table is on */
  drop: OperationOf<"drop_constraint">;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

/** a foreign key on table(columns) the up adds or the earlier migrations leave: the drop by those columns finds one */
function keyOn(ctx: RuleContext, table: string, columns: readonly string[]): boolean {
  const added = ctx.migration.up.some((o) => o.kind === "add_constraint" && o.constraint === "foreign_key" && nameKey(o.table) === nameKey(table) && sameColumns(o.columns, columns));
  return added || (ctx.repository?.tableKeys(table) ?? []).some((k) => k.definition.kind === "foreign_key" && sameColumns(k.definition.columns, columns));
}

/** The up's foreign keys left over, each paired with the down's remove_foreign_key of its table by another column. */
export function wrongColumnDrops(ctx: RuleContext, leftovers: readonly DeltaEntry[]): WrongColumnDrop[] {
  const { down } = ctx.migration;
  if (ctx.framework !== "rails" || down.status !== "present" || down.derived) return [];
  const drops = down.ops.filter((o: Operation): o is OperationOf<"drop_constraint"> => o.kind === "drop_constraint" && !o.ifExists && (o.columns?.length ?? 0) > 0);
  const pairs: WrongColumnDrop[] = [];
  for (const entry of leftovers) {
    const add = entry.upOp;
    if (add?.kind !== "add_constraint" || add.constraint !== "foreign_key" || add.columns.length === 0) continue;
    const drop = drops.find(
      (d) => nameKey(d.table) === nameKey(add.table) && !sameColumns(d.columns!, add.columns) && !keyOn(ctx, d.table, d.columns!) && !pairs.some((p) => p.drop === d),
    );
    if (drop) pairs.push({ entry, add, drop });
  }
  return pairs;
}

export const wrongColumnMessage = (pair: WrongColumnDrop): string =>
  `The down's remove_foreign_key on line ${pair.drop.loc.line} names column ${pair.drop.columns!.join(", ")}, but this up adds the foreign key of ${pair.add.table} on ${pair.add.columns.join(", ")}: ` +
  `no key of ${pair.add.table} is on ${pair.drop.columns!.join(", ")}, so Rails raises ("has no foreign key") and the rollback fails there.`;

/** The down's line with the key's own column: the one call to correct. */
export function wrongColumnFix(pair: WrongColumnDrop): string {
  const column = pair.add.columns.length === 1 ? sym(pair.add.columns[0]) : `[${pair.add.columns.map(sym).join(", ")}]`;
  const own = pair.drop.text.includes("\n") ? undefined : pair.drop.text.trim();
  const corrected = own && rubyReadersLoaded() ? rubyReaders().withOption(own, "column", column) : undefined;
  return [`# in the down, line ${pair.drop.loc.line}, the column the up put the key on:`, corrected ?? `# column: ${column} in place of column: ${sym(pair.drop.columns![0])}`].join("\n");
}
