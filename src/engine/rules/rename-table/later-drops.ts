/**
 * The compatibility view under a table's old name reads every column the table has when it is created (PostgreSQL
 * expands SELECT * then, so listing them changes nothing): while it stands, DROP COLUMN of one of them and DROP TABLE
 * fail. A later migration of the folder that drops one runs, on a database migrated from scratch, before the
 * follow-up that drops the view; this finds the first such statement, so the fix can say where the view must go.
 */
import type { Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";

export interface LaterDrop {
  path: string;
  line: number;
  /** what it drops: "column x of t" or "table t" */
  what: string;
  /** the table itself: after it nothing can drop the view or create it again over the table */
  table: boolean;
}

/** The table's names through later renames (the view follows the table, not the name). */
export function firstLaterDrop(ctx: RuleContext, table: string): LaterDrop | undefined {
  let name = nameKey(table);
  for (const migration of ctx.repository.laterInFolder) {
    for (const op of migration.up as readonly Operation[]) {
      if (op.kind === "rename_table" && nameKey(op.table) === name) name = nameKey(op.newName);
      else if (op.kind === "drop_column" && nameKey(op.table) === name) return { path: migration.path, line: op.loc.line, what: `column ${op.column} of ${op.table}`, table: false };
      else if (op.kind === "drop_table" && op.tables.some((t) => nameKey(t) === name)) return { path: migration.path, line: op.loc.line, what: `table ${name}`, table: true };
    }
  }
  return undefined;
}

/** What this migration itself does to the renamed table after the rename that a view over it cannot stand. */
export interface DropsInMigration {
  /** line of the last statement that drops or retypes a column of the table: the view goes after it */
  line: number;
  /** the columns it drops (the view, made after, cannot give them to the old code) */
  dropped: string[];
  /** line of the statement that drops the table itself: no view can keep the old name */
  tableDropped?: number;
}

/**
 * The statements of the migration after the rename (`index`) that fail while a view reads the table (PostgreSQL:
 * DROP COLUMN, ALTER COLUMN TYPE, DROP TABLE "because other objects depend on it"; MySQL leaves the view invalid
 * instead). A RENAME COLUMN is not one: the view keeps the old column name, which is what the old code reads.
 * `names`: the table's names from the rename on (a rename chain's last name too).
 */
export function dropsInMigration(up: readonly Operation[], index: number, names: readonly string[]): DropsInMigration | undefined {
  const keys = new Set(names.map(nameKey));
  let line: number | undefined;
  const dropped: string[] = [];
  for (const op of up.slice(index + 1)) {
    if (op.kind === "drop_table" && op.tables.some((t) => keys.has(nameKey(t)))) return { line: line ?? op.loc.line, dropped, tableDropped: op.loc.line };
    if (!("table" in op) || typeof op.table !== "string" || !keys.has(nameKey(op.table))) continue;
    if (op.kind === "drop_column") dropped.push(op.column);
    if (op.kind === "drop_column" || op.kind === "alter_column_type" || op.kind === "redefine_column") line = op.loc.line;
  }
  return line === undefined ? undefined : { line, dropped };
}
