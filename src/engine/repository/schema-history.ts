/**
 * The column types each migration meets, from the migrations of its folder that run before it (in the runner's
 * order) among those given to one analysis. Built once per analysis: every change of a column's type is kept
 * with its position, so asking "before migration N" costs a short search, not a replay.
 */
import { EmptyProofs } from "./empty-proofs.js";
import type { DetectedFile } from "../detect.js";
import { compareMigrations, isAppliedMigration, migrationSet } from "../migration-order.js";
import { revisionOrder } from "../revision-order.js";
import type { ColumnSpec, DefaultValue, Migration, OperationOf, TypeRef } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { ColumnNullability } from "./column-nullability.js";
import { rowVersionLimit } from "../rules/support/mysql-online-ddl.js";
import { ColumnTypes } from "./column-types.js";
import { RowVersions } from "./row-versions.js";
import { IndexHistory, type IndexDefinition } from "./index-history.js";
import { lastBefore } from "./last-before.js";
import { migrationDate } from "./migration-date.js";
import { TableBirths, type TableBirth } from "./table-births.js";
import { columnAdderBefore } from "./column-births.js";
import { columnCopyBefore, type ColumnCopy } from "./column-copies.js";
import { ConstraintHistory, type ConstraintDefinition, type KeyDefinition } from "./constraint-history.js";
import { djangoForeignReferences } from "./django-foreign-references.js";
import type { KnownIndex } from "./index-history.js";
import { RelationKinds, type RelationKind } from "./relation-kinds.js";
import { Hypertables, type HypertableOrigin } from "./hypertables.js";
import { provenColumnsTimelines, type ProvenColumns, type ProvenColumnsTimeline } from "./proven-columns.js";
import { tableResolver, withResolvedMigration, type TableResolver } from "./table-schemas.js";
import { djangoPlan, labelOf, nameOf, type DjangoPlan } from "./django-plan.js";
import { countBelow } from "../sorted-numbers.js";

export type { IndexDefinition } from "./index-history.js";

interface Change {
  position: number;
  type: TypeRef | undefined;
}

/** `CREATE FUNCTION ...` as `CREATE OR REPLACE FUNCTION ...` for the kinds that have it; undefined for the others (they cannot be re-run). */
function orReplaced(text: string, objectType: string): string | undefined {
  if (!["function", "procedure", "view", "trigger"].includes(objectType)) return undefined;
  const trimmed = text.trimStart();
  return /^create\s/i.test(trimmed) ? `CREATE OR REPLACE ${trimmed.slice("create".length).trimStart()}` : undefined;
}

/** What reads one column, as the earlier migrations leave it (SchemaHistory.columnKeysBefore). */
export interface ColumnKeys {
  own: Array<{ name: string; definition: KeyDefinition }>;
  referencing: Array<{ name: string; definition: KeyDefinition }>;
  indexes: Array<{ name: string } & KnownIndex>;
  followed: boolean;
}

/** A table's create_table and the Rails column additions made to it since, nothing else changed. */
export interface GrownTable {
  create: OperationOf<"create_table">;
  added: OperationOf<"add_column">[];
  /** false once a later migration changed the table otherwise (a column dropped, renamed, retyped): the create_table and additions no longer define it */
  complete: boolean;
}

/** An added column a create_table block can write again: Rails' add_column, or a column call of a change_table block. */
const blockWritable = (op: OperationOf<"add_column">) => !op.embeddedSql && (op.frameworkCall === "add_column" || /^t\.\w+$/.test(op.frameworkCall ?? ""));

export class SchemaHistory {
  /** set -> "table.column" -> changes in order */
  private readonly changes = new Map<string, Map<string, Change[]>>();
  /** set -> table -> the CREATE TABLE (or create_table call) that defines it from each position on; undefined once dropped */
  private readonly definitions = new Map<string, Map<string, Array<{ position: number; op: OperationOf<"create_table"> | undefined }>>>();
  /** set -> table -> MySQL row-version counts in order (row-versions.ts) */
  private readonly versions = new Map<string, Map<string, Array<{ position: number; count: number }>>>();
  /** set -> "table.column" -> the definition (CREATE TABLE's or ADD COLUMN's) from each position on; undefined once changed */
  private readonly columnDefinitions = new Map<string, Map<string, Array<{ position: number; spec: ColumnSpec | undefined }>>>();
  /** each column's default after each migration that sets it: `{}` for none, undefined where it becomes unknown */
  private readonly columnDefaults = new Map<string, Map<string, Array<{ position: number; value: { default?: DefaultValue } | undefined }>>>();
  /** per migration set: whether each column is NOT NULL, through changes that outdate its definition */
  private readonly nullabilities = new Map<string, ColumnNullability>();
  /** set -> "type:name" -> the statement that (re)defines the object (function, view, ...) from each position on */
  private readonly objectDefinitions = new Map<string, Map<string, Array<{ position: number; text: string | undefined }>>>();
  /** set -> its indexes by name from each position on (index-history.ts) */
  private readonly indexes = new Map<string, IndexHistory>();
  /** set -> partitioned table -> its partitions (CREATE TABLE ... PARTITION OF) from each position on; undefined once dropped or renamed */
  private readonly partitionings = new Map<string, Map<string, Array<{ position: number; partitions: readonly string[] | undefined }>>>();
  /** set -> table -> its create_table and the columns Rails migrations added to it since (add_column, t.string in change_table) */
  private readonly grown = new Map<string, Map<string, Array<{ position: number; value: GrownTable | undefined }>>>();
  /** set -> view -> the relations its last CREATE read */
  private readonly viewReads = new Map<string, Map<string, readonly string[]>>();
  /** FOREIGN KEY and CHECK constraints by name (constraint-history.ts) */
  private readonly constraints = new ConstraintHistory();
  /** set -> every table an operation named (created, renamed from or to, altered, written), in lower case, with the first position */
  private readonly named = new Map<string, Map<string, number>>();
  /** set -> the positions of migrations with work migguard cannot see into (an opaque helper, SQL it could not read) */
  private readonly unread = new Map<string, number[]>();
  /** set -> the migration that created each table (table-births.ts) */
  private readonly births = new Map<string, TableBirths>();
  /** set -> each name's kind of relation (table, view, materialized view) from each position on (relation-kinds.ts) */
  private readonly relationKinds = new Map<string, RelationKinds>();
  /** set -> its TimescaleDB hypertables from each position on (hypertables.ts) */
  private readonly hypertables = new Map<string, Hypertables>();
  private readonly emptyProofs = new Map<string, EmptyProofs>();
  /** migration path -> its set and position */
  private readonly positions = new Map<string, { set: string; position: number }>();
  /** each set's migrations in the order they run: a new migration goes after the last */
  private readonly members = new Map<string, Migration[]>();
  /** set -> how its migrations' table names resolve (table-schemas.ts), for a set that writes one table two ways */
  private readonly resolvers = new Map<string, TableResolver>();
  /** set -> its members with their table names resolved, for such a set: what every record of the history reads */
  private readonly resolvedMembers = new Map<string, Migration[]>();
  /** set -> its members' dates (ms), ascending, read on first use (datedNear) */
  private readonly dates = new Map<string, number[]>();
  /** set -> its members' versions, frozen, read on first use (versionsOfSet: every fix that writes a file asks) */
  private readonly setVersions = new Map<string, readonly (string | undefined)[]>();
  /** Alembic, over every version location: revision id -> the revisions whose down_revision (or depends_on) names it */
  private readonly revisionChildren = new Map<string, Migration[]>();
  /** Django: set -> the app's leaf nodes (djangoLeavesOfSet), read on first use */
  private readonly djangoLeaves = new Map<string, readonly Migration[]>();
  /**
   * Django: the sets whose migrations depend on one of the app that was not read (danglingDependency): their graph
   * has a gap, so they are read in their files' order and their leaf nodes are not known
   */
  private readonly djangoPartial = new Set<string>();
  /** Alembic, over every version location: path -> its migration */
  private readonly alembicByPath = new Map<string, Migration>();
  /**
   * set -> relation (nameKey) -> the views whose last CREATE read it, in `viewReads`' order: built on the first
   * question, so a question about one table reads that table's views (a folder of hundreds of views was walked for
   * every column a rule asked about)
   */
  private readonly viewsReading = new Map<string, Map<string, string[]>>();
  /** set -> table (nameKey) -> its proven columns after each migration that changed them (proven-columns.ts), built on the first question */
  private readonly provenColumns = new Map<string, Map<string, ProvenColumnsTimeline>>();

