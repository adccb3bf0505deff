/**
 * What one migration's rules may ask about the repository (`RuleContext.repository`): the type a column has
 * when an operation runs (this migration's earlier operations, then the earlier migrations of its folder, then
 * the project's schema dump), the model class of a table, and whether the project uses strong_migrations.
 */
import { autocommitPrecedent, type AutocommitPrecedent } from "../database/alembic-autocommit-precedent.js";
import type { ModelFile } from "../adapters/rails/model-files.js";
import type { DjangoModel } from "../code/django-models.js";
import type { ColumnSpec, DefaultValue, Migration, OperationOf, SourceFile, TypeRef } from "../model.js";
import { ColumnTypes } from "./column-types.js";
import { rowVersionLimit } from "../rules/support/mysql-online-ddl.js";
import { RowVersions } from "./row-versions.js";
import type { RepositoryFacts } from "./repository-facts.js";
import type { ColumnKeys, GrownTable, IndexDefinition, SchemaHistory } from "./schema-history.js";
import type { ConstraintDefinition, KeyDefinition } from "./constraint-history.js";
import type { TableBirth } from "./table-births.js";
import type { ColumnCopy } from "./column-copies.js";
import type { ProvenColumns } from "./proven-columns.js";
import { rangeAtLeast } from "./python-requirements.js";
import { nameKey } from "../rules/support/facts.js";
import { placeIndexOf } from "./index-places.js";
import { relationKindIn, type RelationKind } from "./relation-kinds.js";
import { NewMigrationChain } from "../rules/support/new-migration-chain.js";
import { hypertableIn, type HypertableOrigin } from "./hypertables.js";

/** The DB-API drivers SQLAlchemy speaks to PostgreSQL with that tell a raw COMMIT apart (see `afterRawCommit`). */
export const PYTHON_POSTGRES_DRIVERS = ["psycopg2", "psycopg", "asyncpg", "pg8000"] as const;
export type PythonPostgresDriver = (typeof PYTHON_POSTGRES_DRIVERS)[number];
const DRIVER_PACKAGES: Record<PythonPostgresDriver, readonly string[]> = {
  psycopg2: ["psycopg2", "psycopg2-binary"],
  psycopg: ["psycopg", "psycopg-binary"],
  asyncpg: ["asyncpg"],
  pg8000: ["pg8000"],
};

