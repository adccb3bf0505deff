/**
 * A type change without the rewrite under the lock, every step as code: a column of the new type beside the old one,
 * kept converted by a trigger while the code writes the old one; the rows converted in batches outside a
 * transaction; then the swap in one short transaction: the old column's NOT NULL through a CHECK validated first
 * (so SET NOT NULL reads it instead of the table), the trigger dropped, the old column dropped and the new one
 * renamed into its place, with the old default converted as ALTER TYPE would have. The conversion is the
 * migration's own USING (or the cast ALTER TYPE does without one).
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { carriedStatement, type FixSteps, type MigrationStep } from "../support/fix-steps.js";
import { derivedName, ident, sqlString, sym } from "../support/fix.js";
import { alembicTable, pythonString, rubyString } from "../support/embed-sql.js";
import { saType, sqlalchemy2 } from "../support/column-code.js";
import { sourceImports } from "../support/next-migration.js";
import { calleeOf, keywordText, keywordTruthy, withKeyword, withoutKeyword } from "../support/python-call.js";
import { alembicBatchedFill, djangoBatchedFillFunction, railsBatchedFill, sqlBatchedFill, fillRunnerOf, sqlFillUnderRunnerTransaction, type BatchedFill } from "../support/batched-fill.js";
import { createdIndexName, outOfBandNamedIndexFix } from "../support/out-of-band-index.js";
import { columnSyncSql, dropColumnSyncSql } from "../support/column-sync.js";
import { railsType } from "../support/rails-fix.js";
import { rebuiltKeys, type RebuiltKeys } from "./rebuilt-keys.js";
import { catalogDefaultSql } from "./catalog-default.js";
import { catalogNotNullCheckSql, catalogNotNullSwapSql } from "./catalog-not-null.js";
import { oldTypeOf, typeSwapRenamesOf } from "./type-swap-renames.js";
import { pgDistinct } from "../support/pg-distinct.js";
import { asOneElement, castsTextToArray } from "../support/text-to-array.js";
import { djangoIndexName } from "../../adapters/python/django-foreign-key-sql.js";
import { indexedByDefault } from "../../adapters/python/django-default-index.js";
import { djangoLikeOpclass } from "../support/django-like-index.js";
import { serialSequence } from "../support/serial-sequence.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

/** The types a sequence numbers (an identity column's, a serial's default converted to them), by canonical name (types.ts typeRef). */
const INTEGER_TYPES = new Set(["smallint", "integer", "bigint"]);

type AlterColumnType = OperationOf<"alter_column_type">;

interface SwapSql {
  tmp: string;
  add: string;
  sync: string;
  check?: string;
  fill: BatchedFill;
  /** the swap, in order: VALIDATE / SET NOT NULL / DROP CONSTRAINT and the trigger dropped; then keys.beforeDrop */
  before: string[];
  /** then DROP COLUMN, RENAME, keys.afterRename and `after` (the old default converted) */
  drop: string;
  rename: string;
  after: string[];
  /** the old column's keys and indexes, rebuilt on the new one (rebuilt-keys.ts) */
  keys: RebuiltKeys;
  /** the migration's statements that run last in the swap, after every column's (an enum swap's type renames, type-swap-renames.ts) */
  moved: string[];
  /** their lines in the migration */
  movedLines: number[];
  /** what they are (type-swap-renames.ts) */
  movedWhat?: string;
}

/** A Django field that is its model's primary key: primary_key=True, or an auto field (AutoField, BigAutoField, SmallAutoField), which Django allows only as one. */
function declaresPrimaryKey(def: string | undefined): boolean {
  if (!def) return false;
  return keywordText(def, "primary_key") === "True" || /(?:^|\.)(?:Small|Big)?AutoField$/.test(calleeOf(def) ?? "");
}

