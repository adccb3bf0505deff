/**
 * Which earlier migration of a set added a column to an existing table, when nothing wrote the column since: until
 * then it holds only what its ADD COLUMN put there (its default, or NULL), so a later UPDATE of every row overwrites
 * nothing anyone wrote (ifme's published_at, added and backfilled by one pull request). Anything that may have
 * written it in between (an UPDATE or INSERT of the table, code that may write it, SQL migguard could not read, a
 * rename onto it) leaves the question unanswered. A column that came with its CREATE TABLE is the table's birth
 * (table-births.ts), not this.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { rowsAddedTo } from "../rules/support/row-writes.js";

/** What the op does to `table.column`: adds it, may write it (or replace it), or nothing migguard sees. */
function effect(op: Operation, table: string, column: string): "added" | "touched" | undefined {
  const t = nameKey(table);
  const c = nameKey(column);
  const added = rowsAddedTo(op);
  if (added === "any" || added?.some((name) => nameKey(name) === t)) return "touched";
  switch (op.kind) {
    case "add_column":
      return nameKey(op.table) === t && nameKey(op.column.name) === c ? "added" : undefined;
    case "create_table":
      return nameKey(op.table) === t ? "touched" : undefined;
    case "dml":
      return op.verb === "update" && (op.table === undefined || nameKey(op.table) === t) && (op.columns.length === 0 || op.columns.some((name) => nameKey(name) === c)) ? "touched" : undefined;
    case "rename_column":
    case "drop_column":
    case "alter_column_type":
    case "redefine_column":
      return nameKey(op.table) === t && [typeof op.column === "string" ? op.column : op.column.name, ...(op.kind === "rename_column" ? [op.newName] : [])].some((name) => nameKey(name) === c) ? "touched" : undefined;
    case "rename_table":
      return nameKey(op.table) === t || nameKey(op.newName) === t ? "touched" : undefined;
    case "raw":
      return op.opaque ? "touched" : undefined;
    default:
      return undefined;
  }
}

/**
 * The migration among `members[0..position)` that added `table.column`, when neither it (after the add), nor any
 * migration since, nor `current.up[0..index)` may have written the column.
 */
export function columnAdderBefore(members: readonly Migration[], position: number, current: Migration, index: number, table: string, column: string): Migration | undefined {
  if (current.up.slice(0, index).some((op) => effect(op, table, column) !== undefined)) return undefined;
  for (let m = position - 1; m >= 0; m--) {
    const ups = members[m].up;
    for (let o = ups.length - 1; o >= 0; o--) {
      const seen = effect(ups[o], table, column);
      if (seen === "added") return members[m];
      if (seen === "touched") return undefined;
    }
  }
  return undefined;
}