  /** `table` as the set's history keys it (table-schemas.ts): written with the schema the set runs in or without, the same table */
  private tableOf(set: string, table: string): string {
    return this.resolvers.get(set)?.(table) ?? table;
  }

  /** `table` as the history of `migrationPath`'s set names it: a statement of a migration compares its tables to the history's under this name */
  resolvedTable(migrationPath: string, table: string): string {
    const at = this.positions.get(migrationPath);
    return at ? this.tableOf(at.set, table) : table;
  }

  static empty(): SchemaHistory {
    return new SchemaHistory([]);
  }

  /**
   * `migrations` with the detected file each came from; Alembic in its revision graph's order; sqitch (a plan) is not
   * ordered here. `schemaOf`: the schema the runner is configured to run a migration in (Flyway's), when the
   * repository says.
   */
  constructor(parsed: ReadonlyArray<{ file: DetectedFile; migration: Migration }>, schemaOf?: (migration: Migration) => string | undefined) {
    const sets = new Map<string, Array<{ file: DetectedFile; migration: Migration }>>();
    for (const entry of parsed) {
      if (!isAppliedMigration(entry.file) || entry.file.layout === "sqitch") continue;
      const set = migrationSet(entry.file);
      if (entry.file.layout === "alembic" && entry.migration.revision) {
        this.alembicByPath.set(entry.file.path, entry.migration);
        for (const parent of entry.migration.revision.after) this.revisionChildren.set(parent, [...(this.revisionChildren.get(parent) ?? []), entry.migration]);
      }
      const entries = sets.get(set);
      // pushed, not copied: a folder of 700 migrations would copy its list 700 times
      if (entries) entries.push(entry);
      else sets.set(set, [entry]);
    }
    // Django applies an app's migrations in its dependency graph's order, not by name (django-plan.ts)
    const django = [...sets.values()].flatMap((entries) => (entries[0].file.layout === "django" ? entries.map((e) => e.migration) : []));
    if (django.length) this.django = djangoPlan(django);
    const planned = new Map(this.django?.order.map((m, i) => [m, i]));
    for (const [set, unordered] of sets) {
      const layout = unordered[0].file.layout;
      // an app whose migrations depend on one that was not read: its graph has a gap, its files' order stands
      if (layout === "django" && danglingDependency(unordered.map((e) => e.migration))) this.djangoPartial.add(set);
      const graphed = layout === "django" && !this.djangoPartial.has(set);
      const entries =
        layout === "alembic"
          ? revisionOrder(unordered, (e) => e.migration.revision, (e) => e.file.path)
          : unordered.sort((a, b) => (graphed ? (planned.get(a.migration) ?? Infinity) - (planned.get(b.migration) ?? Infinity) : 0) || compareMigrations(a.file, b.file));
      const members = entries.map((e) => e.migration);
      this.members.set(set, members);
      // one table written with its schema and without (table-schemas.ts): every record below keys it one way
      const resolve = tableResolver(members, schemaOf?.(members[0]));
      if (resolve) this.resolvers.set(set, resolve);
      members.forEach((migration, position) => this.positions.set(migration.path, { set, position }));
      this.record(set, members, resolve);
    }
  }

  /** Django's graph of the migrations given, when there are some */
  private readonly django: DjangoPlan | undefined;
  /** Django: per set, whether each member's ancestors are the members before it, in that order (onLine) */
  private readonly lines = new Map<string, ReadonlySet<Migration>>();
  /** Django: the ancestors in its set of a migration off the set's line that onLine read, until placeBefore records them */
  private readonly offLineAncestors = new Map<Migration, Migration[]>();
  /** Django: the place of the own history of a migration off its set's line (ownPlace), by path */
  private readonly ownPlaces = new Map<string, { set: string; position: number }>();
  /** the sets ownPlace recorded: one migration's ancestors, not a folder */
  private readonly ownSets = new Set<string>();
  /** how many more migrations ownPlace may record (a bound on a graph of many long branches) */
  private ownBudget = OWN_HISTORY_BUDGET;