function swapSql(ctx: RuleContext, op: AlterColumnType): SwapSql {
  const tmp = `${op.column}_new`;
  const definition = ctx.repository.columnDefinition(op.table, op.column);
  // the earlier migrations' default, unless this migration sets or drops it itself (then that is what the column keeps)
  const ownDefaults = ctx.migration.up.filter((o) => (o.kind === "set_default" || o.kind === "drop_default") && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const ownDefault = ownDefaults.length > 0;
  const previousDefault = ownDefault ? undefined : definition?.default;
  // the default this migration leaves on the column: its own SET DEFAULT stays in this migration and goes with the old
  // column at the swap (formbricks' enum swaps drop it, change the type, then SET DEFAULT 'draft' again), so the swap sets
  // it on the renamed one: as written when it follows the type change, converted as ALTER TYPE would when it precedes it
  const lastOwn = ownDefaults.at(-1);
  const keptDefault = lastOwn?.kind === "set_default" ? { expr: lastOwn.default.expr, converted: ctx.migration.up.indexOf(lastOwn) < ctx.migration.up.indexOf(op) } : undefined;
  const keys = rebuiltKeys(ctx, op.table, op.column, tmp, op.type.name, ctx.framework === "django" && declaresPrimaryKey(op.ormFieldDef));
  if (ctx.framework === "django") djangoUniqueKey(op, tmp, keys);
  if (ctx.framework === "django") djangoFieldIndexes(op, tmp, keys, definition?.frameworkIndex);
  sameMigrationUniqueKeys(ctx, op, tmp, keys);
  const dropsNotNull = ctx.migration.up.some((o) => o.kind === "drop_not_null" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  // Django's field as written says whether the column is NOT NULL after the migration (no null=True), whatever the history shows
  const djangoNotNull = ctx.framework === "django" && op.ormFieldDef !== undefined && keywordTruthy(op.ormFieldDef, "null") !== true;
  const notNull = (definition?.notNull || keys.inPrimaryKey || djangoNotNull) && !dropsNotNull;
  // no history of the column: its NOT NULL read from the catalog (Django's field as written says it instead)
  const notNullUnknown = !definition && !keys.inPrimaryKey && !dropsNotNull && ctx.framework !== "django";
  const renames = typeSwapRenamesOf(ctx.migration.up, op, oldTypeOf(ctx, op), ctx.framework === "alembic");
  // an enum the migration creates takes another enum's value only through text (there is no cast between enums)
  const createdType = ctx.migration.up.some((o) => o.kind === "create_object" && o.objectType === "type" && nameKey(o.name) === nameKey(op.type.name));
  const cast = `${createdType ? "::text" : ""}::${op.type.text}`;
  const [t, c, n] = [ident(op.table), ident(op.column), ident(tmp)];
  const base = op.table.split(".").pop() ?? op.table;
  // Without USING, ALTER TYPE converts as an assignment does, which raises on a value that does not fit (varchar(n),
  // char(n), bit(n), an integer out of range); an explicit cast (c::varchar(63)) would cut it silently instead. So the
  // trigger and the fill assign the old column to the new one, and only the test of rows still to do casts.
  // Django's schema editor writes USING col::type whenever the field's data type changes (varchar to varchar[]: no
  // assignment converts a scalar to an array): the trigger and the fill convert with that same cast
  const djangoCast = ctx.framework === "django" && !op.using && djangoTypeChanges(op);
  // text to an array of it: Django's cast reads each value as an array literal and stops at the first that is not one
  // (narrowing-type-change reports it); the copy keeps each value as the array's one element instead
  const wrapped = djangoCast && castsTextToArray(op.fromType ?? definition?.type, op.type);
  const converted = op.using ? `(${op.using})` : wrapped ? asOneElement(c, op.type) : `${c}::${op.type.text}`;
  const assigned = op.using || djangoCast ? converted : c;
  // the trigger reads the row through a subquery named like the table, so the USING reads NEW as written (col or table.col)
  const convertNew = op.using ? `(SELECT ${converted} FROM (SELECT NEW.*) AS ${ident(base)})` : wrapped ? asOneElement(`NEW.${c}`, op.type) : djangoCast ? `NEW.${c}::${op.type.text}` : `NEW.${c}`;
  const check = derivedName(op.table, [tmp], "not_null");
  // a default the migrations do not show (a table made outside them, a key the framework declares): read from the
  // catalog in the swap. Django keeps none in the database; its auto fields get their numbering in identityAfter.
  // The numbering of a key too, when its sequence's name is not ours to write: an identity column (the new column made
  // one, going on from the old sequence), a serial whose <table>_<column>_seq PostgreSQL would have shortened, and a
  // Django key the migration changes in SQL (RunSQL: otm-core's treemap_audit.id), an AutoField made serial or identity
  // by whichever Django created the table. DROP COLUMN takes the sequence, and without this the inserts after the swap fail.
  const numbering =
    definition?.generated === "identity" ||
    (definition?.serial === true && !serialSequence(op.table, op.column)) ||
    (ctx.framework === "django" && !djangoAutoField(op) && (!definition || definition.primaryKey) && !op.type.array && INTEGER_TYPES.has(op.type.name));
  const defaultUnknown =
    !ownDefault && (numbering || (!definition?.default && !definition?.serial && !definition?.generated && ctx.framework !== "django" && (!definition || (definition.primaryKey && ctx.framework !== "sql"))));
  // the zone the migration set before the change, when the conversion reads it (text or timestamp to timestamptz and
  // back): the trigger and the fill convert in it too, not in the zone of whatever session writes or fills
  const timeZone = setTimeZone(ctx, op);
  const sync = { table: op.table, from: op.column, to: tmp, convert: convertNew, postgresVersion: ctx.postgresVersion, ...(timeZone ? { timeZone } : {}) };
  return {
    tmp,
    add: `ALTER TABLE ${t} ADD COLUMN ${n} ${op.type.text};`,
    sync: columnSyncSql(sync),
    check: notNull ? `ALTER TABLE ${t} ADD CONSTRAINT ${ident(check)} CHECK (${n} IS NOT NULL) NOT VALID;` : notNullUnknown ? catalogNotNullCheckSql(op.table, op.column, tmp, check) : undefined,
    fill: { table: op.table, assignments: `${n} = ${assigned}`, pending: pgDistinct(n, converted, op.type), ...(timeZone ? { timeZone } : {}) },
    before: [
      ...(notNull ? [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};`, `ALTER TABLE ${t} ALTER COLUMN ${n} SET NOT NULL;`, `ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`] : []),
      ...(notNullUnknown ? [catalogNotNullSwapSql(op.table, tmp, check)] : []),
      ...dropColumnSyncSql(sync).split("\n"),
      ...(defaultUnknown ? [catalogDefaultSql(op.table, op.column, tmp, op.type.text, ctx.postgresVersion, createdType)] : []),
    ],
    drop: `ALTER TABLE ${t} DROP COLUMN ${c};`,
    rename: `ALTER TABLE ${t} RENAME COLUMN ${n} TO ${c};`,
    // Django keeps no default in the database (its defaults are Python's); a serial's default is its sequence's, moved in keys
    after: [
      ...(previousDefault && ctx.framework !== "django" && !definition?.serial ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT (${previousDefault.expr})${cast};`] : []),
      ...(keptDefault && ctx.framework !== "django" ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${keptDefault.converted ? `(${keptDefault.expr})${cast}` : keptDefault.expr};`] : []),
      ...(djangoAutoField(op) ? identityAfter(op.table, op.column, ctx.postgresVersion) : []),
    ],
    keys,
    moved: renames?.sql ?? [],
    movedLines: renames?.lines ?? [],
    movedWhat: renames?.what,
  };
}

/** Types whose conversion to or from another reads the session's TimeZone. */
const ZONED = /^(timestamptz|timestamp with time zone|timetz|time with time zone)$/i;

/**
 * The TimeZone a SET TIME ZONE of the migration itself gives the type change, when the change converts to or from a
 * zoned type (not the framework's connection default: the trigger and the fill run on such connections too).
 */
function setTimeZone(ctx: RuleContext, op: AlterColumnType): string | undefined {
  const index = ctx.migration.up.indexOf(op);
  const setHere = ctx.migration.up.slice(0, index).some((o) => o.kind === "set_setting" && nameKey(o.name) === "timezone");
  if (!setHere) return undefined;
  const zoned = ZONED.test(op.type.name) || (op.fromType !== undefined && ZONED.test(op.fromType.name));
  return zoned ? ctx.facts.timeZoneAt(index) : undefined;
}

/** The field's data type changes in Django's sense (another type, or to or from an array; not a length): Django then casts. */
function djangoTypeChanges(op: AlterColumnType): boolean {
  const from = op.fromType;
  return from !== undefined && (from.array !== op.type.array || nameKey(from.name) !== nameKey(op.type.name));
}

/**
 * A UNIQUE constraint or unique index the same migration adds over the column after changing its type: it runs on
 * the old column, which the swap drops, and would go with it. Built over the new column CONCURRENTLY before the
 * swap, and given its name after it (a constraint attached USING the index, an index renamed).
 */
function sameMigrationUniqueKeys(ctx: RuleContext, op: AlterColumnType, tmp: string, keys: RebuiltKeys): void {
  const up = ctx.migration.up;
  const column = nameKey(op.column);
  for (const o of up.slice(up.indexOf(op) + 1)) {
    const unique = (o.kind === "add_constraint" && o.constraint === "unique" && !o.usingIndex) || (o.kind === "add_index" && o.unique && !o.partial && (o.referencedColumns.length === 0 || o.referencedColumns.every((c) => o.columns.some((k) => nameKey(k) === nameKey(c)))));
    if (!unique || nameKey(o.table) !== nameKey(op.table) || !o.columns.some((c) => nameKey(c) === column)) continue;
    const name = o.name;
    const built = name ? `${name}_new` : undefined;
    if (!name || !built || Buffer.byteLength(built) > 63) {
      keys.unknown.push(`line ${o.loc.line} adds a unique key over ${op.column}, which goes with the old column: build it again over ${tmp} CONCURRENTLY before the swap`);
      continue;
    }
    const columns = o.columns.map((c) => ident(nameKey(c) === column ? tmp : c)).join(", ");
    keys.indexes.push(`CREATE UNIQUE INDEX CONCURRENTLY ${ident(built)} ON ${ident(op.table)} (${columns});`);
    keys.afterRename.push(o.kind === "add_constraint" ? `ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(name)} UNIQUE USING INDEX ${ident(built)};` : `ALTER INDEX ${ident(built)} RENAME TO ${ident(name)};`);
  }
}

/** Django's auto fields: the database numbers the rows (a serial before Django 4.1, an identity since) */
const AUTO_FIELDS = new Set(["AutoField", "BigAutoField", "SmallAutoField"]);

const djangoAutoField = (op: AlterColumnType) => op.ormFieldDef !== undefined && AUTO_FIELDS.has(calleeOf(op.ormFieldDef)?.split(".").pop() ?? "");

/**
 * The numbering of a Django auto field, which DROP COLUMN takes with the old column (its serial sequence or its
 * identity, whichever the Django of the table's creation made): the new column made an identity, as Django 4.1+
 * creates one, that goes on after the highest value. Before PostgreSQL 10 there is no identity (nor a Django that
 * makes one): a serial's sequence, as Django made it there, named as PostgreSQL names it.
 */
function identityAfter(table: string, column: string, postgresVersion: number): string[] {
  const [t, c] = [ident(table), ident(column)];
  const sequence = serialSequence(table, column) ?? derivedName(table, [column], "seq");
  if (!hasSyntax(postgresVersion, "identityColumns"))
    return [
      `CREATE SEQUENCE ${ident(sequence)} OWNED BY ${t}.${c};`,
      `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT nextval(${sqlString(ident(sequence))}::regclass);`,
      `SELECT setval(${sqlString(ident(sequence))}, (SELECT coalesce(max(${c}), 0) + 1 FROM ${t}), false);`,
    ];
  return [
    `ALTER TABLE ${t} ALTER COLUMN ${c} ADD GENERATED BY DEFAULT AS IDENTITY;`,
    `SELECT setval(pg_get_serial_sequence(${sqlString(table)}, ${sqlString(column)}), (SELECT coalesce(max(${c}), 0) + 1 FROM ${t}), false);`,
  ];
}

/**
 * Django's unique=True as written, when the history gave no unique key to rebuild (Django's CreateModel is not SQL):
 * the new field is added without it (newFieldDef), and DROP COLUMN takes the old column's, so the swap attaches one
 * built CONCURRENTLY beforehand. Django finds unique constraints by introspection, so the name is PostgreSQL's own.
 */
function djangoUniqueKey(op: AlterColumnType, tmp: string, keys: RebuiltKeys): void {
  if (!op.ormFieldDef || keywordText(op.ormFieldDef, "unique") !== "True" || keys.indexes.some((i) => /^CREATE UNIQUE INDEX/i.test(i))) return;
  const base = op.table.split(".").pop() ?? op.table;
  const name = `${base}_${op.column}_key`;
  if (Buffer.byteLength(`${name}_new`) > 63) {
    keys.unknown.push(`${op.column} is unique=True: build a unique index over ${tmp} CONCURRENTLY before the swap and attach it (ADD CONSTRAINT ... UNIQUE USING INDEX) after the rename`);
    return;
  }
  keys.indexes.push(`CREATE UNIQUE INDEX CONCURRENTLY ${ident(`${name}_new`)} ON ${ident(op.table)} (${ident(tmp)});`);
  keys.afterRename.push(`ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(name)} UNIQUE USING INDEX ${ident(`${name}_new`)};`);
}

/**
 * What a Django field as written has Django index by itself: db_index=True, a ForeignKey or SlugField unless db_index=False
 * (unique=True and primary_key=True make their own index instead, so no db_index one).
 */
function djangoFieldIndexing(def: string): { index: boolean; unique: boolean } {
  const unique = keywordTruthy(def, "unique") === true || keywordTruthy(def, "primary_key") === true;
  const dbIndex = keywordTruthy(def, "db_index");
  return { index: !unique && (dbIndex ?? indexedByDefault(calleeOf(def) ?? "")), unique };
}

/**
 * The index Django adds for db_index=True (a ForeignKey's by default: also the columns that reference a converted
 * key), which the earlier migrations do not show as SQL (Django's CreateModel / AddField build it) and DROP COLUMN
 * takes with the old column: built CONCURRENTLY over the new column with the other indexes (their own non-atomic
 * migration, before the swap) and renamed to Django's name after it. The field as written decides when the migration
 * has it (an AlterField that sets or drops db_index); else the earlier migrations' index (`previous`). On a varchar or
 * text column Django adds a `_like` index too (varchar_pattern_ops / text_pattern_ops), also for unique=True.
 */
function djangoFieldIndexes(op: AlterColumnType, tmp: string, keys: RebuiltKeys, previous: string | undefined): void {
  const table = op.table.split(".").pop() ?? op.table;
  const own = op.ormFieldDef ? djangoFieldIndexing(op.ormFieldDef) : undefined;
  const name = own ? (own.index && !op.table.includes(".") ? djangoIndexName(table, [op.column], "") : undefined) : previous;
  const opclass = own && (own.index || own.unique) && !op.table.includes(".") ? djangoLikeOpclass(op.type) : undefined;
  const builds = [...(name ? [{ name, opclass: "" }] : []), ...(opclass ? [{ name: djangoIndexName(table, [op.column], "_like"), opclass: ` ${opclass}` }] : [])];
  for (const index of builds) {
    if (keys.afterRename.some((s) => s.endsWith(` RENAME TO ${ident(index.name)};`))) continue;
    const temporary = `${index.name}_new`;
    if (Buffer.byteLength(temporary) > 63) {
      keys.unknown.push(`Django's index ${index.name} on ${op.column} goes with the old column: build it again over ${tmp} CONCURRENTLY before the swap`);
      continue;
    }
    keys.indexes.push(`CREATE INDEX CONCURRENTLY ${ident(temporary)} ON ${ident(op.table)} (${ident(tmp)}${index.opclass});`);
    keys.afterRename.push(`ALTER INDEX ${ident(temporary)} RENAME TO ${ident(index.name)};`);
  }
}

