/**
 * The steps of one change judged as a whole: the migrations a pull request adds run one after the other on
 * the same database, so what an earlier one did is known to a later one. A table the change created holds no
 * rows the change did not put there; a column the change added is unknown to the code deployed before it; a
 * column dropped once a data step of the change filled its replacement, which then takes its name (an integer
 * key swapped for a uuid in steps), loses nothing the application needs; a column a data step read just
 * before the drop had its values moved.
 */
import type { Migration, Operation, SourceFile } from "../../model.js";
import type { DetectedFile } from "../../detect.js";
import { inRunOrder } from "../../run-order.js";
import { nameKey } from "./facts.js";
import { rowsAddedTo } from "./row-writes.js";

/** Review with release tags: the newest version tag of the base branch, and its migrations that tag's tree lacks. */
export interface UnreleasedBase {
  newestTag: string;
  paths: ReadonlySet<string>;
}

/** Where an op runs in the change: its migration's place in run order, then its place in that up. */
type Position = number;
const STRIDE = 10_000_000;
const positionOf = (migrationIndex: number, opIndex: number): Position => migrationIndex * STRIDE + opIndex;

/** A data step of the change: the code or statement that moved values before a drop. */
export interface DataStep {
  migration: Migration;
  op: Operation;
}

interface AddedColumn {
  addedAt: Position;
  /** the first data step after the add that may have written it */
  filledAt?: Position;
  /** added by add_column with no default (nor generated, serial): every row holds NULL until a step writes it */
  empty?: { migration: Migration; table: string; column: string };
}

interface Created {
  at: Position;
  /** a data step of the change may have written rows into it since */
  writtenAt?: Position;
  /** the migration that created it */
  by?: Migration;
  /** every step since that may have added rows, in order; `helper`: an app helper migguard does not read (raw, opaque) */
  writes?: Array<{ at: Position; helper: boolean; step: DataStep }>;
}

const key = (table: string, column: string) => `${nameKey(table)}\u0000${nameKey(column)}`;

/** Review: the paths a change adds, and those it edits or removes (a rename's old path among them). */
export interface ChangedPaths {
  added: ReadonlySet<string>;
  edited: ReadonlySet<string>;
}

/** Tables a data step may write: those it names, or any when it names none (code whose models migguard could not resolve). */
export function writtenTables(op: Operation): string[] | "any" | undefined {
  if (op.kind === "data_migration") return op.readOnly ? undefined : (op.writes ?? (op.tables.length ? op.tables : "any"));
  if (op.kind === "dml" && (op.verb === "insert" || op.verb === "update" || op.verb === "copy" || op.verb === "select_into") && op.table) return [op.table];
  return undefined;
}

export class ChangePlan {
  private readonly index = new Map<Migration, number>();
  /** tables the change created that exist at the current point of the construction (by name) */
  private readonly created = new Map<string, Created>();
  /**
   * every span in which a table the change created existed under a name: a later drop or rename ends it, so a
   * question about an earlier position (the drop itself) still finds the table the whole plan dropped
   */
  private readonly createdSpans = new Map<string, Array<{ created: Created; from: Position; until?: Position }>>();
  /** drop position -> the replacement filled before it that later took the dropped column's name */
  private readonly replacedDrops = new Set<Position>();
  /** rename positions whose old name the change gave (the column was added by the change, or renamed onto the name) */
  private readonly renamesOfAdded = new Set<Position>();
  /** drop position -> the data step before it that read the dropped column (or table) */
  private readonly movedBy = new Map<Position, DataStep>();
  /**
   * every span in which a column the change added (ADD COLUMN without IF NOT EXISTS) existed under a name, by
   * table and column: a later drop or rename ends it, so the drop itself still finds the column it drops
   */
  private readonly addedColumnSpans = new Map<string, Array<{ from: Position; until?: Position; renamedTo?: string }>>();
  /**
   * every span in which a column stood under a name a step of the change gave it (an ADD COLUMN, or a rename onto the
   * name, of a column the base branch has too), by table and column: no code deployed before the change knows the name
   */
  private readonly givenNameSpans = new Map<string, Array<{ from: Position; until?: Position }>>();
  /** columns the change adds (or renames onto a name), by table: where, and the names code reaches them by (the column, its ORM field) */
  private readonly adds = new Map<string, Array<{ at: Position; names: Set<string> }>>();
  /** where the change creates a table under a name (CREATE TABLE, or a rename onto it), by name */
  private readonly tableBirths = new Map<string, Position[]>();
  /** where a rename of the change gives a table a name, by that name: the migration that does it */
  private readonly tableRenames = new Map<string, Array<{ at: Position; by: Migration }>>();
  /** the columns the plan added empty (AddedColumn.empty), with where a step first wrote them */
  private readonly emptyAdds: AddedColumn[] = [];

