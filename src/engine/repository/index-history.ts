/**
 * The indexes of one migration folder through its history, in one map: index name -> the index (its table, its
 * columns, its CREATE INDEX when written in SQL) from each position on, undefined once gone. An index goes with
 * DROP INDEX / remove_index, with its column (PostgreSQL drops every index that reads a dropped column) and with its
 * table. The per-table questions (which SQL indexes a table has, whether an index was removed) are read from it.
 *
 * Whether an index was removed is only told for tables created in the history, and a rename (of the table, of a
 * column, of an index the history did not know) forgets what the table had (Rails renames indexes of default names
 * with it): what the history cannot tell stays unknown, never "gone". An index it knows, renamed, is followed under
 * its new name.
 */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { lastBefore } from "./last-before.js";
import { KeysByTable, NameOrder } from "./keys-by-table.js";
import { deparse, parseOne } from "../rules/support/sql-text.js";

/** An index as the history knows it. */
export interface KnownIndex {
  table: string;
  columns: string[];
  /** every column it reads (expressions, WHERE): dropping one drops the index */
  reads: string[];
  /** its CREATE INDEX as written, when a migration wrote it in SQL (a framework call's text is not SQL) */
  sql?: string;
  /** the step of the history that created it, to tell it from indexes its table had before being created again */
  step: number;
  unique?: boolean;
  /** what else its creation said: WHERE (partial, with the predicate when read), USING, options not read */
  shape?: IndexShape;
  /** created by the statement that created its table (t.index, t.references in a create_table block): a copy of that statement builds it again */
  withTable?: boolean;
}

/** An index's definition beyond its columns, as the operation that created it gave it. */
export interface IndexShape {
  partial: boolean;
  predicate?: string;
  method?: string;
  unreadOptions?: string[];
  /** Rails: those of `unreadOptions` written as literals, as Ruby (AddIndex.optionsRuby) */
  optionsRuby?: Record<string, string>;
}

/** An index as the history knows it: its table and, when a migration wrote it in SQL, its CREATE INDEX as written. */
export interface IndexDefinition {
  table: string;
  sql?: string;
  /** its columns, unique and shape, when an operation of the history created it */
  columns?: string[];
  unique?: boolean;
  shape?: IndexShape;
}

/** A CREATE INDEX written again under a new name (ALTER INDEX ... RENAME TO), or undefined when it does not parse back. */
function renamedIndexSql(sql: string, newName: string): string | undefined {
  const statement = parseOne(sql)?.IndexStmt;
  const written = statement ? deparse({ IndexStmt: { ...statement, idxname: newName } }) : undefined;
  return written ? `${written};` : undefined;
}

/** An index with no name (CREATE INDEX ON t (c), Django's db_index) is kept under a key no identifier can be. */
const unnamedKey = (step: number) => `\u0000${step}`;
const isUnnamed = (key: string) => key.startsWith("\u0000");

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

/** The index a drop names: by one of its names, or by its columns (Rails' remove_index :t, :col). */
const matches = (key: string, index: KnownIndex, names: readonly string[], columns: readonly string[]) =>
  (!isUnnamed(key) && names.some((n) => nameKey(n) === key)) || (columns.length > 0 && sameColumns(index.columns, columns));

export class IndexHistory {
  /** index name -> the index from each position on; undefined once gone */
  private readonly byName = new Map<string, Array<{ position: number; index: KnownIndex | undefined }>>();
  /** table -> the step from which the history follows its indexes (its creation), from each position on; undefined once forgotten */
  private readonly followed = new Map<string, Array<{ position: number; since: number | undefined }>>();
  /** table -> the names of its indexes as the replay stands (so a drop reads one table, not every index) */
  private readonly live = new Map<string, Set<string>>();
  private steps = 0;
  /** table -> where the statement that last created it stands (its migration, its lines): the indexes written inside it */
  private readonly creations = new Map<string, { position: number; line: number; endLine: number }>();
  /**
   * The keys of `byName` by the table each index was ever on, in `byName`'s order: a migration's rules ask once per
   * column they look at (the bench's 800 files: 347 questions at 33 positions), and an answer reads its table's
   * indexes, not every index the folder ever had.
   */
  private readonly order = new NameOrder();
  private readonly keysOn = new KeysByTable(this.order);