const SWAP_NOTE = "the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step";

/** One column the swap converts: the operation (the migration's own, or one key-group.ts derives) and its SQL. */
interface Member {
  op: AlterColumnType;
  s: SwapSql;
}

const unique = (lines: readonly string[]) => [...new Set(lines)];

/**
 * Every column's swap in one transaction, phase by phase: what each drops first (its CHECK turned NOT NULL, its
 * trigger, the keys that reference it), then every DROP COLUMN, every RENAME, and only then the keys added back, the
 * referenced key's first: a FOREIGN KEY between two swapped columns is added once both have their new type. A key
 * two columns share (dropped with one, added back with the other) is written once.
 */
function swapStatements(members: readonly Member[]): string[] {
  return [
    ...members.flatMap((m) => m.s.before),
    ...unique(members.flatMap((m) => m.s.keys.beforeDrop)),
    ...members.map((m) => m.s.drop),
    ...members.map((m) => m.s.rename),
    ...unique(members.flatMap((m) => [...m.s.keys.afterRename, ...m.s.after])),
    // once, after every column: columns of one type that the migration then drops or renames are converted in one plan
    ...unique(members.flatMap((m) => m.s.moved)),
  ];
}

/** The keys of every column: indexes built before the swap, constraints validated after it, what the history does not tell. */
function mergedKeys(members: readonly Member[], notes: readonly string[]): Pick<RebuiltKeys, "indexes" | "validate" | "unknown"> {
  return {
    indexes: unique(members.flatMap((m) => m.s.keys.indexes)),
    validate: unique(members.flatMap((m) => m.s.keys.validate)),
    unknown: unique([...notes, ...members.flatMap((m) => m.s.keys.unknown)]),
  };
}

