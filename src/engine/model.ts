/**
 * The shared model every adapter produces and every rule reads.
 * Types are inferred from these zod schemas; nothing here is written twice.
 *
 * A Migration has an `up` list and a `down` (present / missing / empty / irreversible / unsupported)
 * of normalised Operations. Each operation carries its source lines and whether it runs inside a
 * transaction block, so one rule serves Rails, Django, Alembic and plain SQL alike.
 */
import { z } from "zod";

export const Framework = z.enum(["sql", "rails", "django", "alembic"]);
export type Framework = z.infer<typeof Framework>;

/** The database server a migration runs on: decides which parser reads its SQL and which rules apply. */
export const Database = z.enum(["postgresql", "mysql", "mariadb", "sqlite"]);
export type Database = z.infer<typeof Database>;

/** How files are laid out on disk; decides how up and down are found and whether a runner wraps a transaction. */
export const Layout = z.enum([
  "golang-migrate",
  /** diesel (Rust): a folder per migration, `<version>_<name>/up.sql` + `down.sql`, each run in a transaction unless its metadata.toml says `run_in_transaction = false` */
  "diesel",
  /** riverqueue/river's rivermigrate: golang-migrate's file names, one transaction per version, `/* TEMPLATE: schema *\/` markers */
  "rivermigrate",
  "dbmate",
  "goose",
  /** rubenv/sql-migrate: `-- +migrate Up` / `-- +migrate Down` sections, a transaction per section unless `notransaction` */
  "sql-migrate",
  /** jackc/tern: `<n>_<name>.sql`, the down after the line `---- create above / drop below ----`, a transaction per direction unless `---- tern: disable-tx ----` */
  "tern",
  /** Atlas's versioned migrations: `<version>_<name>.sql` beside atlas.sum, a transaction per file unless `-- atlas:txmode none`; no down files */
  "atlas",
  /** Drizzle (drizzle-kit generate): `<tag>.sql` listed in meta/_journal.json, all pending migrations in one transaction of drizzle-orm's migrator; no downs */
  "drizzle",
  "flyway",
  "sqitch",
  "prisma",
  "liquibase",
  "plain-sql",
  "rails",
  "django",
  "alembic",
]);
export type Layout = z.infer<typeof Layout>;

export const Severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof Severity>;

export const Category = z.enum([
  "irreversible",
  "data-loss",
  "mixed-ddl-dml",
  "blocking-lock",
  "breaking-change",
  "transaction",
  "history",
  "drift",
  "syntax",
  "config",
]);
export type Category = z.infer<typeof Category>;