export interface RepositoryView {
  /** the type of table.column just before `up[beforeIndex]` runs (before the whole migration when omitted); undefined when nothing given says */
  columnType(table: string, column: string, beforeIndex?: number): TypeRef | undefined;
  /** the CREATE TABLE / create_table of an earlier migration that still defines `table` (its columns unchanged since), if any */
  tableDefinition(table: string): OperationOf<"create_table"> | undefined;
  /** the create_table of an earlier migration and the columns added to `table` since (add_column, change_table); `complete` while nothing else changed it */
  grownTableDefinition(table: string): GrownTable | undefined;
  /** table.column as the earlier migration that added it defined it (default, serial, ...), while none changed it since */
  columnDefinition(table: string, column: string): ColumnSpec | undefined;
  /** table.column's default as the earlier migrations leave it (`{}` for none; a type change keeps it); undefined when they do not follow it */
  columnDefault(table: string, column: string): { default?: DefaultValue } | undefined;
  /** whether table.column is NOT NULL as the earlier migrations leave it (a change of its type or default keeps it); undefined when none says */
  columnNotNull(table: string, column: string): boolean | undefined;
  /** the statement of an earlier migration that last created or replaced the object (a function, a view), as written */
  objectDefinition(objectType: string, name: string): string | undefined;
  /**
   * the earlier migrations created such an index on `table` (one of `names`, or on exactly `columns`) and removed it
   * since, with DROP INDEX, its column or its table: false when they do not say
   */
  indexGone(table: string, names: readonly string[], columns: readonly string[]): boolean;
  /** the FOREIGN KEY or CHECK constraint named `name` as the earlier migrations leave it: its table and ADD CONSTRAINT statement */
  constraintDefinition(name: string, table?: string): ConstraintDefinition | undefined;
  /** the views an earlier migration created on `table` and none dropped since, each with its CREATE OR REPLACE VIEW */
  viewsOnTable(table: string): Array<{ name: string; sql: string }>;
  /** the constraints and indexes that read table.column, and the FOREIGN KEYs that reference it, as the earlier migrations leave them */
  columnKeys(table: string, column: string): ColumnKeys;
  /** every constraint on `table` as the earlier migrations leave it (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK), with its ADD CONSTRAINT */
  tableKeys(table: string): Array<{ name: string; definition: KeyDefinition }>;
  /** the index named `name` as the earlier migrations leave it (its table; its CREATE INDEX when written in SQL) */
  indexDefinition(name: string): IndexDefinition | undefined;
  /** the SQL indexes the earlier migrations left on `table`, each with its CREATE INDEX as written */
  tableIndexes(table: string): Array<{ name: string; sql: string }>;
  /** every named index the earlier migrations left on `table` (framework calls too): its columns, whether unique, its SQL when written in SQL */
  namedTableIndexes(table: string): Array<{ name: string; columns: string[]; reads: string[]; unique?: boolean; sql?: string; withTable?: boolean }>;
  /**
   * what kind of relation `name` is just before `up[beforeIndex]` runs: this migration's earlier operations, then the
   * earlier migrations of its folder, then the project's schema dump (a materialized view only); undefined when none says
   */
  relationKind(name: string, beforeIndex: number): RelationKind | undefined;
  /** the partitions the earlier migrations created for `table` when it is a partitioned table; undefined when not known to be one */
  partitions(table: string): readonly string[] | undefined;
  /** where `table` became a TimescaleDB hypertable, when it is one just before `up[beforeIndex]` runs (this migration's earlier operations, then the earlier migrations) */
  hypertable(table: string, beforeIndex: number): HypertableOrigin | undefined;
  /** the table index `name` is on just before `up[beforeIndex]` runs (this migration's earlier operations, then the earlier migrations), if known */
  indexTable(name: string, beforeIndex: number): string | undefined;
  /**
   * the name `table`, as an earlier migration wrote it (a key's REFERENCES), has just before `up[beforeIndex]` runs:
   * followed through the renames of the earlier migrations and of this one; undefined once dropped
   */
  tableName(table: string, beforeIndex: number): string | undefined;
  /** the name `table`, as `up[beforeIndex]` names it, had when this migration started (this migration's renames before it undone) */
  tableAtStart(table: string, beforeIndex: number): string;
  /** the name `table` had before an earlier migration of the folder renamed it to `table`, when one did (what the history knew of it stays under that name) */
  tableRenamedFrom(table: string): string | undefined;
  /** the earlier migration of the folder that created `table` (through renames, not dropped since), and whether rows were copied into it */
  tableBirth(table: string): TableBirth | undefined;
  /** the earlier migration whose rename gave `table` its name (of the folder; for Django, of any app it runs after), if one did */
  tableRenamedBy(table: string): Migration | undefined;
  /** Django: the birth of `table` by another app's migration this one depends on (SchemaHistory.djangoBirthElsewhere) */
  djangoBirthElsewhere(table: string): TableBirth | undefined;
  /** the latest earlier migration of the folder that proves `table` empty (NOT NULL added without a default), no rows added since */
  tableEmptiedBy(table: string): Migration | undefined;
  /** the earlier migration of the folder that added `table.column` to an existing table, when nothing may have written it since, up to the op at `beforeIndex` */
  columnAdder(table: string, column: string, beforeIndex: number): Migration | undefined;
  /**
   * the latest statement that copied `table.column` (as `up[beforeIndex]` names it) into another table, in an earlier
   * migration of the folder or this one before that op, followed through renames, its copy not dropped since
   */
  columnCopy(table: string, column: string, beforeIndex: number): ColumnCopy | undefined;
  /** how many migrations of this migration's folder are dated less than `ms` from `date` (their version timestamps) */
  datedNear(date: Date, ms: number): number;
  /** no earlier migration of the folder names `table` although earlier ones are there (SchemaHistory.tableUnseenBefore) */
  tableUnseen(table: string): boolean;
  /** a schema dump of the migration's project creates `table` (RepositoryFacts.dumpedTable) */
  tableDumped(table: string): boolean;
  /** the columns a schema dump of the migration's project gives `table`, the base branch's first (RepositoryFacts.dumpedColumnNames) */
  dumpedColumnNames(table: string): { path: string; columns: ReadonlySet<string> } | undefined;
  /** this migration is the first of its folder and later ones follow it (SchemaHistory.baseOfSet) */
  readonly baseOfFolder: boolean;
  /** Rails: the acronyms the project's config/initializers/inflections.rb declares (how Rails camelizes a migration's file name into its class) */
  readonly railsAcronyms: readonly string[];
  /** the project's Active Record model of `table`, when its model files were given */
  model(table: string): Pick<ModelFile, "className" | "path" | "opening"> | undefined;
  /** the project's model files (app/models) that were given: none when the code was not read */
  modelFiles(): readonly SourceFile[];
  /** the Django app's model files (models.py, models/*.py) that were given: none when the code was not read */
  djangoModelFiles(): readonly SourceFile[];
  /** every Django app's model files that were given (an abstract base another app declares): none when the code was not read */
  djangoProjectModelFiles(): readonly SourceFile[];
  /** the Django apps.py files that were given: none when the code was not read */
  djangoAppConfigFiles(): readonly SourceFile[];
  /** the models those files declare, read once per app */
  djangoModels(): readonly DjangoModel[];
  /**
   * the application's code to search for readers of a table or column: the code given with a review, else what
   * the edge reads on first use (lint: app/, lib/, config/ of a Rails project, a Python project's modules); may be empty
   */
  applicationCode(): readonly SourceFile[];
  /** false when a bound stopped the reading of that code (lint's walk, the App's `max_code_files`): what was not read may name anything */
  applicationCodeComplete(): boolean;
  /** the Rust workspace's manifests and migration-macro sources given (which crates reach the migration's database) */
  rustCrates(): readonly SourceFile[];
  /**
   * MySQL row versions of `table` just before `up[beforeIndex]` runs: the ALTERs that added or dropped its columns
   * instantly since it was created or last rebuilt, in this migration and the earlier ones of its folder
   */
  rowVersions(table: string, beforeIndex: number): number;
  /**
   * every Django version the project's dependency files allow is `version` or later (true), every one is older
   * (false), or they do not say (undefined): requirements*.txt, pyproject.toml, poetry.lock, uv.lock, Pipfile.lock
   */
  djangoAtLeast(version: string): boolean | undefined;
  /** the same for SQLAlchemy (Alembic's dialect keywords: postgresql_not_valid is 1.4.32+) */
  sqlalchemyAtLeast(version: string): boolean | undefined;
  /** the PostgreSQL drivers for SQLAlchemy the project's dependency files name (psycopg2 and psycopg2-binary as "psycopg2"), in this order */
  postgresDrivers(): readonly PythonPostgresDriver[];
  /** the migration of this migration's folder that runs just before it (its data steps may have moved what this one drops) */
  readonly previousInFolder: Migration | undefined;
  /** Django: the migrations of other apps its dependencies ran before it, nearest first, without those that ran before `notBefore` (django-ancestors in schema-history.ts) */
  djangoAncestorsElsewhere(notBefore?: Migration): readonly Migration[];
  /** the migrations of this migration's folder that run before it, in their order */
  readonly earlierInFolder: readonly Migration[];
  /** the columns the earlier migrations of this migration's folder prove `table` has when it starts (repository/proven-columns.ts) */
  provenColumns(table: string): ProvenColumns;
  /** `table` as the folder's history names it: with the schema the migrations run in or without, one table (repository/table-schemas.ts) */
  historyTable(table: string): string;
  /** the migrations of this migration's folder that run after it, in their order (none when it is the newest) */
  readonly laterInFolder: readonly Migration[];
  /** the newest migration of this migration's folder (itself when it is the newest): a fix's new migrations go after it, so they clash with no number and leave one head */
  readonly newestInFolder: Migration | undefined;
  /** the versions the migrations of this migration's folder hold: a fix's new migration takes none of them */
  readonly folderVersions: readonly (string | undefined)[];
  /** Alembic: the revisions of this migration's folder: a numbered new revision comes after every number among them */
  readonly folderRevisions: readonly Migration[];
  /** Alembic: the newest earlier revision of the folder that runs statements in autocommit (database/alembic-autocommit-precedent.ts) */
  readonly alembicAutocommitPrecedent: AutocommitPrecedent | undefined;
  /** Alembic: the project's file naming the head revision (`.current-alembic-head`), when it keeps one and it was read */
  readonly alembicHeadFile: { path: string; content: string } | undefined;
  /** Django: the leaf nodes of this migration's app (its migrations no other one depends on), in their order: a new migration depends on them */
  readonly djangoLeaves: readonly Migration[];
  /** Django: not every migration of the app was read (one depends on a migration that is not there), so later ones may exist unseen */
  readonly djangoGraphPartial: boolean;
  /** the version of Active Record the project's Gemfile.lock resolves today (`7.1.3`), when it has one */
  readonly lockedRailsVersion: string | undefined;
  /** the project bundles strong_migrations (its Gemfile or Gemfile.lock), so `safety_assured` means something there */
  readonly strongMigrations: boolean;
  /** the new migration files this migration's fixes wrote so far: the next fix's files continue after them */
  readonly newMigrationChain: NewMigrationChain;
}