/** The comment lines of what the history does not tell, in the language's comment. */
const unknownLines = (keys: Pick<RebuiltKeys, "unknown">, comment: string) => keys.unknown.map((u) => `${comment} ${u}`);

/**
 * The steps around the swap: each index over the new columns built CONCURRENTLY before it (one file each where the
 * runner sends a file as one query, since CONCURRENTLY cannot run in the transaction a multi-statement query is),
 * and after it the validation of the keys added back NOT VALID.
 */
function keySteps(ctx: RuleContext, op: AlterColumnType, keys: Pick<RebuiltKeys, "indexes" | "validate">, wrap: (sql: string) => string, validateDown?: readonly string[]): { indexes: MigrationStep[]; validate: MigrationStep[] } {
  const onePerFile = ctx.framework === "sql" && (ctx.migration.layout === "golang-migrate" || ctx.migration.layout === "prisma");
  const groups = onePerFile ? keys.indexes.map((i) => [i]) : keys.indexes.length ? [keys.indexes] : [];
  return {
    indexes: groups.map((group, i) => ({
      name: `index ${op.table} ${op.column}_new${groups.length > 1 ? ` ${i + 1}` : ""}`,
      noTransaction: true,
      statements: group.map(wrap),
      // SQL under the project's own migrator's transaction: each index built by hand before the deploy
      ...(ctx.framework === "sql" && group.every((sql) => createdIndexName(sql)) ? { underRunnerTransaction: (runner: string) => group.map((sql) => outOfBandNamedIndexFix(sql, runner)!) } : {}),
      ...(validateDown ? { down: validateDown } : {}),
    })),
    validate: keys.validate.length ? [{ name: `validate ${op.table} ${op.column} keys`, statements: keys.validate.map(wrap), ...(validateDown ? { down: validateDown } : {}) }] : [],
  };
}