  static readonly none = new ChangePlan([]);

  /**
   * `migrations`: the migrations the change adds, in the order they run. `baseCodeFiles`: the base branch's
   * version of the application files the change edits (a model whose `ignored_columns` the change empties
   * said on the base branch, where the servers run, that the column was already ignored).
   */
  constructor(
    migrations: readonly Migration[],
    readonly baseCodeFiles: readonly SourceFile[] = [],
    /** review with release tags: the base branch's migrations no release holds yet (they ship with the change) */
    private readonly release?: UnreleasedBase,
    /** review: the paths the change adds and those it edits or removes, whatever their kind (the base branch's code is the head's without them, with baseCodeFiles) */
    readonly files?: ChangedPaths,
  ) {
    // columns the change added, by table; those no data step filled yet, by table
    const added = new Map<string, Map<string, AddedColumn>>();
    const unfilled = new Map<string, Set<AddedColumn>>();
    const unwritten = new Set<Created>();
    const pendingDrops = new Map<string, Position[]>();
    // data steps that read a table (INSERT ... SELECT, code that asks for its model), by table: every question is per table
    const readers = new Map<string, DataStep[]>();
    // where each reader read, and the last write of the change so far: rows only selected are moved only when
    // something is written elsewhere after they were read
    const readAt = new Map<Operation, Position>();
    let lastWrite: { at: Position; tables: string[] | "any" } | undefined;
    const named = (table: string, names: ReadonlyArray<string | undefined>, at: Position) => {
      const adds = this.adds.get(nameKey(table)) ?? [];
      this.adds.set(nameKey(table), adds);
      adds.push({ at, names: new Set(names.flatMap((n) => (n ? [nameKey(n)] : []))) });
    };
    const born = (table: string, at: Position) => this.tableBirths.set(nameKey(table), [...(this.tableBirths.get(nameKey(table)) ?? []), at]);
    const addColumn = (table: string, column: string, at: Position, empty?: AddedColumn["empty"]) => {
      const t = nameKey(table);
      const entry: AddedColumn = { addedAt: at, ...(empty ? { empty } : {}) };
      if (empty) this.emptyAdds.push(entry);
      const columns = added.get(t) ?? new Map<string, AddedColumn>();
      added.set(t, columns);
      columns.set(nameKey(column), entry);
      const open = unfilled.get(t) ?? new Set<AddedColumn>();
      unfilled.set(t, open);
      open.add(entry);
    };
    const fill = (table: string | undefined, columns: readonly string[], at: Position) => {
      for (const [t, open] of table === undefined ? unfilled : [[nameKey(table), unfilled.get(nameKey(table))] as const]) {
        if (!open) continue;
        const only = columns.length ? new Set(columns.map((c) => added.get(t)?.get(nameKey(c)))) : undefined;
        for (const entry of open) if (!only || only.has(entry)) {
          entry.filledAt = at;
          open.delete(entry);
        }
      }
    };
    migrations.forEach((migration, m) => {
      this.index.set(migration, m);
      migration.up.forEach((op, o) => {
        const at = positionOf(m, o);
        const written = writtenTables(op);
        if (written) lastWrite = { at, tables: written };
        if (written === "any") fill(undefined, [], at);
        else if (written) for (const table of written) fill(table, op.kind === "dml" ? op.columns : [], at);
        const rowsAdded = rowsAddedTo(op);
        const affected = rowsAdded === "any" ? [...this.created.values()] : (rowsAdded ?? []).flatMap((t) => this.created.get(nameKey(t)) ?? []);
        for (const created of new Set(affected)) (created.writes ??= []).push({ at, helper: op.kind === "raw" && op.opaque, step: { migration, op } });
        if (rowsAdded === "any") {
          for (const created of unwritten) created.writtenAt = at;
          unwritten.clear();
        } else if (rowsAdded) {
          for (const table of rowsAdded) {
            const created = this.created.get(nameKey(table));
            if (created && unwritten.delete(created)) created.writtenAt = at;
          }
        }
        for (const table of readTables(op)) {
          const list = readers.get(nameKey(table)) ?? [];
          readers.set(nameKey(table), list);
          list.push({ migration, op });
          readAt.set(op, at);
        }
        switch (op.kind) {
          case "create_table": {
            // CREATE TABLE AS starts with rows
            const created: Created = op.asSelect ? { at, writtenAt: at, by: migration, writes: [{ at, helper: false, step: { migration, op } }] } : { at, by: migration };
            this.created.set(nameKey(op.table), created);
            this.openSpan(op.table, created, at);
            if (!op.asSelect) unwritten.add(created);
            for (const c of op.columns) addColumn(op.table, c.name, at);
            if (!op.temporary) born(op.table, at);
            break;
          }
          case "add_column": {
            const c = op.column;
            const empty = c.default === undefined && !c.generated && !c.serial && !op.ifNotExists;
            addColumn(op.table, c.name, at, empty ? { migration, table: op.table, column: c.name } : undefined);
            if (!op.ifNotExists) {
              this.openColumnSpan(op.table, op.column.name, at);
              this.openNameSpan(op.table, op.column.name, at);
            }
            named(op.table, [op.column.name, op.ormField], at);
            break;
          }
          case "rename_column": {
            // another column takes the name (linkwarden's imagePath renamed to image, dropped days before)
            named(op.table, [op.newName], at);
            if (this.closeColumnSpan(op.table, op.column, at, op.newName)) this.openColumnSpan(op.table, op.newName, at);
            // the old name is one the change gave (activity_id renamed to federated_object_id, then that to origin_id):
            // the code deployed before the change never used it, the first rename already broke the name it uses
            if (this.closeNameSpan(op.table, op.column, at)) this.renamesOfAdded.add(at);
            this.openNameSpan(op.table, op.newName, at);
            const columns = added.get(nameKey(op.table));
            const from = columns?.get(nameKey(op.column));
            if (columns && from) {
              this.renamesOfAdded.add(at);
              columns.delete(nameKey(op.column));
              columns.set(nameKey(op.newName), from);
              // the new name is a column dropped earlier in the change: the replacement, filled before that drop, takes its place
              for (const dropAt of pendingDrops.get(key(op.table, op.newName)) ?? []) if (from.filledAt !== undefined && from.filledAt < dropAt) this.replacedDrops.add(dropAt);
            }
            break;
          }
          case "drop_column": {
            this.closeColumnSpan(op.table, op.column, at);
            this.closeNameSpan(op.table, op.column, at);
            const k = key(op.table, op.column);
            pendingDrops.set(k, [...(pendingDrops.get(k) ?? []), at]);
            added.get(nameKey(op.table))?.delete(nameKey(op.column));
            const reader = (readers.get(nameKey(op.table)) ?? []).findLast((step) => readsColumn(step.op, op.table, [op.column, op.ormField]));
            if (reader) this.movedBy.set(at, reader);
            break;
          }
          case "drop_table":
            for (const table of op.tables) {
              this.created.delete(nameKey(table));
              this.closeSpan(table, at);
              const reader = readers.get(nameKey(table))?.at(-1);
              const selectedOnly = reader?.op.kind === "data_migration" && reader.op.readOnly === true;
              const writtenElsewhere = reader !== undefined && lastWrite !== undefined && lastWrite.at > (readAt.get(reader.op) ?? Infinity) && (lastWrite.tables === "any" || lastWrite.tables.some((t) => nameKey(t) !== nameKey(table)));
              if (reader && (!selectedOnly || writtenElsewhere)) this.movedBy.set(at, reader);
            }
            break;
          case "rename_table": {
            born(op.newName, at);
            this.tableRenames.set(nameKey(op.newName), [...(this.tableRenames.get(nameKey(op.newName)) ?? []), { at, by: migration }]);
            const created = this.created.get(nameKey(op.table));
            if (created) {
              this.created.delete(nameKey(op.table));
              this.created.set(nameKey(op.newName), created);
              this.closeSpan(op.table, at);
              this.openSpan(op.newName, created, at);
            }
            break;
          }
        }
      });
    });
  }