  /**
   * Where the history `migrationPath` meets is read: its place in its set, unless it is a Django migration off the
   * set's line, whose ancestors are not the members before it (a migration of one branch before a merge: the other
   * branch's sort before it, or run before it in Django's order, but are not its dependencies). Its own record of
   * its ancestors then, in Django's forwards plan (the state Django gives it), built on the first question.
   */
  private placeBefore(migrationPath: string): { set: string; position: number } | undefined {
    const at = this.positions.get(migrationPath);
    if (!at || !this.django || !at.set.startsWith("django:") || this.djangoPartial.has(at.set)) return at;
    const members = this.members.get(at.set)!;
    const migration = members[at.position];
    if (this.onLine(at.set, members).has(migration)) return at;
    const own = this.ownPlaces.get(migrationPath);
    if (own) return own;
    // onLine read them when it had to compare them with the members before it
    const ancestors = this.offLineAncestors.get(migration) ?? this.ancestorsInSet(migration, at.set);
    this.offLineAncestors.delete(migration);
    // past the bound, the set's order answers (as it did before Django's graph was followed)
    if (ancestors.length > this.ownBudget) return at;
    this.ownBudget -= ancestors.length;
    const set = `${at.set}\u0000${migrationPath}`;
    this.ownSets.add(set);
    this.members.set(set, ancestors);
    const resolve = this.resolvers.get(at.set);
    if (resolve) this.resolvers.set(set, resolve);
    this.record(set, ancestors, resolve);
    const place = { set, position: ancestors.length };
    this.ownPlaces.set(migrationPath, place);
    return place;
  }

  /**
   * The members of a Django set whose ancestors in the set are the members before them, in Django's forwards plan's
   * order: one dependency, the member just before (the common case), else its forwards plan compared with them.
   */
  private onLine(set: string, members: readonly Migration[]): ReadonlySet<Migration> {
    let line = this.lines.get(set);
    if (line) return line;
    const django = this.django!;
    const onLine = new Set<Migration>();
    let previous: Migration | undefined;
    members.forEach((m, position) => {
      // a replaced migration is not in the graph: the squash's history stands for it, kept just before it
      if (django.replaced(m)) {
        onLine.add(m);
        return;
      }
      const parents = django.parents(m);
      const follows =
        previous !== undefined && parents.length === 1 && parents[0] === previous
          ? onLine.has(previous)
          : this.ancestorsFollow(m, set, members.slice(0, position).filter((b) => !django.replaced(b)));
      if (follows) onLine.add(m);
      previous = m;
    });
    this.lines.set(set, (line = onLine));
    return line;
  }

  /** Whether `m`'s ancestors in `set` are `before`, in that order; when not, they are kept for placeBefore. */
  private ancestorsFollow(m: Migration, set: string, before: readonly Migration[]): boolean {
    const ancestors = this.ancestorsInSet(m, set);
    if (sameList(ancestors, before)) return true;
    this.offLineAncestors.set(m, ancestors);
    return false;
  }

  /** Django: `m`'s ancestors of `set`, in its forwards plan's order */
  private ancestorsInSet(m: Migration, set: string): Migration[] {
    return (this.django!.forwardsPlan(m) ?? []).filter((a) => this.positions.get(a.path)?.set === set);
  }