/** The first line of the code in the operation's place: what the new columns are, or what the plan converts together. */
const opening = (members: readonly Member[], notes: readonly string[], comment: string, writes: (m: Member) => string) => [
  ...movedNote(members, comment),
  ...(notes.length ? notes.map((n) => `${comment} ${n}`) : [`${comment} ${writes(members[0])}`]),
];

/** The migration's statements the swap runs instead (an enum swap's type renames): said where they are deleted. */
function movedNote(members: readonly Member[], comment: string): string[] {
  const lines = unique(members.flatMap((m) => m.s.movedLines.map(String)));
  if (!lines.length) return [];
  return [`${comment} delete line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} (${members.find((m) => m.s.movedWhat)?.s.movedWhat}) here: the column keeps its old type until the swap below, which runs ${lines.length > 1 ? "them" : "it"} after it`];
}

function sqlSteps(ctx: RuleContext, members: readonly Member[], heading: readonly string[], notes: readonly string[]): FixSteps {
  const [root] = members;
  const keys = mergedKeys(members, notes);
  const around = keySteps(ctx, root.op, keys, (sql) => sql);
  return {
    inPlace: [
      ...opening(members, heading, "--", ({ op, s }) => `${s.tmp} of the new type beside ${op.column}, kept converted by a trigger while the code writes ${op.column}:`),
      ...members.flatMap(({ s }) => [s.add, s.sync, ...(s.check ? [s.check] : [])]),
    ].join("\n"),
    steps: [
      ...members.map(({ op, s }) => ({ name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [sqlBatchedFill(s.fill, fillRunnerOf(ctx.migration), ctx.postgresVersion)], underRunnerTransaction: (runner: string) => sqlFillUnderRunnerTransaction(s.fill, runner) })),
      ...around.indexes,
      { name: `swap ${root.op.table} ${root.op.column}`, statements: [`-- ${SWAP_NOTE}`, ...unknownLines(keys, "--"), ...swapStatements(members)] },
      ...around.validate,
    ],
  };
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? `${by}${l}` : l)).join("\n");
const rubyExecute = (sql: string) => `execute ${rubyString(sql)}`;