export function repositoryView(migration: Migration, facts: RepositoryFacts, history: SchemaHistory, codeFiles: readonly SourceFile[]): RepositoryView {
  // the schema dump shows the type after every migration: for a column this migration retypes it is the new type,
  // not the one before (support-api's change_column :path, :string, limit: 2048 would be "restored" to itself)
  const retypedHere = (table: string, column: string) =>
    migration.up.some((op) => (op.kind === "alter_column_type" || op.kind === "redefine_column") && nameKey(op.table) === nameKey(table) && nameKey(op.kind === "alter_column_type" ? op.column : op.column.name) === nameKey(column));
  const before = (table: string, column: string) => history.typeBefore(migration.path, table, column) ?? (retypedHere(table, column) ? undefined : facts.dumpedType(migration.path, table, column));
  let replay: { types: ColumnTypes; at: number } | undefined;
  let strong: boolean | undefined;
  let versions: { replay: RowVersions; at: number } | undefined;
  let indexes: { local: Map<string, string | null>; current: Map<string, string>; at: number } | undefined;
  let tableMoves: number[] | undefined;
  let later: readonly Migration[] | undefined;
  let precedent: AutocommitPrecedent | undefined | null = null;
  const chain = new NewMigrationChain();
  /** where this migration renames or drops a table, worked out on first use */
  const moves = () => (tableMoves ??= migration.up.flatMap((op, i) => (op.kind === "rename_table" || op.kind === "drop_table" ? [i] : [])));
  /** `table` (its name when this migration starts) under the name this migration's renames before `up[beforeIndex]` give it; undefined once dropped */
  const movedInMigration = (table: string, beforeIndex: number): string | undefined => {
    let name: string | undefined = table;
    for (const at of moves()) {
      if (at >= beforeIndex || name === undefined) break;
      const op = migration.up[at];
      if (op.kind === "rename_table" && nameKey(op.table) === nameKey(name)) name = op.newName;
      else if (op.kind === "drop_table" && op.tables.some((t) => nameKey(t) === nameKey(name!))) name = undefined;
    }
    return name;
  };
  return {
    columnType(table, column, beforeIndex = 0) {
      if (beforeIndex <= 0) return before(table, column);
      // one replay that moves forward (a rule asks in the order of the up's operations): a migration of hundreds of
      // renames replays its up once per rule, not once per question; a question about an earlier place starts over
      if (!replay || replay.at > beforeIndex) replay = { types: new ColumnTypes(before), at: 0 };
      for (const end = Math.min(beforeIndex, migration.up.length); replay.at < end; replay.at++) replay.types.apply(migration.up[replay.at]);
      return replay.types.get(table, column);
    },
    get previousInFolder() {
      return history.previousOfSet(migration.path);
    },
    djangoAncestorsElsewhere: (notBefore) => history.djangoAncestorsElsewhere(migration, notBefore),
    get earlierInFolder() {
      return history.earlierOfSet(migration.path);
    },
    provenColumns: (table) => history.provenColumnsBefore(migration.path, table),
    historyTable: (table) => history.resolvedTable(migration.path, table),
    get laterInFolder() {
      // one list per migration: each question about the rest of the folder asked for it, and got a new copy
      return (later ??= history.laterOfSet(migration.path));
    },
    get newestInFolder() {
      return history.lastOfSet(migration.path);
    },
    get folderVersions() {
      return history.versionsOfSet(migration.path);
    },
    get folderRevisions() {
      return history.revisionsOfSet(migration.path);
    },
    get alembicAutocommitPrecedent() {
      if (migration.framework !== "alembic") return undefined;
      if (precedent === null) precedent = autocommitPrecedent(history.earlierOfSet(migration.path));
      return precedent;
    },
    get alembicHeadFile() {
      return migration.framework === "alembic" ? facts.alembicHeadFile(migration.path) : undefined;
    },
    get djangoLeaves() {
      return history.djangoLeavesOfSet(migration.path);
    },
    get djangoGraphPartial() {
      return history.djangoGraphPartial(migration.path);
    },
    tableDefinition: (table) => history.definitionBefore(migration.path, table),
    tableUnseen: (table) => history.tableUnseenBefore(migration.path, table),
    tableDumped: (table) => facts.dumpedTable(migration.path, table),
    dumpedColumnNames: (table) => facts.dumpedColumnNames(migration.path, table),
    get baseOfFolder() {
      return history.baseOfSet(migration.path);
    },
    tableBirth: (table) => history.tableBirthBefore(migration.path, table),
    tableRenamedBy: (table) => history.tableRenamedByBefore(migration.path, table),
    djangoBirthElsewhere: (table) => history.djangoBirthElsewhere(migration.path, table),
    tableEmptiedBy: (table) => history.tableEmptiedBefore(migration.path, table),
    columnAdder: (table, column, beforeIndex) => history.columnAdderBefore(migration, beforeIndex, table, column),
    columnCopy: (table, column, beforeIndex) => history.columnCopyBefore(migration, beforeIndex, table, column),
    datedNear: (date, ms) => history.datedNear(migration.path, date, ms),
    grownTableDefinition: (table) => history.grownDefinitionBefore(migration.path, table),
    objectDefinition: (objectType, name) => history.objectDefinitionBefore(migration.path, objectType, name),
    columnDefinition: (table, column) => history.columnDefinitionBefore(migration.path, table, column),
    columnDefault: (table, column) => history.columnDefaultBefore(migration.path, table, column),
    columnNotNull: (table, column) => history.columnNotNullBefore(migration.path, table, column),
    indexDefinition: (name) => history.indexBefore(migration.path, name),
    constraintDefinition: (name, table) => history.constraintBefore(migration.path, name, table),
    viewsOnTable: (table) => history.viewsOnTableBefore(migration.path, table),
    columnKeys: (table, column) => history.columnKeysBefore(migration.path, table, column),
    tableKeys: (table) => history.tableKeysBefore(migration.path, table),
    tableIndexes: (table) => history.indexesOfTableBefore(migration.path, table),
    namedTableIndexes: (table) => history.namedIndexesOfTableBefore(migration.path, table),
    partitions: (table) => history.partitionsBefore(migration.path, table),
    hypertable(table, beforeIndex) {
      const here = hypertableIn(migration, table, beforeIndex);
      return here.settled ? here.origin : history.hypertableBefore(migration.path, here.name);
    },
    relationKind(name, beforeIndex) {
      const here = relationKindIn(migration.up, name, beforeIndex);
      if (here.settled) return here.kind;
      return history.relationKindBefore(migration.path, here.name) ?? (facts.dumpedMaterializedView(migration.path, here.name) ? "materialized_view" : undefined);
    },
    rowVersions(table, beforeIndex) {
      // one replay moved forward as rules ask in order: a file of thousands of ALTERs stays linear
      if (!versions || versions.at > beforeIndex) versions = { replay: new RowVersions((t) => history.rowVersionsBefore(migration.path, t)), at: 0 };
      const limit = rowVersionLimit(migration.database, migration.databaseVersion);
      for (; versions.at < beforeIndex && versions.at < migration.up.length; versions.at++) versions.replay.apply(migration.up[versions.at], undefined, limit);
      return versions.replay.get(table);
    },
    indexGone: (table, names, columns) => history.indexGoneBefore(migration.path, table, names, columns),
    indexTable(name, beforeIndex) {
      // this migration's own index moves, replayed forward as rules ask in order (a file of thousands of DROP INDEX
      // stays linear); an index of an earlier migration follows this migration's renames and drops of its table
      if (!indexes || indexes.at > beforeIndex) indexes = { local: new Map(), current: new Map(), at: 0 };
      const { local, current } = indexes;
      const place = (n: string, _position: number, t: string | undefined) => {
        local.set(nameKey(n), t ?? null);
        if (t === undefined) current.delete(nameKey(n));
        else current.set(nameKey(n), t);
      };
      for (; indexes.at < beforeIndex && indexes.at < migration.up.length; indexes.at++) placeIndexOf(migration.up[indexes.at], 0, current, place);
      const key = nameKey(name);
      if (local.has(key)) return local.get(key) ?? undefined;
      const table = history.indexBefore(migration.path, name)?.table;
      return table === undefined ? undefined : movedInMigration(table, beforeIndex);
    },
    tableName(table, beforeIndex) {
      const atStart = history.tableNameBefore(migration.path, table);
      return atStart === undefined ? undefined : movedInMigration(atStart, beforeIndex);
    },
    tableAtStart(table, beforeIndex) {
      let name = table;
      const renames = moves();
      for (let i = renames.length - 1; i >= 0; i--) {
        const op = migration.up[renames[i]];
        if (renames[i] < beforeIndex && op.kind === "rename_table" && nameKey(op.newName) === nameKey(name)) name = op.table;
      }
      return name;
    },
    tableRenamedFrom: (table) => history.tableRenamedFromBefore(migration.path, table),
    model: (table) => facts.model(migration.path, table, codeFiles),
    modelFiles: () => facts.modelSourcesOf(migration.path),
    djangoModelFiles: () => facts.djangoModelSourcesOf(migration.path),
    djangoProjectModelFiles: () => facts.djangoModelSources(),
    djangoAppConfigFiles: () => facts.djangoAppConfigSources(),
    djangoModels: () => facts.djangoModelsOf(migration.path),
    applicationCode: () => (codeFiles.length ? codeFiles : facts.applicationCode()),
    applicationCodeComplete: () => (codeFiles.length ? !facts.codeFilesCapped : facts.applicationCodeComplete()),
    rustCrates: () => facts.rustCrates,
    djangoAtLeast: (version) => rangeAtLeast(facts.pythonPackageRange(migration.path, "django"), version),
    sqlalchemyAtLeast: (version) => rangeAtLeast(facts.pythonPackageRange(migration.path, "sqlalchemy"), version),
    postgresDrivers: () => PYTHON_POSTGRES_DRIVERS.filter((driver) => DRIVER_PACKAGES[driver].some((name) => facts.pythonPackageDeclared(migration.path, name))),
    get lockedRailsVersion() {
      return facts.lockedGemVersion(migration.path, "activerecord") ?? facts.lockedGemVersion(migration.path, "rails");
    },
    get railsAcronyms() {
      return facts.railsAcronyms(migration.path);
    },
    get strongMigrations() {
      return (strong ??= facts.bundles(migration.path, "strong_migrations"));
    },
    newMigrationChain: chain,
  };
}
