/**
 * An up that only fills columns an earlier migration added empty (pet-rescue's backfill_names_in_people fills
 * first_name and last_name, which add_first_and_last_name_to_people added just before): the values it writes
 * replaced only NULLs that nothing else had written, and rolling back the migration that added the columns drops
 * them with their values. The down has nothing to restore, so an empty one is right. The boundary (same change in
 * review, the migration just before in lint) is first-fill-of-added-columns'.
 */
import type { Migration, Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { firstFillOfAddedColumns } from "../support/first-fill-of-added-columns.js";
import { nameKey } from "../support/facts.js";

export interface AddedColumnsBackfill {
  /** the columns written, by table */
  written: Array<{ table: string; columns: string[] }>;
  /** the migrations that added them */
  addedBy: Migration[];
  /** lint's reading: the migration just before it added them (a review's change says so itself) */
  assumedSameDeploy: boolean;
}

/** The table and columns a data step writes, when it writes only values of existing rows and says which; undefined otherwise. */
function overwritten(op: Operation): Array<{ table: string; columns: string[] }> | "reads" | undefined {
  if (op.kind === "dml") return op.verb === "update" && op.table && op.columns.length ? [{ table: op.table, columns: op.columns }] : undefined;
  if (op.kind !== "data_migration") return undefined;
  if (op.readOnly) return "reads";
  const overwrites = op.overwrites ?? [];
  // every table it writes is one it overwrites values in (no insert, no delete), with the columns named
  if (!op.writes || op.deletes?.length || op.insertsOnly || !overwrites.length) return undefined;
  if (overwrites.some((o) => !o.table || !o.columns?.length)) return undefined;
  if (op.writes.some((t) => !overwrites.some((o) => nameKey(o.table!) === nameKey(t)))) return undefined;
  return overwrites.map((o) => ({ table: o.table!, columns: o.columns! }));
}

export function backfillOfAddedColumns(ctx: RuleContext, ops: readonly Operation[]): AddedColumnsBackfill | undefined {
  if (!ops.length) return undefined;
  const written: AddedColumnsBackfill["written"] = [];
  const addedBy = new Set<Migration>();
  let assumedSameDeploy = false;
  let writes = 0;
  for (const op of ops) {
    const what = overwritten(op);
    if (what === undefined) return undefined;
    if (what === "reads") continue;
    const index = ctx.migration.up.indexOf(op);
    for (const w of what) {
      const fill = firstFillOfAddedColumns(ctx, index, w.table, w.columns);
      if (!fill) return undefined;
      for (const m of fill.addedBy) addedBy.add(m);
      assumedSameDeploy = fill.assumedSameDeploy;
      const same = written.find((x) => nameKey(x.table) === nameKey(w.table));
      if (same) same.columns.push(...w.columns.filter((c) => !same.columns.some((s) => nameKey(s) === nameKey(c))));
      else written.push({ table: w.table, columns: [...w.columns] });
      writes++;
    }
  }
  return writes ? { written, addedBy: [...addedBy], assumedSameDeploy } : undefined;
}