function railsSteps(ctx: RuleContext, members: readonly Member[], heading: readonly string[], notes: readonly string[]): FixSteps {
  const [root] = members;
  const keys = mergedKeys(members, notes);
  const around = keySteps(ctx, root.op, keys, rubyExecute, ["# nothing to undo before the swap's own down"]);
  const added = ({ op, s }: Member) => [
    `add_column ${sym(op.table)}, ${sym(s.tmp)}, ${railsType(op.type)}`,
    `reversible do |dir|`,
    `  dir.up do`,
    indent(rubyExecute([s.sync, ...(s.check ? [s.check] : [])].join("\n")), "    "),
    `  end`,
    `  dir.down do`,
    indent(rubyExecute(dropColumnSyncSql({ table: op.table, to: s.tmp })), "    "),
    `  end`,
    `end`,
  ];
  return {
    inPlace: [...opening(members, heading, "#", ({ op, s }) => `${s.tmp} of the new type beside ${op.column}, kept converted by a trigger while the code writes ${op.column}:`), ...members.flatMap(added)].join("\n"),
    steps: [
      ...members.map(({ op, s }) => ({ name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [railsBatchedFill(s.fill)], down: ["# nothing to undo: the converted values stay"] })),
      ...around.indexes,
      {
        name: `swap ${root.op.table} ${root.op.column}`,
        statements: [`# ${SWAP_NOTE}`, ...unknownLines(keys, "#"), rubyExecute(swapStatements(members).join("\n"))],
        down: [`raise ActiveRecord::IrreversibleMigration, ${rubyString(`the ${members.map((m) => m.op.column).join(", ")} of the old type ${members.length > 1 ? "were" : "was"} dropped`)}`],
      },
      ...around.validate,
    ],
  };
}

