/**
 * Which indexes of a table the earlier migrations left in place, and which they removed: an index goes with
 * DROP INDEX / remove_index, and also with its column (PostgreSQL drops every index that reads a dropped column)
 * or its table. Only tables created in the history are followed, and a rename forgets the table (Rails renames
 * indexes of default names with it): what the history cannot tell stays unknown, never "gone".
 */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

interface KnownIndex {
  name: string | undefined;
  columns: string[];
  /** every column it reads (expressions, WHERE): dropping one drops the index */
  reads: string[];
}

/** The indexes of one table at one point of the history. */
export interface TableIndexes {
  present: readonly KnownIndex[];
  removed: readonly KnownIndex[];
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

/** The index a drop names: by one of its names, or by its columns (Rails' remove_index :t, :col). */
const matches = (index: KnownIndex, names: readonly string[], columns: readonly string[]) =>
  (index.name !== undefined && names.some((n) => nameKey(n) === nameKey(index.name!))) || (columns.length > 0 && sameColumns(index.columns, columns));

/** True when the history saw such an index on the table and saw it removed, and none like it is there now. */
export function indexGone(state: TableIndexes | undefined, names: readonly string[], columns: readonly string[]): boolean {
  if (!state) return false;
  return !state.present.some((i) => matches(i, names, columns)) && state.removed.some((i) => matches(i, names, columns));
}

/** Replays operations over the tables the history created; `changed` hears each table whose indexes changed. */
export class IndexReplay {
  private readonly tables = new Map<string, { present: KnownIndex[]; removed: KnownIndex[] }>();

  get(table: string): TableIndexes | undefined {
    return this.tables.get(nameKey(table));
  }

  apply(op: Operation, changed: (table: string, state: TableIndexes | undefined) => void): void {
    const touch = (table: string) => changed(nameKey(table), this.snapshot(table));
    const forget = (table: string) => {
      this.tables.delete(nameKey(table));
      touch(table);
    };
    const remove = (table: string, gone: (i: KnownIndex) => boolean) => {
      const state = this.tables.get(nameKey(table));
      if (!state) return;
      const removed = state.present.filter(gone);
      if (!removed.length) return;
      state.present = state.present.filter((i) => !gone(i));
      state.removed.push(...removed);
      touch(table);
    };
    switch (op.kind) {
      case "create_table":
        if (op.temporary) return;
        this.tables.set(nameKey(op.table), { present: [], removed: [] });
        return touch(op.table);
      case "add_index": {
        const state = this.tables.get(nameKey(op.table));
        if (!state) return;
        state.present.push({ name: op.name, columns: op.columns, reads: [...op.columns, ...op.referencedColumns] });
        return touch(op.table);
      }
      case "drop_index":
        if (op.table) return remove(op.table, (i) => matches(i, op.names, op.columns));
        // DROP INDEX name: on whichever table has it
        for (const table of [...this.tables.keys()]) remove(table, (i) => matches(i, op.names, []));
        return;
      case "drop_column":
        return remove(op.table, (i) => i.reads.some((c) => nameKey(c) === nameKey(op.column)));
      case "drop_table":
        return op.tables.forEach(forget);
      case "rename_table":
        forget(op.table);
        return forget(op.newName);
      case "rename_column":
      case "redefine_column":
        return forget(op.table);
      case "rename_object":
        if (op.objectType !== "index") return;
        if (op.table) return forget(op.table);
        for (const [table, state] of [...this.tables]) if (state.present.some((i) => i.name !== undefined && nameKey(i.name) === nameKey(op.name))) forget(table);
        return;
      default:
        return;
    }
  }

  private snapshot(table: string): TableIndexes | undefined {
    const state = this.tables.get(nameKey(table));
    return state && { present: [...state.present], removed: [...state.removed] };
  }
}