  private openSpan(table: string, created: Created, from: Position): void {
    const spans = this.createdSpans.get(nameKey(table)) ?? [];
    this.createdSpans.set(nameKey(table), spans);
    spans.push({ created, from });
  }

  private closeSpan(table: string, until: Position): void {
    const open = this.createdSpans.get(nameKey(table))?.findLast((s) => s.until === undefined);
    if (open) open.until = until;
  }

  private openColumnSpan(table: string, column: string, from: Position): void {
    const spans = this.addedColumnSpans.get(key(table, column)) ?? [];
    this.addedColumnSpans.set(key(table, column), spans);
    spans.push({ from });
  }

  /** Ends the open span of a column the change added; false when the column is not one. */
  private closeColumnSpan(table: string, column: string, until: Position, renamedTo?: string): boolean {
    const open = this.addedColumnSpans.get(key(table, column))?.findLast((s) => s.until === undefined);
    if (open) {
      open.until = until;
      if (renamedTo !== undefined) open.renamedTo = renamedTo;
    }
    return open !== undefined;
  }

  /**
   * The column the op at `opIndex` adds is dropped again by a later step of the change (followed through its renames):
   * once the change has run it does not exist, so nothing deployed before or after it ever writes it.
   */
  droppedLater(migration: Migration, table: string, column: string, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    if (at === undefined) return false;
    let span = this.addedColumnSpans.get(key(table, column))?.find((s) => s.from === at);
    for (let hops = 0; span && hops < 100; hops++) {
      if (span.until === undefined) return false;
      if (span.renamedTo === undefined) return true;
      const until = span.until;
      span = this.addedColumnSpans.get(key(table, span.renamedTo))?.find((s) => s.from === until);
    }
    return false;
  }