  /**
   * Every record of the history for the migrations of `set`, run in this order: what each question "before position
   * N" reads. `resolve`: how the set's table names resolve (table-schemas.ts).
   */
  private record(set: string, members: readonly Migration[], resolve: TableResolver | undefined): void {
    {
      const changes = new Map<string, Change[]>();
      const definitions = new Map<string, Array<{ position: number; op: OperationOf<"create_table"> | undefined }>>();
      const define = (table: string, position: number, op: OperationOf<"create_table"> | undefined) =>
        definitions.set(nameKey(table), [...(definitions.get(nameKey(table)) ?? []), { position, op }]);
      const columns = new Map<string, Array<{ position: number; spec: ColumnSpec | undefined }>>();
      const nullability = new ColumnNullability();
      this.nullabilities.set(set, nullability);
      const grown = new Map<string, Array<{ position: number; value: GrownTable | undefined }>>();
      const grow = (table: string, position: number, value: GrownTable | undefined) => {
        const list = grown.get(nameKey(table)) ?? [];
        list.push({ position, value });
        grown.set(nameKey(table), list);
      };
      const defineColumn = (table: string, column: string, position: number, spec: ColumnSpec | undefined) => {
        const key = `${nameKey(table)}.${nameKey(column)}`;
        const list = columns.get(key);
        if (list) list.push({ position, spec });
        else columns.set(key, [{ position, spec }]);
      };
      const defaults = new Map<string, Array<{ position: number; value: { default?: DefaultValue } | undefined }>>();
      this.columnDefaults.set(set, defaults);
      const defineDefault = (table: string, column: string, position: number, value: { default?: DefaultValue } | undefined) => {
        const key = `${nameKey(table)}.${nameKey(column)}`;
        const list = defaults.get(key) ?? [];
        if (list.at(-1)?.position === position) list[list.length - 1].value = value;
        else list.push({ position, value });
        defaults.set(key, list);
      };
      const objects = new Map<string, Array<{ position: number; text: string | undefined }>>();
      const reads = new Map<string, readonly string[]>();
      this.viewReads.set(set, reads);
      const defineObject = (key: string, position: number, text: string | undefined) => {
        const list = objects.get(key);
        if (list) list.push({ position, text });
        else objects.set(key, [{ position, text }]);
      };
      const partitionings = new Map<string, Array<{ position: number; partitions: readonly string[] | undefined }>>();
      const partitionsNow = (table: string) => partitionings.get(nameKey(table))?.at(-1)?.partitions;
      const definePartitioning = (table: string, position: number, partitions: readonly string[] | undefined) =>
        partitionings.set(nameKey(table), [...(partitionings.get(nameKey(table)) ?? []), { position, partitions }]);
      const replay = new ColumnTypes();
      const rowVersions = new RowVersions();
      const versions = new Map<string, Array<{ position: number; count: number }>>();
      const indexes = new IndexHistory();
      const births = new TableBirths();
      this.births.set(set, births);
      const kinds = new RelationKinds();
      this.relationKinds.set(set, kinds);
      const hypertables = new Hypertables();
      this.hypertables.set(set, hypertables);
      const proofs = new EmptyProofs();
      this.emptyProofs.set(set, proofs);
      if (resolve) this.resolvedMembers.set(set, members.map((m) => withResolvedMigration(m, resolve)));
      const recorded = this.resolvedMembers.get(set) ?? members;
      const named = new Map<string, number>();
      const unread: number[] = [];
      this.named.set(set, named);
      this.unread.set(set, unread);
      recorded.forEach((migration, position) => {
        this.constraints.record(set, position, migration);
        births.record(migration, position);
        kinds.record(migration.up, position);
        hypertables.record(migration, position);
        proofs.record(migration, position);
        recordNames(named, unread, migration, position);
        for (const op of migration.up) {
          if (op.kind === "create_table" && !op.temporary && !op.asSelect) define(op.table, position, op);
          else if (op.kind === "drop_table") for (const t of op.tables) define(t, position, undefined);
          else if (op.kind === "rename_table") define(op.table, position, undefined);
          // a later change of its columns makes the CREATE TABLE an outdated definition
          else if ((op.kind === "add_column" || op.kind === "drop_column" || op.kind === "rename_column" || op.kind === "alter_column_type") && definitions.has(nameKey(op.table)))
            define(op.table, position, undefined);
        }
        for (const op of migration.up) {
          // an index written in SQL can be written again as it was; a framework call's text is not SQL
          indexes.apply(op, position, migration.framework === "sql" && !op.embeddedSql ? op.text : undefined);
          if (op.kind === "drop_table" || op.kind === "rename_table") {
            const gone = op.kind === "drop_table" ? op.tables.map(nameKey) : [nameKey(op.table)];
            for (const t of gone) if (partitionsNow(t)) definePartitioning(t, position, undefined);
          } else if (op.kind === "create_table" && op.partitioned) definePartitioning(op.table, position, []);
          else if (op.kind === "create_table" && op.partitionOf && partitionsNow(op.partitionOf))
            definePartitioning(op.partitionOf, position, [...partitionsNow(op.partitionOf)!, op.table]);
        }
        for (const op of migration.up) {
          const key = "table" in op && typeof op.table === "string" ? nameKey(op.table) : undefined;
          const current = key !== undefined ? grown.get(key)?.at(-1)?.value : undefined;
          if (op.kind === "create_table" && !op.temporary && !op.asSelect) grow(op.table, position, { create: op, added: [], complete: true });
          else if (op.kind === "drop_table") for (const t of op.tables) grow(t, position, undefined);
          else if (op.kind === "rename_table") grow(op.table, position, undefined);
          else if (op.kind === "add_column" && current) grow(op.table, position, { create: current.create, added: [...current.added, op], complete: current.complete && blockWritable(op) });
          else if (op.kind === "drop_column" && current && droppedAddition(current.added, op.column))
            // a column added since and removed again (hcb's docusign columns of partnered_signups): the definition is
            // the create and the other additions, still complete
            grow(op.table, position, { ...current, added: current.added.filter((a) => nameKey(a.column.name) !== nameKey(op.column)) });
          else if ((op.kind === "drop_column" || op.kind === "rename_column" || op.kind === "alter_column_type" || op.kind === "redefine_column") && current) grow(op.table, position, { ...current, complete: false });
        }
        for (const op of migration.up) {
          // kept as CREATE OR REPLACE, so running it again replaces what a later migration wrote
          if (op.kind === "create_object" && !op.embeddedSql) {
            defineObject(`${op.objectType}:${nameKey(op.name)}`, position, op.orReplace ? op.text : orReplaced(op.text, op.objectType));
            if (op.objectType === "view") reads.set(nameKey(op.name), op.dependsOn);
          }
          else if (op.kind === "drop_object") for (const n of op.names) defineObject(`${op.objectType}:${nameKey(n)}`, position, undefined);
        }
        for (const op of migration.up) {
          if (op.kind === "create_table" && !op.temporary && !op.asSelect) for (const c of op.columns) defineColumn(op.table, c.name, position, c);
          else if (op.kind === "add_column") defineColumn(op.table, op.column.name, position, op.column);
          // what changes a column's type, default, nullability or name outdates its definition
          else if (op.kind === "redefine_column") defineColumn(op.table, op.column.name, position, undefined);
          else if (op.kind === "alter_column_type" || op.kind === "set_default" || op.kind === "drop_default" || op.kind === "set_not_null" || op.kind === "drop_not_null" || op.kind === "drop_column" || op.kind === "rename_column")
            defineColumn(op.table, op.column, position, undefined);
        }
        // a default outlives a change of the column's type (PostgreSQL converts it) or NULL-ness: only its own changes, a
        // new definition, a drop or a rename move it
        for (const op of migration.up) {
          if (op.kind === "create_table" && !op.temporary && !op.asSelect) for (const c of op.columns) defineDefault(op.table, c.name, position, { default: c.default });
          else if (op.kind === "add_column") defineDefault(op.table, op.column.name, position, { default: op.column.default });
          else if (op.kind === "set_default") defineDefault(op.table, op.column, position, { default: op.default });
          else if (op.kind === "drop_default") defineDefault(op.table, op.column, position, {});
          else if (op.kind === "redefine_column") defineDefault(op.table, op.column.name, position, undefined);
          else if (op.kind === "drop_column" || op.kind === "rename_column") defineDefault(op.table, op.column, position, undefined);
        }
        for (const op of migration.up) nullability.apply(op, position);
        const limit = rowVersionLimit(migration.database, migration.databaseVersion);
        for (const op of migration.up)
          rowVersions.apply(
            op,
            (table, count) => {
              const list = versions.get(table) ?? [];
              if (list.at(-1)?.position === position) list[list.length - 1].count = count;
              else list.push({ position, count });
              versions.set(table, list);
            },
            limit,
          );
        for (const op of migration.up)
          replay.apply(op, (table, column, type) => {
            const key = `${table}.${column}`;
            const list = changes.get(key) ?? [];
            const last = list.at(-1);
            if (last?.position === position) last.type = type;
            else list.push({ position, type });
            changes.set(key, list);
          });
      });
      this.changes.set(set, changes);
      this.definitions.set(set, definitions);
      this.columnDefinitions.set(set, columns);
      this.objectDefinitions.set(set, objects);
      this.partitionings.set(set, partitionings);
      this.versions.set(set, versions);
      this.indexes.set(set, indexes);
      this.grown.set(set, grown);
    }
  }

  /** The statement of an earlier migration that last created or replaced the object (`function`, `view`, ...), while no later one dropped it. */
  /**
   * No earlier migration of the set names `table` (creates it, renames it, alters it, or mentions it in SQL migguard could
   * not read) although earlier ones are there: on a database these migrations built, the table does not exist when
   * `migrationPath` starts. False when the migration is the first of its set or not in one (nothing to go by), or when an
   * earlier migration holds work migguard cannot see into.
   */
  tableUnseenBefore(migrationPath: string, table: string): boolean {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    if (!at || at.position === 0) return false;
    if ((this.unread.get(at.set) ?? []).some((p) => p < at.position)) return false;
    const first = this.named.get(at.set)?.get(nameKey(table));
    return first === undefined || first >= at.position;
  }

  /**
   * The migration is the first of its set and later ones follow it: every database these migrations built started with
   * it, so it runs on an empty one (peoplefinder's initial_schema). False for a lone migration (nothing to go by).
   */
  baseOfSet(migrationPath: string): boolean {
    const at = this.positions.get(migrationPath);
    return at !== undefined && at.position === 0 && (this.members.get(at.set)?.length ?? 0) > 1;
  }