const pythonExecute = (sql: string) => `op.execute(${pythonString(sql)})`;

/** The modules an sa.Column's type reads, as a revision imports them. */
const SA_MODULES: Record<string, string> = { sa: "import sqlalchemy as sa", postgresql: "from sqlalchemy.dialects import postgresql" };

/** Import lines for the modules `code` reads that the revision does not import (an autogenerated one may import only op). */
function missingImports(ctx: RuleContext, code: string): string[] {
  const own = sourceImports(ctx.migration);
  const lines = Object.entries(SA_MODULES).filter(([name]) => !own[name] && new RegExp(`\\b${name}\\.`).test(code)).map(([, line]) => line);
  return lines.length ? [`# at the top of the revision (it does not import them):`, ...lines, ``] : [];
}

function alembicSteps(ctx: RuleContext, members: readonly Member[], heading: readonly string[], notes: readonly string[]): FixSteps {
  const [root] = members;
  const keys = mergedKeys(members, notes);
  const around = keySteps(ctx, root.op, keys, pythonExecute);
  const add = ({ op, s }: Member) => {
    const type = saType(op.type, sqlalchemy2(ctx.repository));
    const t = alembicTable(op.table);
    return type ? `op.add_column(${t.name}, sa.Column(${pythonString(s.tmp)}, ${type}, nullable=True)${t.schema})` : pythonExecute(s.add.replace(/;$/, ""));
  };
  const adds = members.map(add);
  return {
    inPlace: [
      ...missingImports(ctx, adds.join("\n")),
      ...opening(members, heading, "#", ({ op, s }) => `"${s.tmp}" of the new type beside "${op.column}", kept converted by a trigger while the code writes "${op.column}":`),
      ...members.flatMap((m, i) => [adds[i], pythonExecute(m.s.sync), ...(m.s.check ? [pythonExecute(m.s.check)] : [])]),
    ].join("\n"),
    steps: [
      ...members.map(({ op, s }) => ({ name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [alembicBatchedFill(s.fill)] })),
      ...around.indexes,
      { name: `swap ${root.op.table} ${root.op.column}`, statements: [`# ${SWAP_NOTE}`, ...unknownLines(keys, "#"), pythonExecute(swapStatements(members).join("\n"))] },
      ...around.validate,
    ],
  };
}

/**
 * The Django field the swap adds beside the old one: nullable, without unique and without default. Its values come
 * from the trigger and the fill; a default would be what AddField writes into every existing row (a callable such
 * as uuid.uuid4 is called once), so with unique=True the AddField itself fails on a table of two rows. The unique
 * constraint comes back with the swap, and the state gets the field as written.
 */
function newFieldDef(def: string): string | undefined {
  const loose = withoutKeyword(withoutKeyword(def, "unique") ?? def, "default") ?? def;
  // the index Django would build under the AddField's lock is built CONCURRENTLY instead (djangoFieldIndexes)
  const unindexed = djangoFieldIndexing(def).index ? (withKeyword(loose, "db_index", "False") ?? loose) : loose;
  return withKeyword(unindexed, "null", "True");
}