  /** Replays one operation of the migration at `position`; `sql` is the operation's text when it is SQL as written. */
  apply(op: Operation, position: number, sql: string | undefined): void {
    const step = this.steps++;
    const set = (key: string, index: KnownIndex | undefined) => {
      const list = this.byName.get(key);
      const before = list?.at(-1)?.index;
      if (before) this.live.get(nameKey(before.table))?.delete(key);
      if (index) this.live.set(nameKey(index.table), (this.live.get(nameKey(index.table)) ?? new Set()).add(key));
      if (list) list.push({ position, index });
      else {
        this.byName.set(key, [{ position, index }]);
        this.order.met(key);
      }
      if (index) this.keysOn.add(nameKey(index.table), key);
    };
    const follow = (table: string, since: number | undefined) => {
      const list = this.followed.get(nameKey(table));
      if (list) list.push({ position, since });
      else this.followed.set(nameKey(table), [{ position, since }]);
    };
    const onTable = (table: string) => [...(this.live.get(nameKey(table)) ?? [])].map((key) => ({ key, index: this.byName.get(key)!.at(-1)!.index! }));
    switch (op.kind) {
      case "create_table":
        if (!op.temporary) follow(op.table, step);
        // (an operation built without its place, as tests build some, says nothing of the indexes written inside it)
        if (op.loc) this.creations.set(nameKey(op.table), { position, line: op.loc.line, endLine: op.loc.endLine });
        return;
      case "add_index": {
        const created = this.creations.get(nameKey(op.table));
        const withTable = created !== undefined && op.loc !== undefined && created.position === position && op.loc.line >= created.line && op.loc.endLine <= created.endLine && !op.embeddedSql;
        return set(op.name ? nameKey(op.name) : unnamedKey(step), {
          table: op.table,
          columns: op.columns,
          reads: [...op.columns, ...op.referencedColumns],
          ...(sql !== undefined && op.name ? { sql } : {}),
          step,
          unique: op.unique,
          shape: { partial: op.partial, ...(op.predicate !== undefined ? { predicate: op.predicate } : {}), ...(op.method ? { method: op.method } : {}), ...(op.unreadOptions?.length ? { unreadOptions: op.unreadOptions } : {}), ...(op.optionsRuby ? { optionsRuby: op.optionsRuby } : {}) },
          ...(withTable ? { withTable } : {}),
        });
      }
      case "drop_index":
        for (const n of op.names) if (this.byName.get(nameKey(n))?.at(-1)?.index) set(nameKey(n), undefined);
        if (op.table) for (const { key, index } of onTable(op.table)) if (matches(key, index, [], op.columns)) set(key, undefined);
        return;
      case "drop_column":
        for (const { key, index } of onTable(op.table)) if (index.reads.some((c) => nameKey(c) === nameKey(op.column))) set(key, undefined);
        return;
      case "drop_table":
        for (const table of op.tables) {
          for (const { key } of onTable(table)) set(key, undefined);
          follow(table, undefined);
        }
        return;
      case "rename_table":
        // the indexes keep their table's old name in the history: forgotten, as the table is under both names
        for (const { key } of onTable(op.table)) set(key, undefined);
        follow(op.table, undefined);
        return follow(op.newName, undefined);
      case "rename_column":
      case "redefine_column":
        return follow(op.table, undefined);
      case "rename_object": {
        // a UNIQUE or PRIMARY KEY constraint renamed renames its index too
        if (op.objectType !== "index" && op.objectType !== "constraint") return;
        const index = this.byName.get(nameKey(op.name))?.at(-1)?.index;
        if (op.objectType === "constraint" && (!index || op.table === undefined || nameKey(index.table) !== nameKey(op.table))) return;
        // the same index under its new name; an index the history did not know leaves its table's indexes unknown
        if (index) {
          set(nameKey(op.name), undefined);
          const sql = index.sql === undefined ? undefined : renamedIndexSql(index.sql, op.newName);
          return set(nameKey(op.newName), { ...index, sql });
        }
        if (op.table !== undefined) follow(op.table, undefined);
        return;
      }
      default:
        return;
    }
  }