  /** The earlier migration of the set that created `table` (followed through renames, not dropped since), when one did. */
  /** The latest earlier migration of the set whose statement runs only on an empty `table`, with no rows added since (empty-proofs.ts). */
  tableEmptiedBefore(migrationPath: string, table: string): Migration | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && this.emptyProofs.get(at.set)?.before(table, at.position);
  }

  /**
   * What kind of relation `name` is when `migrationPath` starts (a table, a view, a materialized view); undefined
   * when no migration says (an earlier one that made it, or a later one that drops it, nothing between making it).
   */
  relationKindBefore(migrationPath: string, name: string): RelationKind | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) name = this.tableOf(at.set, name);
    return at && this.relationKinds.get(at.set)?.kindAt(name, at.position);
  }

  tableBirthBefore(migrationPath: string, table: string): TableBirth | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && this.births.get(at.set)?.before(table, at.position);
  }

  /** Django: the births along each asked migration's forwards plan (djangoBirthElsewhere), and how many more migrations they may record */
  private readonly plannedBirths = new Map<Migration, TableBirths>();
  private plannedBudget = OWN_HISTORY_BUDGET;

  /**
   * Django: the birth of `table` by another app's migration among `migrationPath`'s ancestors, in Django's forwards
   * plan (the state Django builds before it), when that plan leaves it standing: a table catalog's 0002 creates is
   * there for billing's 0002 that depends on it, though billing's own history never names it.
   */
  djangoBirthElsewhere(migrationPath: string, table: string): TableBirth | undefined {
    const planned = this.djangoPlannedBirths(migrationPath);
    const birth = planned?.births.before(table, Infinity);
    return birth && this.positions.get(birth.creator.path)?.set !== planned!.set ? birth : undefined;
  }

  /** Django: the table births along the migration's forwards plan (every app's migrations it runs after); undefined past the bound or outside Django. */
  private djangoPlannedBirths(migrationPath: string): { births: TableBirths; set: string } | undefined {
    const at = this.positions.get(migrationPath);
    if (!at || !this.django || !at.set.startsWith("django:")) return undefined;
    const migration = this.members.get(at.set)![at.position];
    let births = this.plannedBirths.get(migration);
    if (!births) {
      const plan = this.django.forwardsPlan(migration) ?? [];
      // past the bound, no answer (as before Django's graph was followed across apps)
      if (plan.length > this.plannedBudget) return undefined;
      this.plannedBudget -= plan.length;
      births = new TableBirths();
      plan.forEach((m, position) => births!.record(m, position));
      this.plannedBirths.set(migration, births);
    }
    return { births, set: at.set };
  }

  /**
   * The earlier migration whose rename gave `table` its name when `migrationPath` starts: one of its set, or for
   * Django one of any app along its forwards plan (ralph's data_center 0012 moves networkenvironment's table into
   * the networks app with AlterModelTable). Undefined when the name came by no rename they show.
   */
  tableRenamedByBefore(migrationPath: string, table: string): Migration | undefined {
    const at = this.placeBefore(migrationPath);
    const own = at && this.births.get(at.set)?.renamedByBefore(this.tableOf(at.set, table), at.position);
    return own ?? this.djangoPlannedBirths(migrationPath)?.births.renamedByBefore(table, Infinity);
  }

  /** The latest copy of `table.column` into another table by an earlier migration of the set or `migration.up[0..index)` (column-copies.ts). */
  columnCopyBefore(migration: Migration, index: number, table: string, column: string): ColumnCopy | undefined {
    const at = this.placeBefore(migration.path);
    const resolve = at && this.resolvers.get(at.set);
    if (at && resolve) return columnCopyBefore(this.resolvedMembers.get(at.set) ?? [], at.position, withResolvedMigration(migration, resolve), index, resolve(table), column);
    const members = at && this.members.get(at.set);
    return columnCopyBefore(members ?? [], at?.position ?? 0, migration, index, table, column);
  }

  /** The earlier migration of the set that added `table.column`, when nothing may have written it since (column-births.ts), up to `index` of `migration`. */
  columnAdderBefore(migration: Migration, index: number, table: string, column: string): Migration | undefined {
    const at = this.placeBefore(migration.path);
    const resolve = at && this.resolvers.get(at.set);
    if (at && resolve) return columnAdderBefore(this.resolvedMembers.get(at.set) ?? [], at.position, withResolvedMigration(migration, resolve), index, resolve(table), column);
    const members = at && this.members.get(at.set);
    return at && members ? columnAdderBefore(members, at.position, migration, index, table, column) : undefined;
  }

  /** `table` under the name the renames of the set's earlier migrations gave it when `migrationPath` starts (TableBirths.nameBefore); undefined once dropped. */
  tableNameBefore(migrationPath: string, table: string): string | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at ? this.births.get(at.set)?.nameBefore(table, at.position) : table;
  }

  /** The name `table` had before an earlier migration of the set renamed it to `table`, when one did. */
  tableRenamedFromBefore(migrationPath: string, table: string): string | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && this.births.get(at.set)?.renamedFromBefore(table, at.position);
  }

  /**
   * The migration of the set that runs just before `migrationPath`: a Django migration's last dependency in its own
   * app (two 0210s of a branch sort by name, not by the graph), else the one before it in the set's order.
   */
  /**
   * Django: the migrations of other apps that ran before `migration`, found through the dependencies (its own app's
   * and other apps', followed transitively), nearest first; none of its own folder. Without `notBefore`'s ancestors
   * when given (what ran before a table was created cannot have read its rows).
   */
  djangoAncestorsElsewhere(migration: Migration, notBefore?: Migration): Migration[] {
    const at = this.positions.get(migration.path);
    if (migration.framework !== "django" || !at) return [];
    const graph = this.djangoGraph();
    const ancestors = (from: Migration): Migration[] => {
      const seen = new Set<Migration>([from]);
      const queue = [from];
      for (let i = 0; i < queue.length && seen.size < 20_000; i++) {
        for (const parent of graph.parents(queue[i])) {
          if (seen.has(parent)) continue;
          seen.add(parent);
          queue.push(parent);
        }
      }
      return queue.slice(1);
    };
    const excluded = new Set(notBefore && notBefore !== migration ? [notBefore, ...ancestors(notBefore)] : []);
    return ancestors(migration).filter((m) => !excluded.has(m) && this.positions.get(m.path)?.set !== at.set);
  }

  private djangoGraphCache: { parents(m: Migration): Migration[] } | undefined;

  /** Django: every migration read by app label and name, and each one's parents (same-app and other apps' dependencies). */
  private djangoGraph(): { parents(m: Migration): Migration[] } {
    if (this.djangoGraphCache) return this.djangoGraphCache;
    const byKey = new Map<string, Migration>();
    for (const [set, members] of this.members) if (!this.ownSets.has(set)) for (const m of members) if (m.framework === "django") byKey.set(`${labelOf(m)}\0${nameOf(m)}`, m);
    const parents = new Map<Migration, Migration[]>();
    this.djangoGraphCache = {
      parents: (m) => {
        let found = parents.get(m);
        if (!found) {
          const label = labelOf(m);
          const keys = [...(m.dependsOn ?? []).map((name) => `${label}\0${name}`), ...(m.djangoAppDependencies ?? []).map((d) => `${d.app}\0${d.name}`)];
          found = keys.flatMap((k) => byKey.get(k) ?? []);
          parents.set(m, found);
        }
        return found;
      },
    };
    return this.djangoGraphCache;
  }

  previousOfSet(migrationPath: string): Migration | undefined {
    const at = this.positions.get(migrationPath);
    const members = at && this.members.get(at.set);
    if (!at || !members || at.position === 0) return undefined;
    const depends = members[at.position].dependsOn;
    if (depends === undefined) return members[at.position - 1];
    return members.findLast((m) => depends.includes(nameOf(m)));
  }

  /** the migrations of the folder that run before `migrationPath`, in their order */
  earlierOfSet(migrationPath: string): readonly Migration[] {
    const at = this.placeBefore(migrationPath);
    return (at && this.members.get(at.set)?.slice(0, at.position)) || [];
  }

  /** the migrations of the folder that run after `migrationPath`, in their order */
  laterOfSet(migrationPath: string): readonly Migration[] {
    const at = this.positions.get(migrationPath);
    return (at && this.members.get(at.set)?.slice(at.position + 1)) || [];
  }

  /** How many migrations of the set `migrationPath` belongs to are dated (migration-date.ts) less than `ms` from `date`. */
  datedNear(migrationPath: string, date: Date, ms: number): number {
    const at = this.positions.get(migrationPath);
    if (!at) return 0;
    let times = this.dates.get(at.set);
    if (!times) {
      times = (this.members.get(at.set) ?? []).flatMap((m) => migrationDate(m)?.getTime() ?? []).sort((a, b) => a - b);
      this.dates.set(at.set, times);
    }
    const t = date.getTime();
    return countBelow(times, t + ms) - countBelow(times, t - ms + 1);
  }

  /** Alembic: the revisions of the set `migrationPath` belongs to (whose ids a new revision's must not repeat) */
  revisionsOfSet(migrationPath: string): readonly Migration[] {
    const at = this.positions.get(migrationPath);
    return (at ? (this.members.get(at.set) ?? []) : []).filter((m) => m.revision);
  }

  /** the versions the migrations of the set `migrationPath` belongs to hold (a new migration's must be none of them) */
  versionsOfSet(migrationPath: string): readonly (string | undefined)[] {
    const at = this.positions.get(migrationPath);
    if (!at) return [];
    let versions = this.setVersions.get(at.set);
    if (!versions) this.setVersions.set(at.set, (versions = Object.freeze((this.members.get(at.set) ?? []).map((m) => m.version))));
    return versions;
  }

  lastOfSet(migrationPath: string): Migration | undefined {
    const at = this.positions.get(migrationPath);
    return this.alembicHead(migrationPath) ?? this.djangoLeavesOfSet(migrationPath).at(-1) ?? (at ? this.members.get(at.set)?.at(-1) : undefined);
  }

  /**
   * Django: the leaf nodes of the app `migrationPath` belongs to, in the order they run: its migrations no other one
   * of the app depends on. A squashed migration stands for the ones it `replaces` (Django's loader remaps a
   * dependency on one of them to it and drops them from the graph). One leaf normally; several mean `migrate`
   * reports conflicting leaf nodes until a merge migration depends on them all. Empty for other frameworks.
   */
  djangoLeavesOfSet(migrationPath: string): readonly Migration[] {
    const at = this.positions.get(migrationPath);
    const members = at && this.members.get(at.set);
    if (!at || !members || members[0]?.framework !== "django") return [];
    const cached = this.djangoLeaves.get(at.set);
    if (cached) return cached;
    const replacedBy = new Map<string, string>();
    for (const m of members) for (const replaced of m.djangoReplaces ?? []) replacedBy.set(replaced, nameOf(m));
    const dependedOn = new Set<string>();
    for (const m of members) for (const d of m.dependsOn ?? []) dependedOn.add(replacedBy.get(d) ?? d);
    // a gap in the graph: a migration named before one the read ones depend on but that was not read is that one's
    // ancestor (an edited 0001_initial, read because the pull request changes it, before the unread 0003), not a leaf
    const read = new Set(members.flatMap((m) => [nameOf(m), ...(m.djangoReplaces ?? [])]));
    const unread = [...dependedOn].filter((d) => !read.has(d));
    const beforeGap = (m: Migration) => unread.some((d) => nameOf(m).localeCompare(d, "en", { numeric: true }) < 0);
    const candidates = members.filter((m) => !replacedBy.has(nameOf(m)) && !dependedOn.has(nameOf(m)));
    const leaves = candidates.some((m) => !beforeGap(m)) ? candidates.filter((m) => !beforeGap(m)) : candidates;
    this.djangoLeaves.set(at.set, leaves);
    return leaves;
  }

  /**
   * Django: the squashed migration of the app whose `replaces` names `migrationPath`'s migration. No database runs
   * a replaced migration in practice: a new one runs the squash instead, an existing one applied it before the squash.
   */
  djangoSquashReplacing(migrationPath: string): Migration | undefined {
    const at = this.positions.get(migrationPath);
    const members = at && this.members.get(at.set);
    if (!members || members[0]?.framework !== "django") return undefined;
    const name = (migrationPath.split("/").pop() ?? "").replace(/\.py$/, "");
    return members.find((m) => m.path !== migrationPath && m.djangoReplaces?.includes(name));
  }

  /** Django: the app's migrations were not all read (one depends on a migration of the app that is not there): its leaf nodes are not known */
  djangoGraphPartial(migrationPath: string): boolean {
    const at = this.positions.get(migrationPath);
    if (!at || !this.djangoLeavesOfSet(migrationPath).length) return false;
    return this.djangoPartial.has(at.set);
  }

  /**
   * The one head an Alembic revision leads to, followed through every version location: a revision of a second
   * location (zou's versions/legacy/, whose last revision a squash in versions/ replaces) leads on into the other
   * folder, and a new revision after the last of its own folder would hang off the squash root as a second head.
   * Undefined when the graph has more than one head after it (a branch not merged yet) or the revision is unknown.
   */
  private alembicHead(migrationPath: string): Migration | undefined {
    const start = this.alembicByPath.get(migrationPath);
    if (!start?.revision) return undefined;
    const seen = new Set<Migration>([start]);
    const heads = new Set<Migration>();
    for (const queue = [start]; queue.length; ) {
      const current = queue.pop()!;
      const children = this.revisionChildren.get(current.revision!.id) ?? [];
      if (!children.length) heads.add(current);
      for (const child of children) if (!seen.has(child)) (seen.add(child), queue.push(child));
    }
    return heads.size === 1 ? [...heads][0] : undefined;
  }

  objectDefinitionBefore(migrationPath: string, objectType: string, name: string): string | undefined {
    const at = this.placeBefore(migrationPath);
    return at && lastBefore(this.objectDefinitions.get(at.set)?.get(`${objectType}:${nameKey(name)}`), at.position, (e) => e.text);
  }

  /** The views on `table` when `migrationPath` starts (created by an earlier migration, not dropped since), each with its CREATE OR REPLACE VIEW. */
  viewsOnTableBefore(migrationPath: string, table: string): Array<{ name: string; sql: string }> {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    if (!at) return [];
    const out: Array<{ name: string; sql: string }> = [];
    const reading = this.viewsReadingOf(at.set);
    // a view another view (there when the migration starts) reads cannot be dropped alone: left out (a DROP COLUMN
    // it blocks fails loudly)
    const read = (view: string) => (reading.get(view) ?? []).some((other) => other !== view && this.objectDefinitionBefore(migrationPath, "view", other));
    for (const view of reading.get(nameKey(table)) ?? []) {
      if (read(view)) continue;
      const sql = this.objectDefinitionBefore(migrationPath, "view", view);
      if (sql) out.push({ name: view, sql });
    }
    return out;
  }

  private viewsReadingOf(set: string): Map<string, string[]> {
    let reading = this.viewsReading.get(set);
    if (!reading) {
      reading = new Map();
      for (const [view, relations] of this.viewReads.get(set) ?? []) {
        for (const r of relations) {
          const list = reading.get(nameKey(r));
          if (!list) reading.set(nameKey(r), [view]);
          else if (list.at(-1) !== view) list.push(view);
        }
      }
      this.viewsReading.set(set, reading);
    }
    return reading;
  }


  /** The FOREIGN KEY, CHECK or UNIQUE constraint named `name` when `migrationPath` starts (an earlier migration added it, none dropped it since), with its ADD CONSTRAINT. */
  constraintBefore(migrationPath: string, name: string, table?: string): ConstraintDefinition | undefined {
    const at = this.placeBefore(migrationPath);
    if (at && table !== undefined) table = this.tableOf(at.set, table);
    return at && this.constraints.before(at.set, at.position, name, table);
  }

  /**
   * What reads table.column when `migrationPath` starts: its constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK),
   * the FOREIGN KEYs of other tables that reference it, its named indexes; `followed` when the history saw the
   * table created and not renamed since (otherwise it may have more than the history says).
   */
  columnKeysBefore(migrationPath: string, table: string, column: string): ColumnKeys {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    if (!at) return { own: [], referencing: [], indexes: [], followed: false };
    const indexes = this.indexes.get(at.set);
    const keys = this.constraints.onColumn(at.set, at.position, table, column);
    const elsewhere = this.djangoReferencesElsewhere(at.set, table, column, at.position);
    const known = new Set(keys.referencing.map((k) => `${nameKey(k.definition.table)}\u0000${nameKey(k.name)}`));
    const referencing = [...keys.referencing, ...elsewhere.filter((k) => !known.has(`${nameKey(k.definition.table)}\u0000${nameKey(k.name)}`))];
    return { own: keys.own, referencing, indexes: indexes?.readingColumn(table, column, at.position) ?? [], followed: indexes?.follows(table, at.position) ?? false };
  }

  /** Django: per set, table.column -> the FOREIGN KEYs of other apps on it (django-foreign-references.ts), read on first use */
  private readonly djangoElsewhere = new Map<string, Map<string, Array<{ name: string; definition: KeyDefinition }>>>();

  /**
   * Django: the FOREIGN KEYs other apps' migrations add to `table`.`column` when it is the table's primary key as the
   * set's migrations before `position` define it; none for another framework (one folder is the whole schema's history).
   */
  private djangoReferencesElsewhere(set: string, table: string, column: string, position: number): Array<{ name: string; definition: KeyDefinition }> {
    if (!set.startsWith("django:") || !lastBefore(this.columnDefinitions.get(set)?.get(`${nameKey(table)}.${nameKey(column)}`), position, (e) => e.spec)?.primaryKey) return [];
    let bySet = this.djangoElsewhere.get(set);
    if (!bySet) this.djangoElsewhere.set(set, (bySet = new Map()));
    const key = `${nameKey(table)}.${nameKey(column)}`;
    let found = bySet.get(key);
    if (!found) {
      const others = [...this.members].filter(([other]) => other !== set && !this.ownSets.has(other) && !set.startsWith(`${other}\u0000`) && other.startsWith("django:")).map(([, members]) => members);
      bySet.set(key, (found = djangoForeignReferences(others, table, column)));
    }
    return found;
  }

  /** Every constraint on `table` when `migrationPath` starts (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK), with its ADD CONSTRAINT. */
  tableKeysBefore(migrationPath: string, table: string): Array<{ name: string; definition: KeyDefinition }> {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at ? this.constraints.onTable(at.set, at.position, table) : [];
  }

  /** The index named `name` when `migrationPath` starts (an earlier migration created it, none dropped it since): its table and, written in SQL, its CREATE INDEX. */
  indexBefore(migrationPath: string, name: string): IndexDefinition | undefined {
    const at = this.placeBefore(migrationPath);
    return at && this.indexes.get(at.set)?.index(name, at.position);
  }

  /** The SQL indexes on `table` when `migrationPath` starts, by name (those an earlier migration created in SQL and none dropped since). */
  indexesOfTableBefore(migrationPath: string, table: string): Array<{ name: string; sql: string }> {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return (at && this.indexes.get(at.set)?.sqlIndexesOf(table, at.position)) ?? [];
  }

  /** Every named index on `table` when `migrationPath` starts: name, columns, unique, and its CREATE INDEX when written in SQL. */
  namedIndexesOfTableBefore(migrationPath: string, table: string): Array<{ name: string; columns: string[]; reads: string[]; unique?: boolean; sql?: string; withTable?: boolean }> {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return (at && this.indexes.get(at.set)?.namedIndexesOf(table, at.position)) ?? [];
  }

  /**
   * When `table` is a partitioned table (CREATE TABLE ... PARTITION BY) as `migrationPath` starts: the partitions the
   * earlier migrations created for it (CREATE TABLE ... PARTITION OF), in order. Undefined when it is not known to be one.
   */
  partitionsBefore(migrationPath: string, table: string): readonly string[] | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.partitionings.get(at.set)?.get(nameKey(table)), at.position, (e) => e.partitions);
  }

  /** Where `table` became a TimescaleDB hypertable, when it is one as `migrationPath` starts; undefined when not known to be one. */
  hypertableBefore(migrationPath: string, table: string): HypertableOrigin | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && this.hypertables.get(at.set)?.before(table, at.position);
  }

  /** Whether table.column is NOT NULL when `migrationPath` starts (a type or default change keeps it); undefined when no earlier migration says. */
  columnNotNullBefore(migrationPath: string, table: string, column: string): boolean | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && this.nullabilities.get(at.set)?.before(table, column, at.position);
  }

  /** The definition of table.column (type, default, serial, ...) as the migration that added it wrote it, while nothing changed it since. */
  columnDefinitionBefore(migrationPath: string, table: string, column: string): ColumnSpec | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.columnDefinitions.get(at.set)?.get(`${nameKey(table)}.${nameKey(column)}`), at.position, (e) => e.spec);
  }

  /** table.column's default when `migrationPath` starts (`{}` for none), while the earlier migrations follow it; undefined when they do not */
  columnDefaultBefore(migrationPath: string, table: string, column: string): { default?: DefaultValue } | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.columnDefaults.get(at.set)?.get(`${nameKey(table)}.${nameKey(column)}`), at.position, (e) => e.value);
  }

  /**
   * The CREATE TABLE (or Rails create_table call) that still defines `table` when `migrationPath` starts: none when
   * no earlier migration created it, or a later one dropped, renamed or changed its columns.
   */
  definitionBefore(migrationPath: string, table: string): OperationOf<"create_table"> | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.definitions.get(at.set)?.get(nameKey(table)), at.position, (e) => e.op);
  }

  /** The create_table of an earlier migration that created `table` and the columns added to it since (`complete` while nothing else changed it). */
  grownDefinitionBefore(migrationPath: string, table: string): GrownTable | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.grown.get(at.set)?.get(nameKey(table)), at.position, (e) => e.value);
  }

  /**
   * The earlier migrations created such an index on `table` (one of `names`, or on exactly `columns`) and removed it
   * since, when `migrationPath` starts: false when the history does not follow the table.
   */
  indexGoneBefore(migrationPath: string, table: string, names: readonly string[], columns: readonly string[]): boolean {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return (at && this.indexes.get(at.set)?.gone(table, names, columns, at.position)) ?? false;
  }

  /** MySQL row versions of `table` when `migrationPath` starts, from the instant column changes of the migrations before it. */
  rowVersionsBefore(migrationPath: string, table: string): number {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return (at && lastBefore(this.versions.get(at.set)?.get(nameKey(table)), at.position, (e) => e.count)) ?? 0;
  }

  /**
   * The columns the earlier migrations of the set prove `table` has when `migrationPath` starts (proven-columns.ts):
   * undefined when none created it, "unknown" when something unread may have changed it since.
   */
  provenColumnsBefore(migrationPath: string, table: string): ProvenColumns {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    if (!at) return undefined;
    let timelines = this.provenColumns.get(at.set);
    if (!timelines) this.provenColumns.set(at.set, (timelines = provenColumnsTimelines(this.resolvedMembers.get(at.set) ?? this.members.get(at.set) ?? [])));
    return lastBefore(timelines.get(nameKey(table)), at.position, (e) => e.state);
  }

  /** The type of table.column when `migrationPath` starts, from the migrations before it; undefined when none says. */
  typeBefore(migrationPath: string, table: string, column: string): TypeRef | undefined {
    const at = this.placeBefore(migrationPath);
    if (at) table = this.tableOf(at.set, table);
    return at && lastBefore(this.changes.get(at.set)?.get(`${nameKey(table)}.${nameKey(column)}`), at.position, (e) => e.type);
  }
}

