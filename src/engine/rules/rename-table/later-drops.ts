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
