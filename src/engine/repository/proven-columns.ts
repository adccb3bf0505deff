/**
 * The columns a table has, when the migrations prove them: a migration of the repository created it (a plain
 * CREATE TABLE / create_table, not AS SELECT, LIKE or PARTITION OF) and every change to it since was read
 * (columns added, dropped, renamed). Nothing is proven once a later statement migguard could not read may have
 * touched the table (opaque SQL, a statement naming it that migguard keeps as raw text), or the table came back
 * under a rename. Used to tell a drop of a column that never existed (the migration fails: "column does not
 * exist") from a drop of data.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

/** The table's columns (nameKey'd) and the migration that created it; `unknown` once something unread may have changed them. */
export type ProvenColumns = { columns: Set<string>; createdBy: Migration } | "unknown" | undefined;

const wordIn = (text: string, word: string) => new RegExp(`(?<![A-Za-z0-9_$])${word.replace(/[$]/g, "\\$")}(?![A-Za-z0-9_$])`, "i").test(text);

/** `state` after `op` (of `migration`), for table `key`. */
export function applyToColumns(state: ProvenColumns, op: Operation, migration: Migration, key: string): ProvenColumns {
  if (op.kind === "raw") {
    // statements migguard keeps as text: one that names the table (or cannot be read at all) may change its columns
    if (state === undefined) return state;
    if (op.opaque || (op.table !== undefined ? nameKey(op.table) === key : wordIn(op.text, key))) return "unknown";
    return state;
  }
  if (op.kind === "create_table") {
    if (nameKey(op.table) !== key || op.temporary) return state;
    if (op.asSelect || op.partitionOf || op.columnsUnread) return "unknown";
    return { columns: new Set(op.columns.map((c) => nameKey(c.name))), createdBy: migration };
  }
  if (op.kind === "drop_table") return op.tables.some((t) => nameKey(t) === key) ? undefined : state;
  if (op.kind === "rename_table") {
    if (nameKey(op.newName) === key) return "unknown";
    return nameKey(op.table) === key ? undefined : state;
  }
  if (state === undefined || state === "unknown" || !("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== key) return state;
  const columns = new Set(state.columns);
  if (op.kind === "add_column" || op.kind === "redefine_column") columns.add(nameKey(op.column.name));
  else if (op.kind === "drop_column") columns.delete(nameKey(op.column));
  else if (op.kind === "rename_column") {
    columns.delete(nameKey(op.column));
    columns.add(nameKey(op.newName));
  } else return state;
  return { columns, createdBy: state.createdBy };
}

/** The proven columns of `table` after `migrations` ran, in order (undefined: not created by them; "unknown": not proven). */
export function provenColumns(migrations: readonly Migration[], table: string): ProvenColumns {
  const key = nameKey(table);
  let state: ProvenColumns = undefined;
  for (const migration of migrations) for (const op of migration.up) state = applyToColumns(state, op, migration, key);
  return state;
}

/**
 * Whether `column` is named in a create_table of the table: a column the adapter may not have modelled there (a
 * helper's, a plugin's) still shows its name in the statement's text. The other statements' columns are modelled.
 */
export function columnNamedIn(migrations: readonly Migration[], table: string, column: string): boolean {
  const key = nameKey(table);
  return migrations.some((m) => m.up.some((op) => op.kind === "create_table" && nameKey(op.table) === key && wordIn(op.text, column)));
}
