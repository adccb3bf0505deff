/**
 * Facts about one migration that many rules ask for, computed once:
 * which tables the migration creates (no lock hazards there), which it empties before changing them,
 * where lock_timeout is set, which tables were copied before a drop (a backup).
 */
import type { Migration, Operation } from "../../model.js";

/** Compare names as PostgreSQL folds them: case-insensitive, `public.` is the default schema. */
const keys = new Map<string, string>();
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    const lower = name.toLowerCase().replace(/"/g, "");
    key = lower.startsWith("public.") ? lower.slice("public.".length) : lower;
    if (keys.size > 50_000) keys.clear(); // bounded: names repeat within a review, not forever
    keys.set(name, key);
  }
  return key;
}

export interface MigrationFacts {
  /** the table did not exist before this migration (created earlier in the same up) */
  isNewTable(table: string | undefined, beforeIndex: number): boolean;
  /**
   * the table was emptied earlier in this up (TRUNCATE, DELETE without WHERE, delete_all, objects.all().delete())
   * and nothing wrote to it since: a later index build, scan or rewrite has no rows to work through. The emptying
   * statement is the finding; what follows it has nothing left to lock for long.
   */
  isEmptiedBefore(table: string | undefined, beforeIndex: number): boolean;
  /** position of an op in `up` */
  indexOf(op: Operation): number;
  /**
   * the session TimeZone when the op at `index` runs: the last SET TIME ZONE before it, else the framework's own
   * (Rails' PostgreSQL adapter sets UTC on every connection while ActiveRecord.default_timezone is :utc, its
   * default); undefined when unknown (the server's setting)
   */
  timeZoneAt(index: number): string | undefined;
  /** `SET lock_timeout` (or a framework equivalent) ran before this op */
  lockTimeoutBefore(index: number): boolean;
  /** data of `table` (optionally `column`) was copied elsewhere before `index` */
  backedUpBefore(table: string, column: string | undefined, index: number): boolean;
  /** the up changes the schema of a table that existed before (not only new tables) */
  touchesExistingSchema: boolean;
}

const schemaOpTable = (op: Operation): string | undefined => {
  switch (op.kind) {
    case "add_column":
    case "drop_column":
    case "rename_column":
    case "alter_column_type":
    case "redefine_column":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "add_index":
    case "add_constraint":
    case "validate_constraint":
    case "drop_constraint":
    case "rename_table":
      return op.table;
    case "drop_index":
      return op.table;
    case "drop_table":
      return op.tables[0];
    default:
      return undefined;
  }
};

export function computeFacts(migration: Migration): MigrationFacts {
  const up = migration.up;
  const createdAt = new Map<string, number>();
  up.forEach((op, index) => {
    if (op.kind === "create_table" && !createdAt.has(nameKey(op.table))) createdAt.set(nameKey(op.table), index);
    // a table renamed from a new table is still new
    if (op.kind === "rename_table" && createdAt.has(nameKey(op.table))) createdAt.set(nameKey(op.newName), index);
  });
  const isNewTable = (table: string | undefined, beforeIndex: number) => {
    if (!table) return false;
    const at = createdAt.get(nameKey(table));
    return at !== undefined && at < beforeIndex;
  };

  // each op that empties or writes a table, in order
  const events = new Map<string, Array<{ index: number; empty: boolean }>>();
  const mark = (table: string, index: number, empty: boolean) => events.set(nameKey(table), [...(events.get(nameKey(table)) ?? []), { index, empty }]);
  const unknownWrites: number[] = [];
  up.forEach((op, index) => {
    if (op.kind === "truncate") op.tables.forEach((t) => mark(t, index, true));
    else if (op.kind === "dml" && op.table) mark(op.table, index, op.verb === "delete" && !op.hasWhere);
    // code (a Ruby block, a RunPython function) may write any table, whatever it names
    else if (op.kind === "data_migration") unknownWrites.push(index);
  });
  const isEmptiedBefore = (table: string | undefined, beforeIndex: number) => {
    if (!table) return false;
    const last = (events.get(nameKey(table)) ?? []).filter((e) => e.index < beforeIndex).pop();
    return last !== undefined && last.empty && !unknownWrites.some((i) => i > last.index && i < beforeIndex);
  };

  const frameworkTimeZone = migration.framework === "rails" ? "UTC" : undefined;
  const timeZoneAt = (index: number) => {
    const set = up
      .slice(0, index)
      .filter((op) => op.kind === "set_setting" && nameKey(op.name) === "timezone")
      .pop();
    if (!set || set.kind !== "set_setting") return frameworkTimeZone;
    return set.scope === "reset" ? undefined : set.value; // RESET and SET ... LOCAL / DEFAULT: the server's own
  };

  const firstLockTimeout = up.findIndex(
    (op) => op.kind === "set_setting" && nameKey(op.name) === "lock_timeout" && op.scope !== "reset",
  );

  const copies = up.flatMap((op, index) => {
    if (op.kind === "create_table" && op.copiedFrom) return [{ index, table: nameKey(op.copiedFrom), columns: [] as string[] }];
    if (op.kind === "dml" && (op.verb === "insert" || op.verb === "select_into" || op.verb === "update" || op.verb === "copy"))
      return op.sourceTables.map((t) => ({ index, table: nameKey(t), columns: op.sourceColumns.map(nameKey) }));
    return [];
  });
  const backedUpBefore = (table: string, column: string | undefined, index: number) =>
    copies.some(
      (c) =>
        c.index < index &&
        c.table === nameKey(table) &&
        (column === undefined || c.columns.length === 0 || c.columns.includes("*") || c.columns.includes(nameKey(column))),
    );

  const touchesExistingSchema = up.some((op, index) => {
    const table = schemaOpTable(op);
    return table !== undefined && !isNewTable(table, index);
  });

  return {
    isNewTable,
    isEmptiedBefore,
    timeZoneAt,
    indexOf: (op) => up.indexOf(op),
    lockTimeoutBefore: (index) => firstLockTimeout !== -1 && firstLockTimeout < index,
    backedUpBefore,
    touchesExistingSchema,
  };
}
