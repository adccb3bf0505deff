/**
 * A column as the end of the folder's history leaves it. A fix's new migration goes after the newest migration of
 * the folder (next-migration.ts), so a column a later migration drops (or drops with its table) is not there for a
 * follow-up to fill or swap (mergin-server's c13819c566e7 drops project_version.changes, which dbd428cda965 made jsonb).
 */
import type { Migration, Operation } from "../../model.js";
import { nameKey, renamedTo, sameTable } from "./facts.js";
import { stepsToHead, type HistoryFrom } from "./history-to-head.js";
import { nextHolding, type KeysOf } from "./later-migrations-index.js";

/** A table's name without its schema, as a key: two names sameTable calls one table always share it. */
const bareKey = (table: string) => nameKey(table.slice(table.lastIndexOf(".") + 1));

/**
 * The tables (bareKey) an up renames or drops, or whose columns it renames or drops, picked once per up: a column is
 * followed through every later migration of its folder (lemmy's hundreds) for each finding, and most never name its table.
 */
const tablesMovedByUp = new WeakMap<readonly Operation[], ReadonlySet<string>>();
function tablesMovedBy(up: readonly Operation[]): ReadonlySet<string> {
  let tables = tablesMovedByUp.get(up);
  if (!tables) {
    tables = new Set(up.flatMap((op) => (op.kind === "drop_table" ? op.tables : op.kind === "rename_table" || op.kind === "rename_column" || op.kind === "drop_column" ? [op.table] : []).map(bareKey)));
    tablesMovedByUp.set(up, tables);
  }
  return tables;
}

/** The tables (bareKey) each later migration renames or drops, or whose columns it renames or drops: what later-migrations-index.ts looks a table up by. */
const tablesMovedByMigration: KeysOf = (migration) => tablesMovedBy(migration.up);

/** `renames`: each rename of the table or the column by a later migration, in words (where, and what it renames) */
export type ColumnAtHead = { table: string; column: string; renames: string[] } | { gone: string };

/** Follows `table.column`, changed at `up[index]`, through the rest of this migration's up and the later migrations of its folder. */
export function columnAtHead(ctx: HistoryFrom, table: string, column: string, index: number): ColumnAtHead {
  let current = { table, column };
  const renames: string[] = [];
  // asked as the walk reaches each later migration: `current` is the table's name there
  const nextNamingTheTable = (later: readonly Migration[], from: number) => nextHolding(later, tablesMovedByMigration, bareKey(current.table), from);
  for (const { migration, op } of stepsToHead(ctx, index, nextNamingTheTable)) {
    const where = `${migration.path}:${op.loc.line}`;
    if (op.kind === "rename_table" && sameTable(op.table, current.table)) {
      if (migration !== ctx.migration) renames.push(`${where} renames table ${current.table} to ${op.newName}`);
      current = { ...current, table: renamedTo(current.table, op.newName) };
    } else if (op.kind === "drop_table" && op.tables.some((t) => sameTable(t, current.table))) return { gone: `${where} drops table ${current.table}, and ${current.column} with it` };
    else if (op.kind === "rename_column" && sameTable(op.table, current.table) && nameKey(op.column) === nameKey(current.column)) {
      if (migration !== ctx.migration) renames.push(`${where} renames ${current.table}.${current.column} to ${op.newName}`);
      current = { ...current, column: op.newName };
    }
    else if (op.kind === "drop_column" && sameTable(op.table, current.table) && nameKey(op.column) === nameKey(current.column)) return { gone: `${where} drops ${current.table}.${current.column}` };
  }
  return { ...current, renames };
}

/**
 * Several columns of one table (an index's, a key's) as the end of the history leaves them: gone when a later
 * migration drops any of them or their table, each renamed as the later migrations rename it otherwise.
 */
export function columnsAtHead(ctx: HistoryFrom, table: string, columns: readonly string[], index: number): { table: string; columns: string[] } | { gone: string } {
  // the table alone (no column is named ""), for a key written without columns
  const heads = [...columns.map((c) => columnAtHead(ctx, table, c, index)), columnAtHead(ctx, table, "", index)];
  const gone = heads.find((h) => "gone" in h);
  if (gone) return gone;
  const kept = heads as Array<{ table: string; column: string }>;
  return { table: kept[kept.length - 1]!.table, columns: kept.slice(0, -1).map((h) => h.column) };
}

/** The head names differ from the ones the statement wrote: the follow-up must use them. */
export const renamedAtHead = (head: { table: string; columns: string[] } | { gone: string }, table: string, columns: readonly string[]): head is { table: string; columns: string[] } =>
  !("gone" in head) && (nameKey(head.table) !== nameKey(table) || head.columns.some((c, i) => nameKey(c) !== nameKey(columns[i]!)));