/** 1-based, inclusive line range in the migration file. */
export const SourceRange = z.object({
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type SourceRange = z.infer<typeof SourceRange>;

/**
 * A SQL type, canonicalised so rules can compare types across frameworks:
 * `name` is PostgreSQL's own spelling ("integer", "bigint", "varchar", "numeric", "timestamptz", ...),
 * `mods` the type modifiers (varchar(200) -> [200], numeric(10,2) -> [10, 2]).
 */
export const TypeRef = z.object({
  name: z.string(),
  mods: z.array(z.number()).default([]),
  array: z.boolean().default(false),
  /** as written, for messages */
  text: z.string(),
});
export type TypeRef = z.infer<typeof TypeRef>;

export const DefaultValue = z.object({
  /** the expression as written (or deparsed) */
  expr: z.string(),
  /** evaluated per row (now(), random(), gen_random_uuid(), nextval(), ...): forces a table rewrite */
  volatile: z.boolean(),
  /**
   * Rails: the default as Ruby wrote it, when `expr` loses what Rails casts it from (`default: {}` on a json column
   * is '{}' in SQL, but the Ruby string '{}' would be stored as the JSON string "{}"): what a fix passes Rails back
   */
  ruby: z.string().optional(),
  /**
   * Alembic/SQLAlchemy: `server_default=` is a Python name whose value migguard cannot read (octavia's
   * `constants.ONLINE`, a package's constant), not SQL text: `expr` says that name, and a fix passes this back as
   * written, never inside sa.text() (which would send the name to the database as SQL)
   */
  python: z.string().optional(),
});
export type DefaultValue = z.infer<typeof DefaultValue>;

export const ColumnSpec = z.object({
  name: z.string(),
  type: TypeRef.optional(),
  notNull: z.boolean().default(false),
  default: DefaultValue.optional(),
  primaryKey: z.boolean().default(false),
  unique: z.boolean().default(false),
  /** inline REFERENCES / foreign_key: true / ForeignKey(...) */
  references: z
    .object({
      table: z.string(),
      column: z.string().optional(),
      notValid: z.boolean().default(false),
      /** a framework's foreign key (Rails foreign_key: true) as PostgreSQL's ALTER TABLE ... ADD CONSTRAINT, when its options are known */
      sql: z.string().optional(),
      /** Django: it references the related model's primary key (no `to_field=`), whatever that key's column is */
      toPrimaryKey: z.boolean().optional(),
    })
    .optional(),
  /** inline CHECK constraint */
  check: z.boolean().default(false),
  /** GENERATED ... AS (expr) STORED rewrites the table; identity and serial fill every existing row */
  generated: z.enum(["stored", "virtual", "identity"]).optional(),
  /** GENERATED ALWAYS AS (expr): the expression, as SQL, when the adapter can read it */
  generatedExpr: z.string().optional(),
  /**
   * Django's GeneratedField: its `expression=` as written (an ORM expression, not SQL) and the fields its F()
   * references read; the fields are left out when a reference spans a relation (`F("a__b")`)
   */
  generatedOrm: z
    .object({
      expression: z.string(),
      fields: z.array(z.string()).optional(),
      /** the SQL Django compiles the expression to, a field's reference standing for its column (django-orm-sql.ts); absent when not translated */
      sql: z.array(z.union([z.string(), z.object({ field: z.string() })])).optional(),
    })
    .optional(),
  serial: z.boolean().default(false),
  /** the index the framework builds on the column by itself, by the name it gives it (Django's db_index=True, a ForeignKey's by default) */
  frameworkIndex: z.string().optional(),
});
export type ColumnSpec = z.infer<typeof ColumnSpec>;

export const ConstraintType = z.enum(["foreign_key", "check", "unique", "primary_key", "exclusion", "not_null"]);
export type ConstraintType = z.infer<typeof ConstraintType>;

/**
 * The existence check code runs under (Rails' `add_column ... unless column_exists?(:t, :c)`, `return unless
 * table_exists?(:t)`): what it checks and when the operation runs. The review decides it against the base
 * branch's schema dump, the schema production has: a check that keeps the operation from running there makes its
 * findings a note.
 */
export const ExistenceGuard = z.object({
  predicate: z.enum(["table_exists?", "data_source_exists?", "column_exists?", "index_exists?", "index_name_exists?", "foreign_key_exists?"]),
  table: z.string(),
  /** column_exists?: the column */
  column: z.string().optional(),
  /** index_exists?: the indexed columns; foreign_key_exists?: the referencing column, when given */
  columns: z.array(z.string()).default([]),
  /** index_name_exists?, or `name:` given to index_exists? / foreign_key_exists? */
  name: z.string().optional(),
  /** foreign_key_exists?: the referenced table, when given */
  toTable: z.string().optional(),
  /** the check has conditions beyond the object's name (a column's type, an index's `unique:`): only "missing" can be decided */
  qualified: z.boolean().default(false),
  /** the operation runs when the check is true ("exists") or false ("missing") */
  runsWhen: z.enum(["exists", "missing"]),
  /** the check as written, for messages */
  text: z.string(),
  line: z.number().int().positive(),
});
export type ExistenceGuard = z.infer<typeof ExistenceGuard>;

/**
 * A size check the code runs the operation under (Alembic's `if count < THRESHOLD:` on a `SELECT COUNT(*)` of the
 * table): the team weighed the lock against the table's size, so its lock findings are notes quoting the check.
 */
export const SizeGuard = z.object({
  /** the table whose rows are counted */
  table: z.string(),
  /** the condition as written */
  condition: z.string(),
  line: z.number().int().positive(),
  /** the operation runs when the condition holds (true) or in its `else` (false) */
  holds: z.boolean(),
});
export type SizeGuard = z.infer<typeof SizeGuard>;

/**
 * A check the migration makes before the operation and aborts on (Rails' `raise if Feed.where.not(c: nil).any?`,
 * a RunPython that raises when `.exclude(c__isnull=True).exists()`, a DO block's RAISE EXCEPTION): the operation
 * runs only where the column holds no value but NULL (`column`), or the table no row (no `column`).
 */
export const ValuesGuard = z.object({
  table: z.string(),
  column: z.string().optional(),
  /** the check as written, for messages */
  text: z.string(),
  line: z.number().int().positive(),
});
export type ValuesGuard = z.infer<typeof ValuesGuard>;

/** Fields every operation has. */
const OperationBase = z.object({
  loc: SourceRange,
  /** the statement or call as written (used in messages and in comment fingerprints) */
  text: z.string().default(""),
  /** runs inside a transaction block (runner-wrapped, explicit BEGIN, Rails/Django atomic migrations) */
  inTransaction: z.boolean().default(true),
  /** inside a framework waiver such as Rails' safety_assured { ... }: findings drop to info */
  assured: z.boolean().default(false),
  /** produced from SQL embedded in Ruby/Python (execute, RunSQL, op.execute) */
  embeddedSql: z.boolean().default(false),
  /**
   * Alembic: the line of a COMMIT sent as SQL earlier in the function (`op.execute("COMMIT")`). SQLAlchemy and the
   * driver still count their transaction as open, so psycopg2 (SQLAlchemy's default PostgreSQL driver) and asyncpg
   * send no BEGIN again: the operation runs in autocommit (`inTransaction` false). psycopg 3 reads the server's
   * transaction status and begins a new transaction before it, which rules that care ask the repository about.
   */
  afterRawCommit: z.number().int().positive().optional(),
  /** the ORM's names behind `table` / `column` (Django model_name and field name), so fixes can use them */
  ormModel: z.string().optional(),
  /** the package that builds the Django model class itself (django-simple-history's Historical* models): no class of the project's to edit */
  ormModelBuiltBy: z.literal("django-simple-history").optional(),
  /**
   * a django-pghistory event table (its model has pghistory's pgh_obj, pgh_label, pgh_created_at fields): database
   * triggers on the tracked model write its rows, not the application, and this migration recreates them
   * (pgtrigger's AddTrigger on `tracked`, at `line`), in its transaction
   */
  writtenByTriggers: z.object({ package: z.literal("django-pghistory"), tracked: z.string(), line: z.number() }).optional(),
  ormField: z.string().optional(),
  /**
   * the Django field as written (`models.CharField(max_length=20)`): the one the operation leaves (AddField's,
   * AlterField's new one, the renamed or removed field's from the app's history), so fixes can repeat it
   */
  ormFieldDef: z.string().optional(),
  /** the framework method that produced the op (Rails `add_reference`, `create_table`, `t.index`), so fixes can answer in its terms */
  frameworkCall: z.string().optional(),
  /**
   * Alembic: the `with op.batch_alter_table(...) as <alias>:` block the call is a statement of. Its operations are
   * queued and run when the block exits, so an `op.*` call put in the call's place would run before them:
   * `without` is the block as written without this call's statement ("" when it was the only one), dedented.
   */
  batchBlock: z.object({ alias: z.string(), loc: SourceRange, without: z.string() }).optional(),
  /**
   * SQL embedded with parts the host language computes (Ruby's `#{Model.table_name}`): the host call as written
   * (`execute "UPDATE #{...} SET ..."`), so a fix that moves the statement moves that call, not a placeholder
   */
  hostCall: z.string().optional(),
  /**
   * Rails: the call with the method's local variables it reads written as their values (`change_column table, ...`
   * in `%i[tips tags].each do |table|` is `change_column :tips, ...` in its first iteration), so a fix that lists
   * statements outside their loop names real tables; `unknown`: the locals whose value is computed at run time
   */
  inlined: z.object({ text: z.string(), unknown: z.array(z.string()) }).optional(),
  /** the existence checks it runs under, outermost first (Rails' `unless column_exists?(...)`): it runs only when all hold */
  guards: z.array(ExistenceGuard).optional(),
  /**
   * Python: the question about the schema the code asks before it runs the operation, and decides by (Alembic's `if
   * not sa.inspect(bind).has_column("t", "c"):`, a name bound to `inspector.get_columns("t")`; Django's
   * `connection.introspection.table_names()` in a RunPython): `asks` is the call as written, `line` where it is asked.
   * The operation runs as the schema answers then, as after a SQL catalog read (raw `readsCatalog`)
   */
  schemaQuestion: z.object({ asks: z.string(), line: z.number().int().positive() }).optional(),
  /**
   * Alembic: the `try:` whose `except` catches the operation's failure and goes on (`except Exception: pass`, a log
   * line, a raise only for other errors): the author guards against a state the database may be in. In a
   * transaction on PostgreSQL the caught error still aborts the transaction (the next statement fails "current
   * transaction is aborted") unless the try body runs in a SAVEPOINT (`begin_nested()`): `savepoint`.
   */
  caught: z.object({ line: z.number().int().positive(), savepoint: z.boolean() }).optional(),
  /**
   * Alembic: the condition of the `if` the operation runs under that migguard cannot decide for PostgreSQL, as written,
   * when it reads only module-level names (privacyidea's `if dialect_supports_sequences():`, a function of the
   * revision), so downgrade() can test it too: a fix in the down repeats it, and runs where the up ran
   */
  runsIf: z.string().optional(),
  /** it runs only while the table's row count is below a bound the code compares it with (size-guard) */
  sizeGuard: SizeGuard.optional(),
  /** the migration stopped before it unless these columns held only NULLs (or these tables no rows): values-guard */
  valuesGuards: z.array(ValuesGuard).optional(),
  /**
   * Alembic: the lines of the outermost loop over a literal list the operation was unrolled from (fides'
   * `for key in KEYS: op.execute(f"CREATE INDEX ...")`), so a fix can keep the loop instead of one item's statement
   */
  loop: SourceRange.optional(),
  /**
   * Alembic: a call in a loop over a literal list that reads the loop's variables: `call` is it as this item runs it
   * (the variables written as the item's values, undefined when one is no literal), `names` the variables it reads
   * (`values`: theirs in this item, as Python literals), `over` the iterable of their loop as written. A fix that copies the call out of the loop copies `call`.
   */
  loopItem: z.object({ call: z.string().optional(), names: z.array(z.string()), values: z.array(z.string()).optional(), over: z.string() }).optional(),
  /**
   * Rails: the operation's table is Rails' unprefixed name for a namespaced model the migration neither defines nor
   * names the table of (ActiveAdmin::Comment -> comments); this is the table it has when its namespace sets a
   * table_name_prefix, as gems do (active_admin_comments). The migrations before it decide (model-table-history.ts).
   */
  prefixedTable: z.string().optional(),
  /** MySQL/MariaDB: the statement's `ALGORITHM=` and `LOCK=` clauses, lower-cased ("instant", "inplace", "copy"; "none", "shared") */
  algorithm: z.string().optional(),
  lock: z.string().optional(),
});

const op = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  OperationBase.extend({ kind: z.literal(kind), ...shape });

export const CreateTable = op("create_table", {
  table: z.string(),
  columns: z.array(ColumnSpec).default([]),
  /** `sql`: a framework's constraint (Rails t.foreign_key) as PostgreSQL's ALTER TABLE ... ADD CONSTRAINT, when its options are known */
  /** `expression`: a CHECK's, as written (Rails t.check_constraint) */
  constraints: z
    .array(
      z.object({
        type: ConstraintType,
        columns: z.array(z.string()).default([]),
        sql: z.string().optional(),
        name: z.string().optional(),
        expression: z.string().optional(),
        /** a foreign key's referenced table and columns, when the call names them (`sa.ForeignKeyConstraint(["a_id"], ["a.id"])`) */
        references: z.object({ table: z.string(), columns: z.array(z.string()) }).optional(),
      }),
    )
    .default([]),
  ifNotExists: z.boolean().default(false),
  /** CREATE TABLE ... AS SELECT / LIKE: copies data (a backup) */
  asSelect: z.boolean().default(false),
  /** table this one copies from (CREATE TABLE x AS SELECT ... FROM y / LIKE y) */
  copiedFrom: z.string().optional(),
  /** CREATE TABLE x AS SELECT a, b FROM y (one table read): the columns of y its select list names (`*` for every one) */
  copiedColumns: z.array(z.string()).optional(),
  temporary: z.boolean().default(false),
  /** PARTITION BY: a partitioned table, whose rows live in its partitions */
  partitioned: z.boolean().optional(),
  /** PARTITION OF parent: the partitioned table this one is a partition of */
  partitionOf: z.string().optional(),
  /**
   * a range partition of one key column: the FOR VALUES FROM bound as the string written ('2027-08-01', also under a
   * cast); absent for MINVALUE, a list or hash partition, or a bound of several columns
   */
  rangeFrom: z.string().optional(),
  /** WITH (timescaledb.hypertable): a TimescaleDB hypertable, whose rows live in chunks */
  hypertable: z.boolean().optional(),
  /** the definition holds something the adapter does not read (a plugin's column helper, a loop): columns may be missing from `columns` */
  columnsUnread: z.boolean().optional(),
  /** enum types created with the table (SQLAlchemy's sa.Enum / postgresql.ENUM columns in op.create_table), before it */
  createsTypes: z.array(z.string()).optional(),
});
/**
 * Where the application stopped using a dropped table or column before this migration (Django: an earlier
 * migration removed it from the state only, with SeparateDatabaseAndState): the drop is the planned last
 * step of a two-step removal.
 */
const LeftOrmIn = z.string().optional();
/** django-safemigrate marks the migration `Safe.after_deploy()`: it runs after the deploy that stopped using what it drops */
const AfterDeploy = z.boolean().optional();

export const DropTable = op("drop_table", {
  tables: z.array(z.string()),
  ifExists: z.boolean().default(false),
  cascade: z.boolean().default(false),
  leftOrmIn: LeftOrmIn,
  afterDeploy: AfterDeploy,
});
export const RenameTable = op("rename_table", {
  table: z.string(),
  newName: z.string(),
  /**
   * Django's RenameModel: it alters the ForeignKeys to the model with it, so their FOREIGN KEYs are dropped and added
   * again under the name Django gives a key to the new table (`..._fk_<new table>_<column>`)
   */
  renamesReferencingKeys: z.boolean().optional(),
});
export const AddColumn = op("add_column", {
  table: z.string(),
  column: ColumnSpec,
  ifNotExists: z.boolean().default(false),
  /**
   * Django: the model as the migration starts has a NOT NULL field of this column, which the migration moves away
   * before adding the new one (AWX's 0185 renames `setting` to `setting_old`, then adds a new `setting`): the running
   * code's model still names the column, so its inserts write a value into it
   */
  writtenByRunningCode: z.boolean().optional(),
});
export const DropColumn = op("drop_column", {
  table: z.string(),
  column: z.string(),
  ifExists: z.boolean().default(false),
  cascade: z.boolean().default(false),
  /** the column type is known (Rails remove_column with a type can be reversed) */
  type: TypeRef.optional(),
  leftOrmIn: LeftOrmIn,
  afterDeploy: AfterDeploy,
});
export const RenameColumn = op("rename_column", {
  table: z.string(),
  column: z.string(),
  newName: z.string(),
  /**
   * Django: an AlterField moved the column, the field keeping its name (an integer field made a ForeignKey: `type`
   * becomes `type_id`; a ForeignKey made a plain field, the reverse): db_column keeps the column, no RenameField
   */
  fieldKept: z.boolean().optional(),
});
export const AlterColumnType = op("alter_column_type", {
  table: z.string(),
  column: z.string(),
  type: TypeRef,
  /** the previous type when the adapter knows it (Django state, Rails down, a .down.sql) */
  fromType: TypeRef.optional(),
  using: z.string().optional(),
  /**
   * Django: the previous field's definition (`MarkupField(...)`) when the adapter does not know its column type, a
   * class of a package or of the project: the rules read it through the project's field classes (django-field-type.ts)
   */
  fromFieldDef: z.string().optional(),
});
/**
 * A column given a whole new definition when its previous one is unknown (Django AlterField without the app's
 * earlier migrations): it may change the type, nullability, uniqueness or indexes. Adapters emit the precise
 * operations instead whenever they know the previous definition.
 */
export const RedefineColumn = op("redefine_column", {
  table: z.string(),
  column: ColumnSpec,
  indexed: z.boolean().default(false),
  /** the previous definition is known and only the type may differ: the new field class, whose column type is unknown, and the type before */
  unknownClass: z.object({ fieldClass: z.string(), fromType: z.string().optional() }).optional(),
});
export const SetNotNull = op("set_not_null", {
  table: z.string(),
  column: z.string(),
  /** the framework first gives NULL rows a value (Django's AlterField with `default=` runs UPDATE ... WHERE col IS NULL) */
  fillsNulls: z.boolean().optional(),
});
export const DropNotNull = op("drop_not_null", {
  table: z.string(),
  column: z.string(),
  /** whether the column was NOT NULL before, as the migration itself states it (Alembic's existing_nullable=) */
  wasNotNull: z.boolean().optional(),
});
export const SetDefault = op("set_default", { table: z.string(), column: z.string(), default: DefaultValue });
export const DropDefault = op("drop_default", { table: z.string(), column: z.string() });
export const AddIndex = op("add_index", {
  table: z.string(),
  name: z.string().optional(),
  columns: z.array(z.string()).default([]),
  unique: z.boolean().default(false),
  concurrently: z.boolean().default(false),
  /** CONCURRENTLY only when this expression, as written, is true at run time (Alembic's `postgresql_concurrently=concurrently`) */
  concurrentlyWhen: z.string().optional(),
  ifNotExists: z.boolean().default(false),
  partial: z.boolean().default(false),
  /** a partial index's WHERE as SQL, when the adapter renders it (Django's condition of simple Q lookups) */
  predicate: z.string().optional(),
  method: z.string().optional(),
  /** every column the index reads, including its expressions and WHERE predicate (dropping one drops the index) */
  referencedColumns: z.array(z.string()).default([]),
  /** INCLUDE (...): the covering columns (Django's UniqueConstraint include=), when the adapter read them */
  include: z.array(z.string()).optional(),
  /** the operator class of each column, in order (Django's opclasses=) */
  opclasses: z.array(z.string()).optional(),
  /** NULLS [NOT] DISTINCT of a unique index (Django's nulls_distinct=); undefined: PostgreSQL's default, not written */
  nullsDistinct: z.boolean().optional(),
  /** options of the framework's call that shape the index but were not read (set at run time): `include`, `opclasses`, `nulls_distinct` */
  unreadOptions: z.array(z.string()).optional(),
  /**
   * Rails: those of `unreadOptions` given as literals, as Ruby (`order` -> `{ created_at: :desc }`): a Rails fix that
   * builds the index again repeats them; any other fix still counts them unread (it cannot write them in SQL)
   */
  optionsRuby: z.record(z.string(), z.string()).optional(),
  /** WITH (timescaledb.transaction_per_chunk): TimescaleDB builds it chunk by chunk, each chunk locked in its own transaction */
  perChunk: z.boolean().optional(),
});
export const DropIndex = op("drop_index", {
  names: z.array(z.string()).default([]),
  table: z.string().optional(),
  columns: z.array(z.string()).default([]),
  concurrently: z.boolean().default(false),
  /** CONCURRENTLY only when this expression, as written, is true at run time (Alembic's `postgresql_concurrently=concurrently`) */
  concurrentlyWhen: z.string().optional(),
  ifExists: z.boolean().default(false),
  /** Rails before 5.0 (a Migration[4.2]): remove_index by columns looks for the default name only, not any index on them */
  defaultNameOnly: z.boolean().optional(),
});
export const AddConstraint = op("add_constraint", {
  table: z.string(),
  name: z.string().optional(),
  constraint: ConstraintType,
  columns: z.array(z.string()).default([]),
  referencesTable: z.string().optional(),
  /** a foreign key's referenced columns as the migration names them (REFERENCES t (id)), when it does */
  referencesColumns: z.array(z.string()).optional(),
  /**
   * a foreign key's clauses after REFERENCES as PostgreSQL writes them (MATCH FULL ON DELETE CASCADE ON UPDATE
   * CASCADE DEFERRABLE INITIALLY DEFERRED), "" when it has none: a fix that adds the key again keeps them.
   * Undefined when the adapter does not read them; `unreadOptions` names those computed at run time.
   */
  keyClauses: z.string().optional(),
  /** NOT VALID / validate: false: existing rows are not checked now */
  notValid: z.boolean().default(false),
  /**
   * a foreign key the same statement puts on a column that held no relation (Django's AlterField from an
   * IntegerField to a ForeignKey): the field class the column had, whose MySQL type may not be the key's
   * (PositiveIntegerField is `int unsigned`, a key to an AutoField `int`)
   */
  plainFieldBefore: z.string().optional(),
  /** ADD CONSTRAINT ... USING INDEX idx: reuses an index built concurrently */
  usingIndex: z.string().optional(),
  /** a framework's constraint (Rails add_foreign_key) as PostgreSQL's ALTER TABLE ... ADD CONSTRAINT, when its options are known */
  sql: z.string().optional(),
  /** a CHECK's expression as the migration wrote it (Rails add_check_constraint, t.check_constraint), when it is a literal */
  expression: z.string().optional(),
  /**
   * a CHECK's columns whose NULL can make a row fail it: its condition tests them for IS NOT NULL outside any
   * negation (Django's `Q(f__isnull=False)`), when the condition was read
   */
  failsOnNull: z.array(z.string()).optional(),
  /** UNIQUE NULLS [NOT] DISTINCT (Django's UniqueConstraint nulls_distinct=); undefined: PostgreSQL's default, not written */
  nullsDistinct: z.boolean().optional(),
  /** options of the framework's call that shape the constraint (its index) but were not read (set at run time): `nulls_distinct`, a key's `ondelete` */
  unreadOptions: z.array(z.string()).optional(),
  /** unnamed in the call, under a naming convention (Alembic's target_metadata) migguard could not read: PostgreSQL's default name would be a guess */
  nameUnknown: z.boolean().optional(),
});
export const ValidateConstraint = op("validate_constraint", {
  table: z.string(),
  name: z.string().optional(),
  /** Rails' validate_foreign_key(from, to) without column: or name: finds the key by the table it references, whatever its column */
  referencesTable: z.string().optional(),
});
export const DropConstraint = op("drop_constraint", {
  table: z.string(),
  name: z.string().optional(),
  /** the constraint's columns when the migration names them instead of the constraint (a unique_together set Django replaces) */
  columns: z.array(z.string()).optional(),
  /**
   * Rails' remove_foreign_key(from, to) without column: or name: drops the key of `table` that references this table,
   * whatever its column: `name` is set only when the history or the migration shows exactly one such key
   * (adapters/rails/removed-foreign-keys.ts), never guessed from the default column
   */
  referencesTable: z.string().optional(),
  ifExists: z.boolean().default(false),
});
/**
 * The columns by which a data change's ORM code groups the rows whose duplicates it deletes (Rails
 * `group(:a, :b).having("count(*) > 1")`, Django `values("a", "b").annotate(n=Count("id")).filter(n__gt=1)`), with the
 * table of the model it groups when known: the unique key the dedupe makes room for holds these columns
 */
export const DedupeGrouping = z.object({ table: z.string().optional(), columns: z.array(z.string()) });
export type DedupeGrouping = z.infer<typeof DedupeGrouping>;
export const DmlVerb = z.enum(["insert", "update", "delete", "merge", "copy", "select_into"]);
export const Dml = op("dml", {
  verb: DmlVerb,
  table: z.string().optional(),
  /** UPDATE/DELETE restricted by WHERE (or a model scope such as where(...).update_all) */
  hasWhere: z.boolean().default(false),
  /** columns written by UPDATE / INSERT */
  columns: z.array(z.string()).default([]),
  /** tables read (INSERT ... SELECT FROM x, CREATE TABLE AS): used to recognise backups */
  sourceTables: z.array(z.string()).default([]),
  /** columns read from the source tables (INSERT ... SELECT id, phone FROM users; UPDATE t SET a_copy = a) */
  sourceColumns: z.array(z.string()).default([]),
  /**
   * INSERT ... SELECT: per table a FROM of the select reads (each arm of a UNION, through joins), the columns its
   * select lists copy out of that table (adapters/sql/select-copies.ts); a table only a subquery reads copies none
   */
  copies: z.array(z.object({ table: z.string(), columns: z.array(z.string()) })).optional(),
  /** written through application code (update_all, objects.update) rather than SQL */
  viaCode: z.boolean().default(false),
  /**
   * DELETE: the columns whose every row with a value it removes (WHERE c IS NOT NULL, alone or as one side of an
   * OR; `where.not(c: nil)`; `t.c.c != None`): what is left of the table holds only NULLs in them
   */
  removesRowsWithValue: z.array(z.string()).optional(),
  /** a delete through the ORM: the groupings of the duplicates it removes (DedupeGrouping) */
  dedupesBy: z.array(DedupeGrouping).optional(),
  /**
   * UPDATE: the columns of its own table that the values it sets are computed from (a SET value names them, or the
   * WHERE of an UPDATE ... FROM joins the other rows on them), the columns it sets excepted: their values live on in
   * what it wrote (`SET squattee_id = packages.id FROM packages WHERE packages.name = squat.squattee_name`)
   */
  convertsFrom: z.array(z.string()).optional(),
  /**
   * UPDATE: constant SET values on the rows its WHERE picks by constants of these columns of its own table
   * (`SET state = 'PENDING' WHERE deprecated_state = '1'`): one entry of a value mapping. Several of them in one
   * migration, setting the same columns from the same column, convert it (repository/column-copies.ts); one alone sets
   * a flag on some rows and copies nothing.
   */
  mapsFrom: z.array(z.string()).optional(),
  /** UPDATE: the columns it sets to a value that keeps every value already there (COALESCE(c, ...), CASE ... ELSE c filling NULLs or adding an absent jsonb key) */
  keepsValues: z.array(z.string()).optional(),
  /** UPDATE: the columns its WHERE restricts to NULL (`WHERE c IS NULL`, alone or AND-ed): it writes only rows with a NULL there */
  onlyNullRowsOf: z.array(z.string()).optional(),
  /**
   * UPDATE: the columns whose NULL rows its WHERE leaves out by three-valued logic: a negated comparison, alone or
   * AND-ed (`c != 'y'`, `c NOT IN (...)`, `NOT (c = 'y')`, Rails' `where.not(c: ...)`), is NULL on them, not true
   */
  skipsNullRowsOf: z.array(z.string()).optional(),
  /** UPDATE with `skipsNullRowsOf`: the same statement as written, each of those comparisons also taking the NULL rows (`OR c IS NULL`) */
  withNullRows: z.string().optional(),
  /** UPDATE: its WHERE is nothing but those IS NULL tests (AND-ed): on columns the migration has just added, every row */
  whereOnlyNullTests: z.boolean().optional(),
  /**
   * UPDATE run once for each row of a loop over every row of its own table (`for row in conn.execute(t.select()):`,
   * no WHERE on the select) and picking that row (`.where(t.c.id == row.id)`): its WHERE is that row, together the
   * runs write every row
   */
  everyRowInLoop: z.boolean().optional(),
  /**
   * UPDATE: the columns it sets to one constant, the same on every row (a literal or an expression of literals: no
   * column, subquery or function), each with that value as PostgreSQL SQL (`0`, `'open'`, `'{}'::jsonb`)
   */
  constants: z.record(z.string(), z.string()).optional(),
  /**
   * UPDATE / INSERT: what changes the data again when it runs again (`total_minutes = total_minutes * 60`, an INSERT
   * ... SELECT with no ON CONFLICT or NOT EXISTS): run after code that writes the new form, it converts or copies
   * those rows a second time
   */
  repeats: z.string().optional(),
});
export const Truncate = op("truncate", { tables: z.array(z.string()), cascade: z.boolean().default(false) });
export const DataMigration = op("data_migration", {
  language: z.enum(["ruby", "python", "sql"]),
  description: z.string(),
  /** has a way back (reverse_code, RunPython.noop, a down) */
  reversible: z.boolean(),
  /** RunPython that imports models directly instead of apps.get_model */
  importsModelsDirectly: z.boolean().default(false),
  /** RunPython: the models it imports directly, the name its code uses, the class it binds and the module it comes from (`shop.models`) */
  directModels: z.array(z.object({ name: z.string(), className: z.string(), module: z.string().optional() })).optional(),
  /** RunPython that imports models directly: the attribute names its code calls (`xform.get_full_dict()`) */
  methodCalls: z.array(z.string()).optional(),
  /** RunPython that imports models directly: what its code reads on those classes besides their manager (`Instance.DecryptionStatus`) */
  classAttributes: z.array(z.object({ name: z.string(), attribute: z.string() })).optional(),
  /** RunPython that imports models directly: the project's functions it hands their rows to (`decrypt_instance(instance)`) */
  instanceHelpers: z.array(z.object({ name: z.string(), helper: z.string() })).optional(),
  /**
   * RunPython that imports models directly: the custom methods (no Django API) its code calls on them or their rows,
   * in the module's functions it hands the rows to too (`through`: galaxy_ng's `_update_manifests`, `_init_manifest`)
   */
  liveMethodCalls: z.array(z.object({ name: z.string(), method: z.string(), through: z.array(z.string()) })).optional(),
  /** tables it touches when known */
  tables: z.array(z.string()).default([]),
  /** the tables it writes, when every write it makes names its table (a Ruby loop that creates rows of a new table) */
  writes: z.array(z.string()).optional(),
  /** a relation write run in batches with no block (`Model.where(...).in_batches.delete_all`): the statement each batch runs */
  batched: z.object({ verb: DmlVerb, hasWhere: z.boolean() }).optional(),
  /**
   * a loop over the rows batch by batch with a block (`Model.find_each do |r| r.update_columns(...) end`) whose
   * writes a second run would redo alike: each is a statement of its own, so outside a transaction no row stays
   * locked past its own update, and a run stopped halfway can simply run again
   */
  loopsInBatches: z.boolean().optional(),
  /** the calls of its code that delete rows (`document.destroy!`), each with its table when the call names it (a model, the loop's own records) */
  deletes: z
    .array(
      z.object({
        call: z.string(),
        table: z.string().optional(),
        /** Django: the tables of the model's multi-table-inheritance parents, whose rows its delete() removes with the model's */
        parentTables: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  /** the calls of its code that overwrite values of existing rows (a Django queryset's `update(a=...)`, a fetched instance's `save()`), with the columns when known */
  overwrites: z
    .array(
      z.object({
        call: z.string(),
        table: z.string().optional(),
        columns: z.array(z.string()).optional(),
        /**
         * the columns its code gives a value other than NULL, when the code says which (a queryset's `update(a=x)`, the
         * attributes assigned on the instance it saves): a column saved unchanged or set to NULL queues no foreign key check
         */
        changes: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  /** the names its code uses (identifiers, words of its strings), when the code was read: the columns it may read */
  mentions: z.array(z.string()).optional(),
  /**
   * the columns its code reads on the existing rows of a table, by table (a Django row's attribute, `getattr(row,
   * "f")`, `values("f")`): what it may have moved elsewhere, unlike a name it only mentions
   */
  rowReads: z.array(z.object({ table: z.string(), columns: z.array(z.string()) })).optional(),
  /** with rowReads: the tables its code adds rows to (a Django manager's create(), a model's class called): where what it read may have gone */
  createsRowsIn: z.array(z.string()).optional(),
  /**
   * the tables its code reaches through the relations of the models it asks for, when it names the relation
   * (`select_related("unit")`, `unit__name`, `iwu.unit.name`), and those the SELECTs it runs itself read from
   * (`cursor.execute(...)`): it reads their rows too
   */
  readsThrough: z.array(z.string()).optional(),
  /** the tables its own SQL drops (`cursor.execute("DROP TABLE ...")`): named in its code, but not read */
  dropsTables: z.array(z.string()).optional(),
  /**
   * the values its code copies from the rows of one table into rows of another table it saves (django-parler's
   * recipe: `setattr(translation, field, getattr(obj, field))` for each named field; a Rails loop creating another
   * model's rows from its records' attributes), by column, and whether its reverse copies each back into the column
   */
  copies: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        columns: z.array(z.object({ column: z.string(), into: z.string(), restored: z.boolean() })),
        /** only the rows its code picks (a filtered loop, a create under a condition: adapters/rails/loop-copies.ts) */
        someRows: z.boolean().optional(),
      }),
    )
    .optional(),
  /** its code only reads (a version check, a count): it writes no row, so it is no data change */
  readOnly: z.boolean().optional(),
  /** a read of the rows of this table that have duplicates there (`GROUP BY ... HAVING count(*) > 1`): what a dedupe starts from (adapters/sql/duplicate-rows.ts) */
  readsDuplicatesOf: z.string().optional(),
  /** the groupings of the duplicates its code deletes (DedupeGrouping) */
  dedupesBy: z.array(DedupeGrouping).optional(),
  /** on PostgreSQL its code runs only schema statements of its own SQL (SET DEFAULT, DROP INDEX IF EXISTS) and writes no row: no data change there */
  schemaOnlyOnPostgres: z.boolean().optional(),
  /** its code only adds rows it did not find (find_or_initialize_by, skipped when persisted, then save): it overwrites and deletes nothing */
  insertsOnly: z.boolean().optional(),
  /** what in its code changes the data again when it runs again (`invoice.total_minutes = invoice.total_minutes * 60`), as Dml's `repeats` */
  repeats: z.string().optional(),
  /**
   * Rails: a loop over every row of its model (no filter picks them, no test on each record skips any) whose writes
   * are not a normalisation of the rows' own values or a re-save: the values of every row change, or every row goes
   */
  overwritesEveryRow: z.boolean().optional(),
});
export const SetSetting = op("set_setting", {
  name: z.string(),
  value: z.string().optional(),
  scope: z.enum(["session", "local", "reset"]).default("session"),
});
export const AlterEnum = op("alter_enum", {
  type: z.string(),
  action: z.enum(["add_value", "rename_value"]),
  value: z.string(),
  neighbor: z.string().optional(),
  ifNotExists: z.boolean().default(false),
});
export const ObjectType = z.enum([
  "view",
  "materialized_view",
  "function",
  "procedure",
  "trigger",
  "sequence",
  "extension",
  "schema",
  "type",
  "domain",
  "policy",
  "rule",
  "database",
  "role",
  "publication",
  "collation",
  "other",
]);
export type ObjectType = z.infer<typeof ObjectType>;
export const CreateObject = op("create_object", {
  objectType: ObjectType,
  name: z.string(),
  table: z.string().optional(),
  orReplace: z.boolean().default(false),
  /** CREATE ... IF NOT EXISTS (Rails' enable_extension): it may exist already, and running it again changes nothing */
  ifNotExists: z.boolean().default(false),
  /** relations a view reads: DROP ... CASCADE of one of them drops the view too */
  dependsOn: z.array(z.string()).default([]),
  /** what a view is built from when the SQL is elsewhere (scenic's db/views/<name>_vNN.sql): equal for the same version */
  definition: z.string().optional(),
});
export const DropObject = op("drop_object", {
  objectType: ObjectType,
  names: z.array(z.string()),
  table: z.string().optional(),
  ifExists: z.boolean().default(false),
  cascade: z.boolean().default(false),
  concurrently: z.boolean().default(false),
});
/** ALTER INDEX/VIEW/SEQUENCE/TYPE ... RENAME TO, ALTER TABLE ... RENAME CONSTRAINT: not tables or columns. */
export const RenameObject = op("rename_object", {
  objectType: z.enum(["index", "constraint", "view", "materialized_view", "sequence", "type", "function", "trigger", "schema", "other"]),
  name: z.string(),
  newName: z.string(),
  table: z.string().optional(),
});
export const Maintenance = op("maintenance", {
  command: z.enum(["vacuum_full", "vacuum", "analyze", "cluster", "reindex", "refresh_materialized_view"]),
  tables: z.array(z.string()).default([]),
  concurrently: z.boolean().default(false),
});
export const LockTable = op("lock_table", { tables: z.array(z.string()), mode: z.string() });
export const TransactionControl = op("transaction_control", {
  action: z.enum(["begin", "commit", "rollback", "savepoint", "release", "rollback_to", "prepare", "commit_prepared"]),
});
/** A statement the model does not interpret further (GRANT, COMMENT ON, ALTER TABLE ... SET (...), ...). */
export const Raw = op("raw", {
  statement: z.string(),
  table: z.string().optional(),
  /** the object acted on when it is not the table (ALTER SEQUENCE s OWNED BY t.c: object s, table t) */
  object: z.string().optional(),
  /** ACCESS EXCLUSIVE lock on an existing table, when the adapter knows it (e.g. ALTER TABLE ... SET TABLESPACE) */
  rewritesTable: z.boolean().default(false),
  /** work the adapter cannot see into (an app's or a gem's migration helper): it may create or drop anything */
  opaque: z.boolean().default(false),
  /** Rails: the symbols and strings the step's Ruby writes (adapters/rails/literal-names.ts), the names it may touch */
  rubyLiterals: z.array(z.string()).optional(),
  /**
   * an opaque helper called with a table first and only literal arguments (`add_safe_index :users, [:email]`): the
   * names it was given; the tables it may add rows to are among them (row-writes.ts), not any table
   */
  givenNames: z.array(z.string()).optional(),
  /** the lock PostgreSQL takes on the table (an ALTER TABLE subcommand's, from its documented table), when known */
  lockMode: z.string().optional(),
  /** a SELECT that writes nothing: the relations its FROM clauses read (what host code that keeps its rows may copy elsewhere) */
  reads: z.array(z.string()).optional(),
  /** a SELECT that asks about the schema (information_schema.columns, a pg_* catalog, to_regclass()): the first such relation or function it reads */
  readsCatalog: z.string().optional(),
  /** a SELECT that is no read: it locks rows (FOR UPDATE/SHARE), moves a sequence (nextval, setval) or runs code that may write (a function not known to write nothing) */
  mayWrite: z.enum(["row locks", "sequences", "code"]).optional(),
  /** SELECT create_hypertable('t', ...): the table TimescaleDB makes a hypertable */
  hypertable: z.string().optional(),
  /**
   * a DO block that commits or rolls back inside itself (a batched fill): it fails in a transaction block, so the
   * file must not become one (a SET LOCAL before it would make golang-migrate's one query a transaction)
   */
  commits: z.boolean().optional(),
});

export const Operation = z.discriminatedUnion("kind", [
  CreateTable,
  DropTable,
  RenameTable,
  AddColumn,
  DropColumn,
  RenameColumn,
  AlterColumnType,
  RedefineColumn,
  SetNotNull,
  DropNotNull,
  SetDefault,
  DropDefault,
  AddIndex,
  DropIndex,
  AddConstraint,
  ValidateConstraint,
  DropConstraint,
  Dml,
  Truncate,
  DataMigration,
  SetSetting,
  AlterEnum,
  CreateObject,
  DropObject,
  RenameObject,
  Maintenance,
  LockTable,
  TransactionControl,
  Raw,
]);
export type Operation = z.infer<typeof Operation>;
export type OperationKind = Operation["kind"];
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;
/** What adapters write: defaults (text, inTransaction, ...) may be left out. */
export type OperationInput = z.input<typeof Operation>;

/** The way back. `unsupported`: the layout has no down concept (Flyway without U files, Prisma, plain SQL). */
export const Down = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("present"),
    ops: z.array(Operation),
    /** file holding the down when it is not the up file (golang-migrate .down.sql, Flyway U, sqitch revert) */
    path: z.string().optional(),
    /** computed by the framework (Rails `change`, Django operations) rather than written by hand */
    derived: z.boolean().default(false),
  }),
  z.object({
    status: z.literal("missing"),
    reason: z.string(),
    /** where the down is missing, when that is not the migration's first statement (a Liquibase changeset) */
    line: z.number().int().positive().optional(),
  }),
  z.object({
    status: z.literal("empty"),
    loc: SourceRange.optional(),
    path: z.string().optional(),
    /** the author's comment (or docstring) in the empty down that says why it is empty (adapters/deliberate-down.ts) */
    why: z.object({ line: z.number().int().positive(), text: z.string() }).optional(),
    /** the author's words in the empty down that declare the migration one-way (`# irreversible`), however short (adapters/deliberate-down.ts) */
    oneWay: z.object({ line: z.number().int().positive(), text: z.string() }).optional(),
  }),
  z.object({
    status: z.literal("irreversible"),
    loc: SourceRange.optional(),
    reason: z.string(),
    /** the later operations that block the rollback too (Django: each RunPython / RunSQL without a reverse; `loc` is the first) */
    alsoAt: z.array(SourceRange).optional(),
    /**
     * The framework does not refuse the rollback: it runs the code at `loc` again instead of undoing it (Rails'
     * command recorder never sees data code in `change`). No way back for it, but no raise either.
     */
    rerun: z.boolean().optional(),
    /**
     * the re-run code renames one record's value (`Setting.find_by(name: 'a')&.update_attribute(:name, 'b')`): run
     * again it finds nothing, but the rollback leaves the new name. The Ruby statement that renames it back
     */
    undo: z.string().optional(),
    /** with `rerun`, when `change` holds several: every data step Rails runs again, in order (`loc` is the one reported) */
    rerunAt: z.array(SourceRange).optional(),
    /**
     * The framework runs nothing on rollback and reports the migration reverted (Rails: a class with `up` and no
     * `down`): the up's changes stay, the version is gone, and the next migrate runs the up again over them.
     */
    silent: z.boolean().optional(),
    /** the up only reads records and enqueues jobs (adapters/rails/enqueues-only.ts): it writes nothing a rollback would leave behind */
    enqueuesOnly: z.boolean().optional(),
    /**
     * the migration's own down raises before undoing anything (Rails' `raise ActiveRecord::IrreversibleMigration`,
     * an Alembic downgrade() whose first statement raises any exception): the author's statement
     */
    declared: z.boolean().optional(),
    /** the author's comments or docstring in that down, as one line (anitya's "No-op, as project works fine with the old version scheme.") */
    said: z.object({ line: z.number().int().positive(), text: z.string() }).optional(),
  }),
  z.object({ status: z.literal("unsupported"), reason: z.string() }),
]);
export type Down = z.infer<typeof Down>;

/** `-- migguard:ignore RULE reason` (or `# migguard:ignore ...`): silences RULE on the next statement. */
export const Waiver = z.object({
  line: z.number().int().positive(),
  rules: z.array(z.string()),
  reason: z.string().default(""),
  /** migguard:ignore-file: applies to the whole file */
  wholeFile: z.boolean().default(false),
  /**
   * another linter's waiver as written (`atlas:nolint DS103`, `squawk-ignore ban-drop-column`, `IgnoreMigration()`):
   * its findings become notes instead of being silenced, as it gives no reason. `rules` are migguard's, "*" for all
   */
  peer: z.string().optional(),
  /** the last line it covers, when it covers lines rather than a statement (RuboCop's `rubocop:disable` ... `rubocop:enable`) */
  endLine: z.number().int().positive().optional(),
});
export type Waiver = z.infer<typeof Waiver>;

export const ParseProblem = z.object({
  line: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  message: z.string(),
  /** file the problem is in, when it is not the migration's own path (a .down.sql) */
  path: z.string().optional(),
  /** PostgreSQL's parser refused the statement and MySQL's grammar reads it whole (adapters/sql/mysql/reads-as-mysql.ts) */
  readsAsMysql: z.boolean().optional(),
});
export type ParseProblem = z.infer<typeof ParseProblem>;

/** An operation the code hides from a static reading, with the direct call when the hidden one is named literally. */
export const HiddenOperation = ParseProblem.extend({
  /** the same operation called directly, as code in the migration's language (`drop_table(:users)`) */
  fix: z.string().optional(),
});
export type HiddenOperation = z.infer<typeof HiddenOperation>;

/** `revision = "b2"`, `down_revision = ("a1", "a2")`, `depends_on`, `branch_labels`: what must run before it. */
export const RevisionLink = z.object({
  id: z.string(),
  /** down_revision (a tuple for a merge) and depends_on: revision ids, or branch labels */
  after: z.array(z.string()),
  branchLabels: z.array(z.string()).default([]),
});
export type RevisionLink = z.infer<typeof RevisionLink>;

/** The author's comment that says a table is small (adapters/size-notes.ts), with the lines it spans. */
export const SizeNote = z.object({
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
  text: z.string(),
  /**
   * in the weaker words ("the table is likely small or empty", "we don't have many data", "less than 100 rows"),
   * which often name no table: it speaks only for a table it names, or for the one table its migration changes
   */
  narrow: z.boolean().optional(),
  /** the words say the table holds no rows yet ("assumes there is no existing data in the table"): a statement that fails on rows meets none */
  empty: z.boolean().optional(),
});
export type SizeNote = z.infer<typeof SizeNote>;
/** A `#` comment of a Python migration as tree-sitter reads it: its first line and its text, marker included. */
export const SourceComment = z.object({ line: z.number().int().positive(), text: z.string() });
export type SourceComment = z.infer<typeof SourceComment>;
/** The same word in the change's own text (a pull request's title, a commit message): where it was written, and the sentence. */
export const ChangeSizeNote = z.object({ from: z.string(), text: z.string() });
export type ChangeSizeNote = z.infer<typeof ChangeSizeNote>;

export const Migration = z.object({
  path: z.string(),
  framework: Framework,
  layout: Layout,
  version: z.string().optional(),
  name: z.string().optional(),
  /** the runner wraps the whole migration in one transaction (Rails default, Django atomic, goose, dbmate, Flyway) */
  transactional: z.boolean(),
  /** gobuffalo/pop (popx) runs this file, though its name is golang-migrate's (a dialect-less file of a pop folder) */
  pop: z.boolean().optional(),
  /** diesel: the folder's metadata.toml says `run_in_transaction = false`, so diesel sends up.sql as one query with no BEGIN */
  noRunnerTransaction: z.boolean().optional(),
  /** plain SQL run by the postgres-migrations npm package: a transaction per file unless `-- postgres-migrations disable-transaction` */
  postgresMigrations: z.boolean().optional(),
  /** golang-migrate's names run by sqlx's migrator: a transaction per file unless its first line is `-- no-transaction` */
  sqlx: z.boolean().optional(),
  /** ActiveRecord::Migration[7.0] -> "7.0" */
  frameworkVersion: z.string().optional(),
  /** Rails: the project's own base class the migration subclasses (`Caseflow::Migration`), which a rewritten class line keeps */
  railsBase: z.string().optional(),
  /**
   * Rails: the version the project runs now (Gemfile.lock's activerecord, else the newest `Migration[x]` of the
   * folder), which new migration code must run on (analyze sets it; rules/support/rails-version.ts reads it)
   */
  railsRuns: z.string().optional(),
  /** the database of the migration's folder (engine/database/decide.ts says how it was told) */
  database: Database.default("postgresql"),
  /** the server version when the config gives it (`database_version`), e.g. "8.0.29" or "10.11" */
  databaseVersion: z.string().optional(),
  /**
   * the other databases the project supports (decide.ts withSupportedDatabases): a fix in `database`'s own syntax
   * runs there only, behind the framework's check of the connection, and leaves these the operation as written
   */
  alsoRunsOn: z.array(Database).optional(),
  up: z.array(Operation),
  down: Down,
  /**
   * a squashed migration (Django's `replaces`): how many migrations it stands for. Django runs it only on a
   * database that applied none of them, a new one once they are gone from every deployment
   */
  squashes: z.number().int().nonnegative().default(0),
  waivers: z.array(Waiver).default([]),
  /** comments that say a table is small: a lock finding on the statement they sit on or above (or anywhere, as the header) is a note */
  sizeNotes: z.array(SizeNote).default([]),
  syntaxErrors: z.array(ParseProblem).default([]),
  /** parts nested deeper than migguard follows (see limits.ts): not checked, reported as `too-complex` */
  tooComplex: z.array(ParseProblem).default([]),
  /** operations the code hides from a static reading (send, eval, getattr, SQL built at run time): `hidden-operation` */
  hidden: z.array(HiddenOperation).default([]),
  /** adapter remarks that are not hazards (an unknown helper call, a skipped construct) */
  notes: z.array(ParseProblem).default([]),
  /** an Alembic revision's place in its graph, when the file says it (revision-order.ts orders a folder by it) */
  revision: RevisionLink.optional(),
  /** the file's text as read (analyze sets it): fixes that rewrite the whole migration slice it by the operations' lines */
  source: z.string().optional(),
  /**
   * Django: the file's comments, read by the adapter's parse (rules that weigh the author's words, as
   * runpython-model-import's stated choice, read them here rather than parse the file again)
   */
  comments: z.array(SourceComment).optional(),
  /**
   * it ran on the database the project had before it moved to PostgreSQL (database-switch.ts), which is gone: the
   * sentence that says so. Its lock and running-code hazards cannot happen again, so they are notes.
   */
  ranOnOldDatabase: z.string().optional(),
  /** Rails: the methods the class defines, `change` or `up` and `down` (a fix that rewrites the migration keeps its form) */
  railsForm: z.enum(["change", "up_down"]).optional(),
  /**
   * Django: `initial = True`, one of the migrations makemigrations writes together for an app's first models (split
   * in parts when they reference each other): a new install applies them together
   */
  initial: z.boolean().optional(),
  /**
   * when the framework's generator wrote the migration, by the header it writes (Django's makemigrations:
   * `# Generated by Django 4.2.7 on 2024-01-18 10:25`; drizzle-kit's journal: the entry's `when`), ISO 8601: the
   * migration's date where its version has none
   */
  generatedOn: z.string().optional(),
  /** Django: the migrations of its own app it depends on, by name (`dependencies`): the ones that ran just before it */
  dependsOn: z.array(z.string()).optional(),
  /** Django: the migrations of other apps it depends on (`dependencies`), by app label and name: they ran before it */
  djangoAppDependencies: z.array(z.object({ app: z.string(), name: z.string() })).optional(),
  /**
   * Django: what the settings modules of its project install (INSTALLED_APPS as written, those modules, and whether
   * they were read whole: repository/django-uninstalled-apps.ts): an app label none installs has no tables Django keeps;
   * `testOnly`: the test settings modules that alone install its own app (django-test-apps.ts)
   */
  djangoInstalledApps: z.object({ entries: z.array(z.string()), settings: z.array(z.string()), exact: z.boolean(), testOnly: z.array(z.string()).optional() }).optional(),
  /** Django: the migrations of its own app a squashed migration replaces (`replaces`), by name: the graph knows them as it */
  djangoReplaces: z.array(z.string()).optional(),
  /**
   * Django: the primary key columns of its app's tables as the migration starts, by lower-case table name, from the
   * app's model state (every earlier migration of the app, squashed ones too): what a fix keys a backup by
   */
  djangoTableKeys: z.record(z.string(), z.array(z.string())).optional(),
  /** Django: the app label its app is known by (an AppConfig's own `label`, read from the migrations' dependencies), when not the folder's name */
  djangoLabel: z.string().optional(),
  /**
   * Alembic: the parameters env.py passes to `upgrade()`/`downgrade()` when the revisions take some (Quay's
   * `op, tables, tester`); fixes that write those functions keep them
   */
  alembicParameters: z.string().optional(),
  /** Alembic: how env.py runs the revisions of one upgrade (database/alembic-env.ts); unknown without env.py */
  alembicTransactions: z
    .object({
      /** env.py that says it */
      path: z.string(),
      /** every revision of one upgrade shares one transaction; undefined when a computed `transaction_per_migration=` decides */
      shared: z.boolean().optional(),
      /** a `**kwargs` passed to context.configure may still set the flag (Flask-Migrate's `configure_args`) */
      splat: z.string().optional(),
      /**
       * `target_metadata=` as written, when not None: Alembic's op.create_* calls name their constraints by its
       * naming_convention (a `ck_%(table_name)s_%(constraint_name)s` makes "valid_picture" ck_users_valid_picture)
       */
      targetMetadata: z.string().optional(),
      /**
       * env.py executes on its connection before context.configure: a transaction Alembic did not begin, so
       * autocommit_block() asserts (database/alembic-external-transaction.ts)
       */
      external: z
        .object({
          /** env.py that says it */
          path: z.string(),
          /** the line of the execute that begins the transaction */
          line: z.number().int().positive(),
          /** the connection's name as env.py writes it */
          connection: z.string(),
          /**
           * the `begin()` call env.py begins the transaction with, as written (funnel's `conn.begin()`, a
           * `with engine.begin() as connection:` around configure): env.py holds that Transaction and commits it after
           * the last revision, so no revision can end it (a commit makes env.py's own commit fail: "This transaction is
           * inactive"); absent when an execute autobegins it (SQLAlchemy 2.0), which a revision may commit
           */
          begun: z.string().optional(),
        })
        .optional(),
      /**
       * env.py creates its engine with `future=True` (create_engine, engine_from_config): SQLAlchemy 1.4 then behaves as
       * 2.0 does, a statement autobegins a transaction and the connection has commit(), whatever version the project pins
       */
      futureEngine: z.literal(true).optional(),
      /**
       * env.py gives the connection it configures `isolation_level="AUTOCOMMIT"` (privacyidea's
       * `connection.execution_options(isolation_level="AUTOCOMMIT")`): context.begin_transaction() begins no real
       * transaction, every statement of a revision commits on its own. `line`: that call's line
       */
      autocommit: z.object({ path: z.string(), line: z.number().int().positive() }).optional(),
    })
    .optional(),
});
export type Migration = z.infer<typeof Migration>;
export type MigrationInput = z.input<typeof Migration>;

/** What users see, in every output. The JSON contract is exactly these fields. */
export const Finding = z.object({
  path: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
  rule: z.string(),
  category: Category,
  severity: Severity,
  message: z.string(),
  fix: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** A finding plus what reports need but the JSON contract does not carry. */
export const ReportedFinding = Finding.extend({
  /** normalised statement text: the stable part of a review-comment fingerprint */
  statement: z.string().default(""),
  /** more lines for humans (usages of a dropped column, lock details) */
  details: z.array(z.string()).default([]),
});
export type ReportedFinding = z.infer<typeof ReportedFinding>;

/** A file given to the engine. Content is text; binary detection happens before parsing. */
export const SourceFile = z.object({ path: z.string(), content: z.string() });
export type SourceFile = z.infer<typeof SourceFile>;