  private openNameSpan(table: string, column: string, from: Position): void {
    const spans = this.givenNameSpans.get(key(table, column)) ?? [];
    this.givenNameSpans.set(key(table, column), spans);
    spans.push({ from });
  }

  private closeNameSpan(table: string, column: string, until: Position): boolean {
    const open = this.givenNameSpans.get(key(table, column))?.findLast((s) => s.until === undefined);
    if (open) open.until = until;
    return open !== undefined;
  }

  /**
   * When the op at `opIndex` runs, the column stands under a name an earlier step of the change gave it (added, or
   * renamed onto it): the code deployed before the change never named it (it names the base branch's name, if any).
   */
  nameGivenEarlier(migration: Migration, table: string, column: string, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    return at !== undefined && (this.givenNameSpans.get(key(table, column)) ?? []).some((s) => s.from < at && (s.until === undefined || s.until >= at));
  }

  /**
   * An earlier migration of the change added the column (followed through its renames), and it still exists when
   * the op at `opIndex` runs: no code deployed before the change knows it, and it holds only values the change
   * wrote, so dropping it loses nothing (the migration's own adds are MigrationFacts.isColumnAddedBefore).
   */
  addedColumnEarlier(migration: Migration, table: string, column: string, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    if (at === undefined) return false;
    const start = positionOf(this.index.get(migration)!, 0);
    return (this.addedColumnSpans.get(key(table, column)) ?? []).some((s) => s.from < start && (s.until === undefined || s.until >= at));
  }

  /** A plan of the migration's own steps, with what this change knows of the base branch. */
  alone(migration: Migration): ChangePlan {
    return new ChangePlan([migration], this.baseCodeFiles, this.release, this.files);
  }

  /**
   * The base branch's migration is in no release yet (its newest version tag's tree lacks it): it reaches production
   * in the same release as the change. The newest version tag, or undefined (released, or no tags were read).
   */
  unreleasedWithChange(migration: Migration): string | undefined {
    return this.release?.paths.has(migration.path) ? this.release.newestTag : undefined;
  }

  /** This plan covers the migration (it is one of the change's added migrations). */
  includes(migration: Migration): boolean {
    return this.index.has(migration);
  }

  private at(migration: Migration, opIndex: number): Position | undefined {
    const m = this.index.get(migration);
    return m === undefined ? undefined : positionOf(m, opIndex);
  }