const runSql = (sql: string, reverse?: string) => `migrations.RunSQL(\n    ${pythonString(sql).replace(/\n/g, "\n    ")},\n    reverse_sql=${reverse ? pythonString(reverse) : "migrations.RunSQL.noop"},\n),`;

/**
 * Django: the new field added beside the old one (nullable until the swap), the trigger in RunSQL; the fill in
 * RunPython; the swap as SQL with the state moved by RemoveField and RenameField, so models.py keeps its one field.
 * A column the migration does not alter itself (one that references the key: Django's ForeignKey takes the type of
 * the key it points to) is converted in SQL only, with no change to the state.
 */
function djangoSteps(ctx: RuleContext, members: readonly Member[], heading: readonly string[], notes: readonly string[]): FixSteps {
  const [root] = members;
  const keys = mergedKeys(members, notes);
  const around = keySteps(ctx, root.op, keys, (sql) => runSql(sql.replace(/;$/, "")));
  const parts = members.map(({ op, s }) => {
    const model = op.ormModel ?? op.table;
    const field = op.ormField ?? op.column;
    // a key's new column is added in SQL: the state holds one primary key, and AddField of an auto field would add a second
    const def = op.ormFieldDef && !s.keys.inPrimaryKey ? newFieldDef(op.ormFieldDef) : undefined;
    const addField = def
      ? `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(`${field}_new`)}, field=${def}),`
      : runSql(s.add.replace(/;$/, ""), `ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(s.tmp)}`);
    const alter = op.ormFieldDef && `        migrations.AlterField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${op.ormFieldDef.trim().replace(/\n/g, "\n        ")}),`;
    const moved = def
      ? [
          `        migrations.RemoveField(model_name=${pythonString(model)}, name=${pythonString(field)}),`,
          `        migrations.RenameField(model_name=${pythonString(model)}, old_name=${pythonString(`${field}_new`)}, new_name=${pythonString(field)}),`,
        ]
      : [];
    const stateOnly = alter ? [`migrations.SeparateDatabaseAndState(`, `    state_operations=[`, ...moved, alter, `    ],`, `),`].join("\n") : undefined;
    const fn = `fill_${op.table.split(".").pop()}_${s.tmp}`.replace(/[^a-zA-Z0-9_]/g, "_");
    const fill: MigrationStep = { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, definitions: [djangoBatchedFillFunction(fn, s.fill)], statements: [`migrations.RunPython(${fn}, migrations.RunPython.noop),`] };
    const inPlace = [addField, runSql([s.sync, ...(s.check ? [s.check] : [])].join("\n"), dropColumnSyncSql({ table: op.table, to: s.tmp }))];
    return { field, stateOnly, definitions: stateOnly ? carriedStatement(ctx.migration, op).definitions : [], fill, inPlace };
  });
  const swap: MigrationStep = {
    name: `swap ${root.op.table} ${root.op.column}`,
    definitions: unique(parts.flatMap((p) => p.definitions)),
    statements: [...unknownLines(keys, "#"), runSql([`-- ${SWAP_NOTE}`, ...swapStatements(members)].join("\n")), ...parts.flatMap((p) => (p.stateOnly ? [p.stateOnly] : []))],
  };
  return {
    inPlace: [...opening(members, heading, "#", () => `${parts[0].field}_new of the new type beside ${parts[0].field}, kept converted by a trigger while the code writes ${parts[0].field}:`), ...parts.flatMap((p) => p.inPlace)].join("\n"),
    steps: [...parts.map((p) => p.fill), ...around.indexes, swap, ...around.validate],
  };
}

/**
 * The swap of `ops`: one column, or a key and the columns that reference it (key-group.ts), converted side by side
 * and exchanged in one transaction. `heading` opens the code in the operation's place (what is converted together);
 * `notes` are what the history does not tell, said in the swap.
 */
export function swapSteps(ctx: RuleContext, ops: readonly AlterColumnType[], heading: readonly string[] = [], notes: readonly string[] = []): FixSteps {
  const members = ops.map((op) => ({ op, s: swapSql(ctx, op) }));
  switch (ctx.framework) {
    case "sql":
      return sqlSteps(ctx, members, heading, notes);
    case "rails":
      return railsSteps(ctx, members, heading, notes);
    case "alembic":
      return alembicSteps(ctx, members, heading, notes);
    case "django":
      return djangoSteps(ctx, members, heading, notes);
  }
}