/** How many migrations the own histories of Django migrations off their set's line may record in all (SchemaHistory.placeBefore). */
const OWN_HISTORY_BUDGET = 200_000;

/**
 * A migration of the app depends on one of the app that is not among them (nor replaced by a squash that is): saleor's
 * checkout 0001_auto_20170113_0435 on `fix_empty_data_in_lines`, a file the repository no longer has. Django would
 * not load such a graph; the part of it that is there says nothing of where the rest ran.
 */
function danglingDependency(members: readonly Migration[]): boolean {
  const names = new Set(members.flatMap((m) => [nameOf(m), ...(m.djangoReplaces ?? [])]));
  return members.some((m) => (m.dependsOn ?? []).some((d) => !names.has(d)));
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The tables `migration` names, with its position (the first one kept), and whether it holds work migguard cannot read. */
function recordNames(named: Map<string, number>, unread: number[], migration: Migration, position: number): void {
  const note = (table: string | undefined) => {
    if (table === undefined) return;
    const key = nameKey(table);
    if (!named.has(key)) named.set(key, position);
  };
  for (const op of migration.up) {
    if (op.kind === "raw" && op.opaque) unread.push(position);
    if ("table" in op && typeof op.table === "string") note(op.table);
    if ("tables" in op && Array.isArray(op.tables)) for (const t of op.tables) if (typeof t === "string") note(t);
    if (op.kind === "rename_table") note(op.newName);
    // SQL text migguard keeps without a table (a statement it does not model): every word may be a table name. A
    // word of this pattern is its own nameKey (lower case, no quote, no schema): a function body has thousands
    if (op.kind === "raw" && op.table === undefined) for (const word of op.text.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []) if (!named.has(word)) named.set(word, position);
  }
}

/**
 * The add_column among `added` that `column` names, when it added that column alone: a line that adds two (a
 * polymorphic t.references) would bring the other back if written again without it.
 */
function droppedAddition(added: readonly OperationOf<"add_column">[], column: string): boolean {
  const hit = added.find((a) => nameKey(a.column.name) === nameKey(column));
  return hit !== undefined && !added.some((a) => a !== hit && a.loc.line === hit.loc.line && a.text === hit.text);
}