  /**
   * An earlier migration of the change created the table and no data step of the change wrote to it since:
   * it holds no rows when the op at `opIndex` runs (the migration's own creates are MigrationFacts.isNewTable).
   */
  createdEmptyEarlier(migration: Migration, table: string | undefined, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    if (at === undefined || !table) return false;
    // the table under that name when the op runs (a drop at `at` itself still finds it)
    const span = this.createdSpans.get(nameKey(table))?.find((s) => s.from < at && (s.until === undefined || s.until >= at));
    const created = span?.created;
    if (!created || created.at >= positionOf(this.index.get(migration)!, 0)) return false;
    return created.writtenAt === undefined || created.writtenAt >= at;
  }

  /**
   * The earlier migration of the change that created the table under that name, whether or not a data step of the
   * change wrote rows into it since: no deployed code knows the table, so nothing running waits on its locks or
   * reads its names. Undefined for a table of the base branch, or one this migration creates itself.
   */
  createdByEarlierMigration(migration: Migration, table: string | undefined, opIndex: number): Migration | undefined {
    const at = this.at(migration, opIndex);
    if (at === undefined || !table) return undefined;
    const span = this.createdSpans.get(nameKey(table))?.find((s) => s.from < at && (s.until === undefined || s.until >= at));
    const created = span?.created;
    if (!created || created.at >= positionOf(this.index.get(migration)!, 0)) return undefined;
    return created.by;
  }

  /**
   * An earlier migration of the change created the table, and the only steps since that may have added rows to it
   * are app helpers migguard does not read (caseflow's add_safe_index on it): the creator and those steps. No deployed
   * code ran in between, so whatever it holds those helpers put there, if they write rows at all.
   */
  onlyHelpersWroteEarlier(migration: Migration, table: string | undefined, opIndex: number): { creator: Migration; helpers: DataStep[] } | undefined {
    const at = this.at(migration, opIndex);
    if (at === undefined || !table) return undefined;
    const span = this.createdSpans.get(nameKey(table))?.find((s) => s.from < at && (s.until === undefined || s.until >= at));
    const created = span?.created;
    if (!created?.by || created.at >= positionOf(this.index.get(migration)!, 0)) return undefined;
    const writes = (created.writes ?? []).filter((w) => w.at < at);
    if (writes.length === 0 || !writes.every((w) => w.helper)) return undefined;
    return { creator: created.by, helpers: writes.map((w) => w.step) };
  }

  /** The drop at `opIndex` is a step of a swap: a column the change added and filled takes the dropped column's name later. */
  isReplacedDrop(migration: Migration, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    return at !== undefined && this.replacedDrops.has(at);
  }

  /**
   * The rename at `opIndex` renames a column the change itself added, or renames again a name an earlier rename of the
   * change gave: no code deployed before the change uses its old name.
   */
  renamesAddedColumn(migration: Migration, opIndex: number): boolean {
    const at = this.at(migration, opIndex);
    return at !== undefined && this.renamesOfAdded.has(at);
  }

  /**
   * A step of the change after the op at `opIndex` adds a column to `table` that code names by one of `names`
   * (a Django ForeignKey `topic`, column topic_id, after the CharField topic was renamed): once the change has
   * run, the name reaches that new column, so code that names it is no use of the dropped or renamed one.
   */
  addsNameLater(migration: Migration, opIndex: number, table: string, names: ReadonlyArray<string | undefined>): boolean {
    const at = this.at(migration, opIndex);
    if (at === undefined) return false;
    const wanted = names.flatMap((n) => (n ? [nameKey(n)] : []));
    return (this.adds.get(nameKey(table)) ?? []).some((add) => add.at > at && wanted.some((n) => add.names.has(n)));
  }

  /**
   * The migration of the change (this one, earlier in its up, or an earlier one) whose rename gave `table` the name it
   * has when the op at `opIndex` runs, when no step of the change created a table of that name since: the code
   * deployed before the change uses the table under its old name (ralph's networkenvironment, moved to the networks
   * app by an AlterModelTable of the same release).
   */
  renamedBy(migration: Migration, table: string, opIndex: number): Migration | undefined {
    const at = this.at(migration, opIndex);
    if (at === undefined) return undefined;
    const born = (this.tableBirths.get(nameKey(table)) ?? []).filter((p) => p < at);
    const last = born.length ? Math.max(...born) : undefined;
    return last === undefined ? undefined : this.tableRenames.get(nameKey(table))?.find((r) => r.at === last)?.by;
  }

