/**
 * Columns an edit takes out of a merged migration that a new migration of the same change adds again (solidus
 * eca889de5c: spree_users' metadata columns moved out of 20250129061658 into 20250221152004_add_metadata_to_users,
 * which adds them `unless t.column_exists?`). Databases that ran the old version keep the columns and the new
 * migration's guard skips them; fresh databases get them from the new migration: both histories end with them, so
 * that is no drift, and a fix must never drop them. A new step migguard cannot read (a table named at run time,
 * `change_table Spree.user_class.table_name`) that names the column may add it: migguard cannot tell, and still drops nothing.
 */
import type { Migration, Operation } from "../../../model.js";
import type { EditDifference } from "../../history/edit-differences.js";
import { folderPrefix } from "../../../paths.js";

export interface KeptColumn {
  column: string;
  by: string;
  /** a maybe: what migguard cannot read (the step's table, the guard around an add) */
  unread?: string;
}

export interface NewMigrationKeeps {
  /** the differences left to judge */
  rest: EditDifference[];
  /** removed columns a new migration adds again where missing (`spree_users.admin_metadata`), with that migration's file name */
  kept: KeptColumn[];
  /** removed columns a new migration's unread step names: it may add them again */
  maybe: KeptColumn[];
}

/** An add_column that runs only where the column is missing (`unless column_exists?`, `unless t.column_exists?`, `if_not_exists: true`). */
const addsWhereMissing = (op: Operation, table: string, column: string) =>
  op.kind === "add_column" && op.table === table && op.column.name === column && ((op.guards?.length ?? 0) > 0 || ("ifNotExists" in op && op.ifNotExists === true));

/** An add_column of the column with no guard migguard reads: one it does not read (a check written another way) may skip it where it exists. */
const addsAgain = (op: Operation, table: string, column: string) => op.kind === "add_column" && op.table === table && op.column.name === column;

/** A step migguard could not read whose Ruby text names `column` (as a symbol or string; read by the Rails adapter). */
const namesColumn = (op: Operation, column: string): boolean => op.kind === "raw" && (op.rubyLiterals?.includes(column) ?? false);

const fileName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** `differences` of the edit of `edited` without the columns the change's `added` migrations (same folder, later) add again. */
export function newMigrationsKeep(edited: Migration, differences: readonly EditDifference[], added: readonly Migration[]): NewMigrationKeeps {
  const later = added.filter((m) => m.framework === edited.framework && folderPrefix(m.path) === folderPrefix(edited.path) && (m.version ?? "") > (edited.version ?? ""));
  const out: NewMigrationKeeps = { rest: [], kept: [], maybe: [] };
  for (const d of differences) {
    if (d.converge.kind !== "drop_column") {
      out.rest.push(d);
      continue;
    }
    const { table, column } = d.converge;
    const keeper = later.find((m) => m.up.some((op) => addsWhereMissing(op, table, column)));
    const unguarded = keeper ? undefined : later.find((m) => m.up.some((op) => addsAgain(op, table, column)));
    const maybe = keeper ?? unguarded ? undefined : later.find((m) => m.up.some((op) => namesColumn(op, column)));
    const entry = (m: Migration, unread?: string) => ({ column: `${table}.${column}`, by: fileName(m.path), ...(unread ? { unread } : {}) });
    const seen = (list: readonly KeptColumn[], m: Migration) => list.some((k) => k.column === `${table}.${column}` && k.by === fileName(m.path));
    if (keeper) {
      if (!seen(out.kept, keeper)) out.kept.push(entry(keeper));
    } else if (unguarded) {
      if (!seen(out.maybe, unguarded)) out.maybe.push(entry(unguarded, "adds it with no guard migguard reads: where it exists, a guard it does not read skips it, or the add fails"));
    } else if (maybe) {
      if (!seen(out.maybe, maybe)) out.maybe.push(entry(maybe, "a step of it that migguard cannot read, on a table named at run time, names it"));
    } else out.rest.push(d);
  }
  return out;
}