  /** The index named `name` when the migration at `position` starts. */
  index(name: string, position: number): IndexDefinition | undefined {
    const index = lastBefore(this.byName.get(nameKey(name)), position, (e) => e.index);
    return index && { table: index.table, ...(index.sql !== undefined ? { sql: index.sql } : {}), columns: index.columns, ...(index.unique !== undefined ? { unique: index.unique } : {}), ...(index.shape ? { shape: index.shape } : {}) };
  }

  /** The SQL indexes on `table` when the migration at `position` starts, by name. */
  sqlIndexesOf(table: string, position: number): Array<{ name: string; sql: string }> {
    const out: Array<{ name: string; sql: string }> = [];
    for (const { name, index } of this.indexesOn(table, position)) if (index.sql) out.push({ name, sql: index.sql });
    return out;
  }

  /** The indexes (unnamed ones too) on `table` when the migration at `position` starts, in the order of `byName`. */
  private indexesOn(table: string, position: number): Array<{ name: string; index: KnownIndex }> {
    const tableKey = nameKey(table);
    const out: Array<{ name: string; index: KnownIndex }> = [];
    for (const key of this.keysOn.of(tableKey)) {
      const index = lastBefore(this.byName.get(key), position, (e) => e.index);
      if (index && nameKey(index.table) === tableKey) out.push({ name: key, index });
    }
    return out;
  }

  /** Every named index on `table` when the migration at `position` starts, with its columns (and its SQL when written in SQL). */
  namedIndexesOf(table: string, position: number): Array<{ name: string } & KnownIndex> {
    return this.indexesOn(table, position).flatMap(({ name, index }) => (isUnnamed(name) ? [] : [{ name, ...index }]));
  }

  /** The named indexes on `table` that read `column` when the migration at `position` starts. */
  readingColumn(table: string, column: string, position: number): Array<{ name: string } & KnownIndex> {
    const columnKey = nameKey(column);
    const out: Array<{ name: string } & KnownIndex> = [];
    for (const { name, index } of this.indexesOn(table, position)) if (!isUnnamed(name) && index.reads.some((c) => nameKey(c) === columnKey)) out.push({ name, ...index });
    return out;
  }

  /** The history follows `table`'s indexes when the migration at `position` starts: it saw the table created, and no rename since. */
  follows(table: string, position: number): boolean {
    return lastBefore(this.followed.get(nameKey(table)), position, (e) => e.since) !== undefined;
  }

  /**
   * True when, before the migration at `position`, the history saw such an index on `table` (one of `names`, or on
   * exactly `columns`) and saw it removed, and none like it is there now: false when the history does not follow the table.
   */
  gone(table: string, names: readonly string[], columns: readonly string[], position: number): boolean {
    const since = lastBefore(this.followed.get(nameKey(table)), position, (e) => e.since);
    if (since === undefined) return false;
    let removed = false;
    // only an index once on the table can be ours
    for (const key of this.keysOn.of(nameKey(table))) {
      const list = this.byName.get(key)!;
      const ours = (index: KnownIndex | undefined): index is KnownIndex => index !== undefined && index.step >= since && nameKey(index.table) === nameKey(table) && matches(key, index, names, columns);
      let last: KnownIndex | undefined;
      for (const entry of list) {
        if (entry.position >= position) break;
        if (!entry.index && ours(last)) removed = true;
        last = entry.index;
      }
      if (ours(last)) return false;
    }
    return removed;
  }
}