  /**
   * A step of the change after the op at `opIndex` creates a table named `table` again (manage.get.gov's 0169 creates
   * DnsZone, which 0168 deleted to change its key): once the change has run, code that names it uses the new table.
   */
  createsTableLater(migration: Migration, opIndex: number, table: string): boolean {
    const at = this.at(migration, opIndex);
    return at !== undefined && (this.tableBirths.get(nameKey(table)) ?? []).some((p) => p > at);
  }

  /**
   * An earlier migration of the plan added each of `columns` of `table` with no default, and no step before this
   * migration may have written them (the first that may is this migration's, at or before `opIndex`): what the step
   * at `opIndex` writes there replaces only NULLs or this migration's own values. The migrations that added them, or
   * undefined when any column is not such a one.
   */
  firstFillsOfEmptyColumns(migration: Migration, opIndex: number, table: string, columns: readonly string[]): Migration[] | undefined {
    const at = this.at(migration, opIndex);
    if (at === undefined || !columns.length) return undefined;
    const start = positionOf(this.index.get(migration)!, 0);
    const adders = new Set<Migration>();
    for (const column of columns) {
      const added = this.emptyAdds.findLast((e) => e.addedAt < start && nameKey(e.empty!.table) === nameKey(table) && nameKey(e.empty!.column) === nameKey(column));
      if (!added || added.filledAt === undefined || added.filledAt < start || added.filledAt > at) return undefined;
      adders.add(added.empty!.migration);
    }
    return [...adders];
  }

  /** The data step of the change that read the dropped column (or table) just before the drop at `opIndex`. */
  movedBefore(migration: Migration, opIndex: number): DataStep | undefined {
    const at = this.at(migration, opIndex);
    return at === undefined ? undefined : this.movedBy.get(at);
  }
}

/**
 * Tables a data step reads: those an INSERT ... SELECT or UPDATE ... FROM reads, the models code whose text was read
 * asks for, and the tables it reaches through their relations.
 */
export function readTables(op: Operation): string[] {
  if (op.kind === "dml") return op.sourceTables;
  // rows selected for the code after it (`rp = bind.execute(sa.select(diagram))`, then a loop that inserts them elsewhere)
  if (op.kind === "data_migration" && op.readOnly) return op.tables;
  // a loop that creates another model's rows from its records' attributes (adapters/rails/loop-copies.ts) reads what it copies
  if (op.kind === "data_migration" && (op.mentions || op.copies)) return [...op.tables, ...(op.readsThrough ?? []), ...(op.copies ?? []).map((c) => c.from)];
  return [];
}

/** A data step (that reads the table) reads the column under one of `names` (the column, or the ORM field it belongs to), or copies it elsewhere. */
export function readsColumn(op: Operation, table: string, names: ReadonlyArray<string | undefined>): boolean {
  const wanted = new Set(names.flatMap((n) => (n ? [nameKey(n)] : [])));
  if (op.kind === "dml") return op.sourceColumns.some((c) => wanted.has(nameKey(c)));
  return op.kind === "data_migration" && ((op.mentions ?? []).some((n) => wanted.has(nameKey(n))) || copyOf(op, table, names[0] ?? "") !== undefined);
}

/**
 * Where a data step copied a column's values (table.column), when it copies every row's value of it into another
 * table (django-parler's recipe), and whether its reverse copies them back.
 */
export function copyOf(op: Operation, table: string, column: string): { into: string; restored: boolean; someRows?: boolean } | undefined {
  if (op.kind !== "data_migration") return undefined;
  for (const copy of op.copies ?? []) {
    if (nameKey(copy.from) !== nameKey(table)) continue;
    const pair = copy.columns.find((c) => nameKey(c.column) === nameKey(column));
    if (pair) return { into: `${copy.to}.${pair.into}`, restored: pair.restored, ...(copy.someRows ? { someRows: true } : {}) };
  }
  return undefined;
}

/** The plan of a change's added migrations, put in the order they run (Django's across apps: run-order.ts). */
export function changePlanOf(added: ReadonlyArray<{ file: DetectedFile; migration: Migration }>, baseCodeFiles: readonly SourceFile[] = [], release?: UnreleasedBase, files?: ChangedPaths): ChangePlan {
  if (added.length === 0 && baseCodeFiles.length === 0 && !release && !files) return ChangePlan.none;
  return new ChangePlan(inRunOrder(added).map((a) => a.migration), baseCodeFiles, release, files);
}
