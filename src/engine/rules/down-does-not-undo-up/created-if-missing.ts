/**
 * An up that creates an object IF NOT EXISTS (`if_not_exists: true`, `if_not_exists=True`) says the object may be
 * there before it runs: a repair migration re-creating an index an earlier one built (blnk 1768315575), a schema the
 * migration tool itself creates and keeps its history table in (sql-migrate's SetSchema, blnk 1708676327). Such a
 * creation is the migration's own only when the history shows the object absent when it starts; otherwise a down
 * that drops it may drop what was there before, and the down rightly keeps it (issue #19, pattern 5).
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RepositoryView } from "../../repository/repository-view.js";

/** What the answer reads: the migration's up and what the repository's history says before it. */
export interface Before {
  up: readonly Operation[];
  repository: RepositoryView;
}

/** `op` creates its object IF NOT EXISTS and the history does not show that object absent when the up reaches it. */
export function mayHaveExistedBefore(ctx: Before, op: Operation): boolean {
  if (!createsIfMissing(op)) return false;
  return !shownAbsent(ctx, op);
}

/** CREATE ... IF NOT EXISTS, or its framework's option. */
export const createsIfMissing = (op: Operation): boolean =>
  (op.kind === "create_table" || op.kind === "add_column" || op.kind === "add_index" || op.kind === "create_object") && op.ifNotExists;

/** The earlier migrations of the folder were read and there are some: what they never name was not theirs. */
const historyKnown = (ctx: Before) => ctx.repository.earlierInFolder.length > 0;

/** `table` is created earlier in this up by a statement that made it (not one that may have found it there). */
function createdEarlierHere(ctx: Before, table: string, before: Operation): boolean {
  const up = ctx.up;
  const at = up.indexOf(before);
  return up.slice(0, at < 0 ? up.length : at).some((o) => o.kind === "create_table" && nameKey(o.table) === nameKey(table) && !mayHaveExistedBefore(ctx, o));
}

function shownAbsent(ctx: Before, op: Operation): boolean {
  const { repository } = ctx;
  switch (op.kind) {
    case "create_table":
      // the folder's earlier migrations never name it (SchemaHistory.tableUnseenBefore: not the first, all read)
      return repository.tableUnseen(op.table);
    case "add_index": {
      if (createdEarlierHere(ctx, op.table, op)) return true;
      const name = op.name;
      if (!name || !historyKnown(ctx)) return false;
      // an earlier migration built it and none dropped it since: the up finds it there
      if (repository.indexDefinition(name) || repository.indexDefinition(qualifiedLike(op.table, name))) return false;
      return true;
    }
    case "add_column": {
      if (createdEarlierHere(ctx, op.table, op)) return true;
      if (repository.columnType(op.table, op.column.name) !== undefined) return false;
      // the history follows every column of the table: one it never added is not there
      const grown = repository.grownTableDefinition(op.table);
      if (grown?.complete) return ![...grown.create.columns, ...grown.added.map((a) => a.column)].some((c) => nameKey(c.name) === nameKey(op.column.name));
      // or every change since its creation was read, columns dropped and renamed too (neosync's jobs, a column
      // dropped before 20240131192903 adds workflow_options IF NOT EXISTS): one the proven columns lack is not there
      const proven = repository.provenColumns(op.table);
      return typeof proven === "object" && !proven.columns.has(nameKey(op.column.name));
    }
    case "create_object":
      // a schema is a namespace the migration tool or another application may create and fill as well (sql-migrate
      // keeps its own table in the schema SetSchema names); an extension is the database's: neither is this up's alone
      if (op.objectType === "schema" || op.objectType === "extension") return false;
      return historyKnown(ctx) && repository.objectDefinition(op.objectType, op.name) === undefined;
    default:
      return true;
  }
}

/** `name` in the schema of `table` (an index lives in its table's schema: blnk.idx_x for an index on blnk.t). */
function qualifiedLike(table: string, name: string): string {
  const dot = table.lastIndexOf(".");
  return dot < 0 || name.includes(".") ? name : `${table.slice(0, dot)}.${name}`;
}
