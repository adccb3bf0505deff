/**
 * The TimescaleDB hypertables of a migration set, from each position on: a table becomes one by `SELECT
 * create_hypertable('t', ...)` (SQL, or SQL a framework runs: op.execute, RunSQL, execute) or `CREATE TABLE ...
 * WITH (timescaledb.hypertable)`; it stops being one when dropped, created again plainly, or renamed (the new name
 * is the hypertable).
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { lastBefore } from "./last-before.js";

/** Where a table became a hypertable: the migration's path and the line of its create_hypertable. */
export interface HypertableOrigin {
  path: string;
  line: number;
  /** the application's code makes it one (no migration creates the table): code/model-hypertables.ts */
  byCode?: boolean;
  /** CREATE TABLE ... WITH (timescaledb.hypertable) made it one, not create_hypertable */
  createdAsHypertable?: boolean;
}

/** Where `op` of `migration` made a table a hypertable. */
const originOf = (migration: Migration, op: Operation): HypertableOrigin => ({ path: migration.path, line: op.loc.line, ...(op.kind === "create_table" ? { createdAsHypertable: true } : {}) });

/** What `op` says of hypertables: tables made one (with `origin`) and tables no longer one (undefined). */
function hypertableChanges(op: Operation): Array<{ table: string; made: boolean }> {
  if (op.kind === "raw" && op.hypertable) return [{ table: op.hypertable, made: true }];
  if (op.kind === "create_table" && !op.temporary) return [{ table: op.table, made: Boolean(op.hypertable) }];
  if (op.kind === "drop_table") return op.tables.map((table) => ({ table, made: false }));
  return [];
}

export class Hypertables {
  /** table (nameKey) -> where it became a hypertable from each position on; undefined once it is not one */
  private readonly entries = new Map<string, Array<{ position: number; origin: HypertableOrigin | undefined }>>();

  record(migration: Migration, position: number): void {
    const set = (table: string, origin: HypertableOrigin | undefined) => {
      const list = this.entries.get(nameKey(table)) ?? [];
      if (list.at(-1)?.position === position) list[list.length - 1].origin = origin;
      else if (origin || list.length) list.push({ position, origin });
      this.entries.set(nameKey(table), list);
    };
    for (const op of migration.up) {
      if (op.kind === "rename_table") {
        const origin = lastBefore(this.entries.get(nameKey(op.table)), position + 1, (e) => e.origin);
        set(op.table, undefined);
        set(op.newName, origin);
        continue;
      }
      for (const change of hypertableChanges(op)) set(change.table, change.made ? originOf(migration, op) : undefined);
    }
  }

  /** Where `table` became the hypertable it is when the migration at `position` starts; undefined when it is not known to be one. */
  before(table: string, position: number): HypertableOrigin | undefined {
    return lastBefore(this.entries.get(nameKey(table)), position, (e) => e.origin);
  }
}

/**
 * What this migration's own operations before `beforeIndex` say of `table`: settled (made a hypertable here, with
 * its origin, or no longer one) or not (the earlier migrations tell, under the name the table had then).
 */
export function hypertableIn(migration: Migration, table: string, beforeIndex: number): { settled: true; origin: HypertableOrigin | undefined } | { settled: false; name: string } {
  let wanted = table;
  for (let i = Math.min(beforeIndex, migration.up.length) - 1; i >= 0; i--) {
    const op = migration.up[i];
    if (op.kind === "rename_table" && nameKey(op.newName) === nameKey(wanted)) {
      wanted = op.table;
      continue;
    }
    if (op.kind === "rename_table" && nameKey(op.table) === nameKey(wanted)) return { settled: true, origin: undefined };
    const change = hypertableChanges(op).findLast((c) => nameKey(c.table) === nameKey(wanted));
    if (change) return { settled: true, origin: change.made ? originOf(migration, op) : undefined };
  }
  return { settled: false, name: wanted };
}
