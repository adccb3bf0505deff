/**
 * Safe alternatives in Ruby for Rails migrations, shared by the rules' `rails` fix variants: the model's
 * PostgreSQL types back as Rails column types, the call that undoes an operation, and the change that makes
 * an irreversible `change` reversible, in the spirit of strong_migrations' messages.
 */
import { castExists } from "../../assignment-casts.js";
import { isModelPath } from "../../adapters/rails/model-path.js";
import { foreignKeyName } from "../../adapters/rails/rails-names.js";
import { railsForeignKeyOptions } from "./rails-foreign-key-options.js";
import type { ColumnSpec, DefaultValue, Migration, Operation, TypeRef } from "../../model.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import { dataCode, dataCodeOf, reindented } from "./data-code.js";
import { dedent, derivedName, ident, modelName, sym } from "./fix.js";
import type { FixSteps } from "./fix-steps.js";
import { isMysqlFamily } from "./databases.js";
import { nameKey } from "./facts.js";
import { concurrentIndexParts, concurrentIndexSql, deparse, parseOne } from "./sql-text.js";
import { embedSql, rubyString } from "./embed-sql.js";
import { railsIndexOptions } from "./rails-index-options.js";
import { dropConstraintOfUnknownTable } from "./constraint-of-unknown-table.js";
import { defaultNotConverted, inverseOfUp, typeBack } from "./sql-inverse.js";
import { leftOver, type DeltaEntry } from "./schema-delta.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { railsIndexSplit, type IndexBuild } from "./rails-index-split.js";
import { hasWrittenIndexGuards, withIndexGuards } from "./rails-index-guard.js";
import type { MigrationPlace } from "./next-migration.js";
import { railsMigrationClass } from "./rails-migration-names.js";
import { ignoringColumnsLines, railsAtLeast, railsMigrationSuperclass, railsModelBase, railsVersionOf, type RailsVersioned } from "./rails-version.js";

const RAILS_TYPES: Record<string, string> = {
  varchar: "string",
  text: "text",
  integer: "integer",
  smallint: "integer",
  bigint: "bigint",
  boolean: "boolean",
  timestamp: "datetime",
  timestamptz: "timestamptz",
  date: "date",
  time: "time",
  numeric: "decimal",
  "double precision": "float",
  real: "float",
  jsonb: "jsonb",
  json: "json",
  uuid: "uuid",
  bytea: "binary",
  inet: "inet",
  cidr: "cidr",
  citext: "citext",
  hstore: "hstore",
  interval: "interval",
};

/** What a Rails type stands for when nothing migguard read says it: fails loudly instead of creating a wrong column. */
export const UNKNOWN_RAILS_TYPE = ":unknown_type";

/** The comment that goes with UNKNOWN_RAILS_TYPE. */
export const unknownRailsTypeNote = (table: string, column: string): string =>
  `# migguard found no type for ${table}.${column} in db/schema.rb, db/structure.sql or the earlier migrations: put it in place of ${UNKNOWN_RAILS_TYPE}`;

/** `:string`, `:decimal, precision: 10, scale: 2`, `:string, array: true`; UNKNOWN_RAILS_TYPE when unknown */
export function railsType(type: TypeRef | undefined): string {
  if (!type) return UNKNOWN_RAILS_TYPE;
  const name = RAILS_TYPES[type.name];
  const base = name ? `:${name}` : JSON.stringify(type.text.replace(/\[\]$/, ""));
  const options: string[] = [];
  if (type.name === "varchar" && type.mods.length) options.push(`limit: ${type.mods[0]}`);
  if (type.name === "smallint") options.push("limit: 2");
  if (type.name === "numeric" && type.mods.length) options.push(`precision: ${type.mods[0]}`, ...(type.mods[1] !== undefined ? [`scale: ${type.mods[1]}`] : []));
  if (type.array) options.push("array: true");
  return [base, ...options].join(", ");
}

const list = (columns: string[]) => (columns.length === 1 ? sym(columns[0]) : `[${columns.map(sym).join(", ")}]`);

/** The column types a fix may ask for (`RuleContext.repository`), or none. */
export type TypeSource = Pick<RepositoryView, "columnType"> | undefined;

/**
 * change_column back to `before` from the up's type `now`. Where `now` has no assignment cast to `before` (text ->
 * jsonb) ALTER TYPE needs USING, and the column's default is not converted with it either: it is dropped first and
 * the default the column had before the up (`definition`, when the repository has it) set again after.
 */
export function changeColumnBackCode(
  table: string,
  column: string,
  now: TypeRef,
  before: TypeRef | undefined,
  definition: ColumnSpec | undefined,
  /** the default the column had just before the change, as Ruby ("nil" for none), and whether it has none when the down changes it back */
  defaults?: { then?: string; noneWhenUndone: boolean },
  /** the up's own USING (`change_column ..., using: "..."`), when it gives one */
  upUsing?: string,
): string {
  const defaultThen = defaults?.then;
  // the type before the up unknown (no earlier migration defines it; db/schema.rb shows the type after): the rollback stops there
  if (!before) return unknownTypeRaise(table, column, "change_column");
  const type = railsType(before);
  const back = typeBack(now, before, () => definition);
  if (!back?.needsUsing) return `change_column ${sym(table)}, ${sym(column)}, ${type}`;
  if (!arrayToJson(now, before) && castExists(now, before) === false) return noCastBack(table, column, now, before, upUsing);
  // the default the column had just before the change, as Ruby (`defaultThen`: read from this migration and the
  // history), else its definition's
  const restore =
    defaultThen !== undefined
      ? defaultThen === "nil"
        ? []
        : [`change_column_default ${sym(table)}, ${sym(column)}, ${defaultThen}`]
      : back.unknownDefault
        ? [`# if ${column} had a default before the up (the migrations do not show its definition), set it again here with change_column_default`]
        : back.restoreDefault !== undefined
          ? [`change_column_default ${sym(table)}, ${sym(column)}, ${rubyDefault(back.restoreDefault)}`]
          : [];
  return [
    ...(defaults?.noneWhenUndone ? [] : [`change_column_default ${sym(table)}, ${sym(column)}, nil  # ${defaultNotConverted(now, before)}`]),
    `change_column ${sym(table)}, ${sym(column)}, ${type}, using: ${rubyString(convertedBack(column, now, before))}`,
    ...restore,
  ].join("\n");
}

/**
 * The USING that takes a column back to `before`: a cast, except from an array to json / jsonb, which PostgreSQL
 * has no cast for ("cannot cast type character varying[] to json"): to_json makes the array a JSON array.
 */
const arrayToJson = (now: TypeRef, before: TypeRef): boolean => now.array && !before.array && (nameKey(before.name) === "json" || nameKey(before.name) === "jsonb");

/**
 * Where PostgreSQL has no cast from the up's type back (integer -> uuid: "cannot cast type integer to uuid"), no USING
 * converts the values: the down says so and stops the rollback, never a cast PostgreSQL rejects (osem 20171118113113).
 */
export function noCastBack(table: string, column: string, now: TypeRef, before: TypeRef, upUsing?: string): string {
  const upFails = upUsing === undefined && castExists(before, now) === false ? ` (the up fails there too: ${before.text} has no cast to ${now.text}, with or without USING)` : "";
  return [
    `# PostgreSQL has no cast from ${now.text} to ${before.text}: no USING computes the values ${column} had from the ${now.text} ones${upFails}.`,
    `# A way back needs a copy of ${table}.${column} kept before the up; without one the rollback stops here`,
    `raise ActiveRecord::IrreversibleMigration, ${rubyString(`${table}.${column} cannot be converted back from ${now.text} to ${before.text}: restore it from a copy kept before the up`)}`,
  ].join("\n");
}

function convertedBack(column: string, now: TypeRef, before: TypeRef): string {
  if (arrayToJson(now, before)) return `${nameKey(before.name) === "jsonb" ? "to_jsonb" : "to_json"}(${ident(column)})`;
  return `${ident(column)}::${before.text}`;
}

/**
 * The options of a column's definition a re-added column needs: its default, and NOT NULL only with that default
 * (re-adding a NOT NULL column without one fails on a table that has rows).
 */
export function removedColumnOptions(definition: ColumnSpec | undefined): string {
  if (!definition?.default) return "";
  return `${definition.notNull ? ", null: false" : ""}, default: ${rubyDefault(definition.default.expr)}`;
}

/**
 * Beside a remove_column left without a type because nothing read gives it: where migguard looked. A schema dump written
 * after the column was dropped no longer lists it, so "take it from db/schema.rb" would send nowhere.
 */
export const unknownTypeComment = (table: string, column: string): string =>
  `  # migguard found no type for ${table}.${column} in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration`;

/**
 * What a rollback runs in place of adding back (or changing back) a column whose type nothing read gives: it stops and
 * says what to write. A made-up type symbol would fail there too, with an error that names no column.
 */
export const unknownTypeRaise = (table: string, column: string, call: "add_column" | "change_column" = "add_column"): string =>
  `raise ActiveRecord::IrreversibleMigration, ${rubyString(
    call === "add_column"
      ? `migguard found no type for ${table}.${column} in the earlier migrations or the schema dump: add_column it back with the type it had`
      : `migguard found no type ${table}.${column} had before the up in the earlier migrations (the schema dump shows the type after): change_column it back to that type`,
  )}`;

/**
 * What follows the column in a remove_column: its type and options, so a rollback re-adds it; without a type nothing
 * read gives, no argument (remove_column stays irreversible) and a trailing comment that says so.
 */
export function removeColumnTail(table: string, column: string, type: TypeRef | undefined, options = ""): { args: string; note: string } {
  return type ? { args: `, ${railsType(type)}${options}`, note: "" } : { args: "", note: unknownTypeComment(table, column) };
}

/** The add_column that undoes a remove_column, or unknownTypeRaise when nothing read gives its type. */
export const addColumnBack = (table: string, column: string, type: TypeRef | undefined, options = ""): string =>
  type ? `add_column ${sym(table)}, ${sym(column)}, ${railsType(type)}${options}` : unknownTypeRaise(table, column);

/** What a removed column's type is read from: the earlier migrations and the schema dump (the reader change_column's down uses), its definition. */
export type RemovedColumnSource = TypeSource & Partial<Pick<RepositoryView, "columnDefinition">>;

/**
 * The type `op` removes its column with: the call's own, else the one the earlier migrations or the schema dump give it
 * just before (as change_column's down reads the type before), else its definition's, else the one the migration's
 * own down adds it back with (`add_column :t, :c, :date` in `def down`). Undefined when nothing read says.
 */
export function removedColumnType(types: RemovedColumnSource | undefined, migration: Migration, op: Extract<Operation, { kind: "drop_column" }>, index: number): TypeRef | undefined {
  // a down the migration writes (def down), not the one migguard derives from `change` (add_reference would be a guess of bigint)
  const inDown = () =>
    migration.railsForm === "up_down" && migration.down.status === "present"
      ? migration.down.ops.find((o): o is Extract<Operation, { kind: "add_column" }> => o.kind === "add_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column.name) === nameKey(op.column))?.column.type
      : undefined;
  return op.type ?? types?.columnType(op.table, op.column, index) ?? types?.columnDefinition?.(op.table, op.column)?.type ?? inDown();
}

/**
 * The arguments after the column a typed remove_column (or the add_column that undoes it) takes: its type and, from its
 * definition, its default (with NOT NULL, which a default lets it keep on a table with rows), so a rollback re-adds the
 * column as it was; the type unknown, no type argument and a trailing comment that says where migguard looked.
 */
export function removedColumnCall(types: RemovedColumnSource | undefined, migration: Migration, op: Extract<Operation, { kind: "drop_column" }>, index: number): string {
  const { args, note } = removeColumnTail(op.table, op.column, removedColumnType(types, migration, op, index), removedColumnOptions(types?.columnDefinition?.(op.table, op.column)));
  return `remove_column ${sym(op.table)}, ${sym(op.column)}${args}${note}`;
}

/** The Active Record model of a table: the project's own class when its model files were given, else Rails' naming convention, said in a comment. */
export function railsModel(repository: Pick<RepositoryView, "model"> | undefined, table: string): { className: string; path?: string; note?: string; opening?: string[] } {
  const found = repository?.model(table);
  if (found) return found;
  return { className: modelName(table), note: `# ${modelName(table)}: Rails' name for the model of ${table} (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)` };
}

/**
 * The model class with `body` added, opened as its file opens it (its modules and its own superclass: reopening
 * with another superclass raises TypeError). A model migguard did not read gets ApplicationRecord, and railsModel's note says so.
 */
function modelClass(model: ReturnType<typeof railsModel>, body: string[], migration?: RailsVersioned): string {
  const opening = model.opening?.length
    ? model.opening
    : [`class ${model.className} < ${railsModelBase(migration)}`];
  const indent = (depth: number) => "  ".repeat(depth);
  return [
    ...opening.map((line, depth) => `${indent(depth)}${line}`),
    ...body.map((line) => `${indent(opening.length)}${line}`),
    ...opening.map((_, depth) => `${indent(opening.length - 1 - depth)}end`),
  ].join("\n");
}

/** The Ruby that undoes one operation of an up, for a hand-written `def down`. */
export function railsUndo(op: Operation, types?: TypeSource, index?: number): string | undefined {
  switch (op.kind) {
    case "create_table":
      return `drop_table ${sym(op.table)}`;
    case "add_column":
      return `remove_column ${sym(op.table)}, ${sym(op.column.name)}`;
    case "add_index":
      return `remove_index ${sym(op.table)}, ${op.name ? `name: ${JSON.stringify(op.name)}` : `column: ${list(op.columns)}`}${op.concurrently ? ", algorithm: :concurrently" : ""}`;
    case "add_constraint":
      if (op.constraint === "foreign_key" && (op.name || op.referencesTable)) return `remove_foreign_key ${sym(op.table)}, ${op.name ? `name: ${JSON.stringify(op.name)}` : sym(op.referencesTable!)}`;
      if (!op.name) return `# migguard could not read the name of the constraint line ${op.loc.line} adds to ${op.table}: drop it by that name`;
      if (op.constraint === "check") return `remove_check_constraint ${sym(op.table)}, name: ${JSON.stringify(op.name)}`;
      return `execute "ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name}"`;
    case "rename_table":
      return `rename_table ${sym(op.newName)}, ${sym(op.table)}`;
    case "rename_column":
      return `rename_column ${sym(op.table)}, ${sym(op.newName)}, ${sym(op.column)}`;
    case "drop_column":
      return addColumnBack(op.table, op.column, op.type ?? types?.columnType(op.table, op.column, index));
    case "drop_table":
      return op.tables.map((t) => `create_table ${sym(t)} do |t|\n  # the columns of ${t} (see db/schema.rb)\nend`).join("\n");
    case "create_object":
      // enable_extension (CREATE EXTENSION IF NOT EXISTS) may have found it there, enabled by an earlier migration or
      // the database, with columns of its types and defaults calling it (tutor-server's pgcrypto): the down leaves
      // it, as the SQL inverse does (sql-inverse.ts)
      if (op.objectType === "extension" && op.ifNotExists) return `# line ${op.loc.line} makes sure the extension ${op.name} is there; it may have been before this migration, and other objects may use it: the down leaves it`;
      return `execute "DROP ${op.objectType.replace("_", " ").toUpperCase()} IF EXISTS ${op.name}${op.table ? ` ON ${op.table}` : ""}"`;
    default:
      return undefined;
  }
}

/** The first operation of the up that starts on `line` (what an irreversible `change` points at). */
const opAt = (migration: Migration, line: number | undefined) => (line === undefined ? undefined : migration.up.find((op) => op.loc.line === line));

/**
 * Data code in `change` that Rails' command recorder never sees runs again on rollback: `up_only` runs it on the
 * way up only (the call as written, a `connection.execute` with its SQL kept).
 */
function rerunFix(op: Operation, migration: Migration): string {
  const indent = (code: string) =>
    code
      .split("\n")
      .map((l) => (l ? `  ${l}` : l))
      .join("\n");
  const groups = rerunGroups(op, migration);
  const moved = groups.length === 1 && groups[0].length === 1 ? movesIntoAddedColumns(op, migration) : undefined;
  if (moved) return moved;
  const head = [
    `# Rails runs data code in \`change\` again on rollback: run it on the way up only`,
    ...(railsAtLeast(migration, 5.2) ? [`# (or: reversible { |dir| dir.up { ... } }, with dir.down restoring the old values when they matter)`] : []),
  ];
  if (groups.length === 1 && groups[0].length === 1) return [...head, railsUpOnlyBlock(migration, indent(dataCode("rails", op)))].join("\n");
  // every data statement of `change`, not only the one reported: one left outside still runs again on rollback. The
  // locals they read stay where they are, before the block (a block sees them)
  const lines = (group: Operation[]) => `${group[0].loc.line === group.at(-1)!.loc.endLine ? `line ${group[0].loc.line}` : `lines ${group[0].loc.line}-${group.at(-1)!.loc.endLine}`}`;
  return [
    ...head,
    ...groups.flatMap((group) => [...(groups.length > 1 ? [`# in place of ${lines(group)}:`] : []), railsUpOnlyBlock(migration, indent(group.map((o) => dataCode("rails", o)).join("\n")))]),
  ].join("\n");
}

/**
 * Data code in `change` that fills columns this change adds and also deletes rows or overwrites other values of
 * that table (splits-io 20201023153752: follows moved into the new from_/to_twitch_user_id, the old ids set to nil,
 * the rows with no match destroyed): a rollback drops the added columns, and what the loop moved into them goes
 * with them. up_only alone would let that rollback report success: the down must put the values back first, which
 * migguard cannot derive from the code, so it raises until someone writes it.
 */
function movesIntoAddedColumns(op: Operation, migration: Migration): string | undefined {
  if (op.kind !== "data_migration") return undefined;
  const table = op.writes?.length === 1 ? op.writes[0] : op.tables.length === 1 ? op.tables[0] : undefined;
  if (!table) return undefined;
  const added = migration.up.filter((o): o is Extract<Operation, { kind: "add_column" }> => o.kind === "add_column" && nameKey(o.table) === nameKey(table) && o.loc.line < op.loc.line).map((o) => o.column.name);
  if (added.length === 0) return undefined;
  const addedSet = new Set(added.map(nameKey));
  const deletes = op.deletes ?? [];
  // values moved out: other columns the code sets to NULL (named, and given no value other than NULL)
  const overwritesOthers = (op.overwrites ?? []).filter((o) => o.columns && o.changes && o.columns.some((c) => !addedSet.has(nameKey(c)) && !o.changes!.includes(c)));
  if (deletes.length === 0 && overwritesOthers.length === 0) return undefined;
  const what = [
    ...(deletes.length ? [`deletes rows (${[...new Set(deletes.map((d) => `\`${d.call}\``))].join(", ")})`] : []),
    ...(overwritesOthers.length ? [`clears other columns (${[...new Set(overwritesOthers.map((o) => `\`${o.call}\``))].join(", ")})`] : []),
  ].join(" and ");
  const columns = added.join(", ");
  const body = dataCode("rails", op).split("\n").map((l) => (l ? `    ${l}` : l)).join("\n");
  return [
    `# This data code writes rows of ${table}, to which this change adds ${columns}, and ${what}: a rollback drops`,
    `# ${added.length > 1 ? "those columns" : "that column"}, and whatever it moved into ${added.length > 1 ? "them" : "it"} goes too${deletes.length ? " (the rows it deletes come back only from a copy kept before)" : ""}. up_only alone would let`,
    `# that rollback report success: on the way down, put the values back where the old code reads them before the columns go;`,
    `# migguard cannot derive that from the code, so until it is written the rollback stops here.`,
    `reversible do |dir|`,
    `  dir.up do`,
    body,
    `  end`,
    `  dir.down do`,
    `    raise ActiveRecord::IrreversibleMigration, ${rubyString(`copy the values back out of ${columns} of ${table} before the rollback drops ${added.length > 1 ? "them" : "it"}`)}`,
    `  end`,
    `end`,
  ].join("\n");
}

/**
 * The data operations Rails runs again on rollback (down.rerunAt, else the one reported), in runs of consecutive
 * ones: a schema command between two splits them, so each block keeps its place in the order of `change`.
 */
function rerunGroups(op: Operation, migration: Migration): Operation[][] {
  const down = migration.down;
  const at = down.status === "irreversible" && down.rerunAt ? down.rerunAt : [op.loc];
  const rerun = (o: Operation) => at.some((l) => o.loc.line === l.line);
  const groups: Operation[][] = [];
  let current: Operation[] = [];
  for (const o of migration.up) {
    if (rerun(o)) {
      // one call may stand for several operations on its line (a loop and the writes inside it): once
      if (!current.some((c) => c.loc.line === o.loc.line)) current.push(o);
    } else if (current.length && o.loc.line > current.at(-1)!.loc.endLine) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length) groups.push(current);
  return groups.length ? groups : [[op]];
}

/**
 * The create_table block that recreates `table` as the earlier migrations left it: the call that created it, as
 * written, with the columns added since (add_column as t.column, a change_table's t.string) before its `end`.
 */
/**
 * `drop_table` with the definition `written` (a create_table as the history wrote it), keeping the drop's own
 * `force: :cascade` (the foreign keys of other tables to it go with it, as the migration asked).
 */
export function railsDropWith(written: string, dropCall: string): string {
  const force = /,\s*force:\s*(?::cascade|true)\b/.exec(dropCall.split("\n")[0])?.[0] ?? "";
  const drop = `drop_table${written.slice("create_table".length)}`;
  if (!force) return drop;
  const [first, ...rest] = drop.split("\n");
  const at = first.search(/\s+do\s*\|/);
  return [at < 0 ? `${first}${force}` : `${first.slice(0, at)}${force}${first.slice(at)}`, ...rest].join("\n");
}

export function railsTableDefinition(repository: Pick<RepositoryView, "tableDefinition" | "grownTableDefinition">, table: string): string | undefined {
  const grown = repository.grownTableDefinition(table);
  const create = repository.tableDefinition(table) ?? grown?.create;
  if (create?.frameworkCall !== "create_table" || !create.text.trimStart().startsWith("create_table")) return undefined;
  const written = reindented(create.text.trim());
  if (!repository.tableDefinition(table) && !grown?.complete) return undefined;
  const added = create === grown?.create ? grown.added : [];
  if (!added.length) return written;
  const lines = written.split("\n");
  // only a block form (do |t| ... end) takes columns
  if (lines.length < 2 || lines.at(-1)!.trim() !== "end" || !rubyReadersLoaded()) return undefined;
  const columns: string[] = [];
  let previous: Extract<Operation, { kind: "add_column" }> | undefined;
  for (const op of added) {
    // a polymorphic t.references adds two columns from one line
    if (previous && previous.text === op.text && previous.loc.line === op.loc.line) continue;
    previous = op;
    const line = op.frameworkCall === "add_column" ? rubyReaders().asBlockColumn(op.text.trim()) : op.text.includes("\n") ? undefined : op.text.trim();
    if (!line) return undefined;
    columns.push(`  ${line}`);
  }
  return [...lines.slice(0, -1), ...columns, lines.at(-1)!].join("\n");
}

/**
 * A create_table block with the indexes the history gave its table after it (an add_index of the creating migration
 * or a later one) as t.index lines: the block alone rebuilds the table without them. One migguard did not read whole
 * (SQL, an expression, an option it does not model) is named in a comment, never rebuilt wrong.
 */
function withLaterIndexes(written: string, table: string, schema: SchemaSource | undefined): string | undefined {
  const later = (schema?.namedTableIndexes?.(table) ?? []).filter((i) => !i.withTable);
  if (!later.length) return written;
  const lines = written.split("\n");
  if (lines.length < 2 || lines.at(-1)!.trim() !== "end" || !/\bdo\s*\|\s*\w+\s*\|\s*$/.test(lines[0])) return undefined;
  const t = /\|\s*(\w+)\s*\|\s*$/.exec(lines[0])![1];
  const indexLines = later.map((i) => {
    const shape = schema?.indexDefinition?.(i.name)?.shape;
    const shaping = railsIndexOptions(shape);
    if (i.sql || !i.columns.length || shape?.method || shaping.unknown.length || (shape?.partial && !shape.predicate))
      return `  # and index ${i.name}, which a later step built: migguard could not read its definition, add it as that step wrote it`;
    return `  ${t}.index ${list(i.columns)}, name: ${JSON.stringify(i.name)}${i.unique ? ", unique: true" : ""}${shape?.predicate ? `, where: ${rubyString(shape.predicate)}` : ""}${shaping.written.map((o) => `, ${o}`).join("")}`;
  });
  return [...lines.slice(0, -1), ...indexLines, lines.at(-1)!].join("\n");
}

/** What a Rails fix may read about the schema the earlier migrations left. */
type SchemaSource = TypeSource & Partial<Pick<RepositoryView, "columnDefinition" | "columnDefault" | "columnNotNull" | "indexDefinition" | "tableDefinition" | "grownTableDefinition" | "constraintDefinition" | "namedTableIndexes">>;

/**
 * The default table.column had just before `up[index]`: this migration's own earlier add_column or default change,
 * else the earlier migration that defined the column ("nil" for none); undefined when nothing says.
 */
function defaultBefore(migration: Migration, index: number, table: string, column: string, schema?: SchemaSource): string | undefined {
  const same = (t: string, c: string) => t === table && c === column;
  for (const op of migration.up.slice(0, Math.max(index, 0)).reverse()) {
    if (op.kind === "add_column" && same(op.table, op.column.name)) return rubyDefaultOf(op.column.default);
    if (op.kind === "set_default" && same(op.table, op.column)) return rubyDefaultOf(op.default);
    if (op.kind === "drop_default" && same(op.table, op.column)) return "nil";
  }
  const defined = schema?.columnDefinition?.(table, column);
  if (defined) return rubyDefaultOf(defined.default);
  // the earlier migrations' last default change (add_defaults' `change_column ..., default: {}`), which a type change keeps
  const followed = schema?.columnDefault?.(table, column);
  return followed ? rubyDefaultOf(followed.default) : undefined;
}

/** A default as Rails takes it back: as Ruby wrote it when its SQL loses that (`{}` on a json column), else from its SQL. */
const rubyDefaultOf = (value: DefaultValue | undefined): string => value?.ruby ?? rubyDefault(value?.expr);

/** A default as Ruby: a literal as it is ('member', 0, true), an SQL expression as the lambda Rails takes for one. */
export const rubyDefault = (expr: string | undefined): string =>
  expr === undefined ? "nil" : /^(?:'[^'\\]*'|"[^"\\]*"|-?\d+(?:\.\d+)?|true|false|nil)$/i.test(expr) ? expr.replace(/^(TRUE|FALSE|NIL)$/, (w) => w.toLowerCase()) : `-> { ${JSON.stringify(expr)} }`;

/**
 * remove_index by name with `if_exists: true` of an index no earlier migration creates: the guard clears a leftover
 * (an INVALID index of a failed concurrent build) before the add_index that follows. Naming columns would make the
 * call fail when there is none and rebuild on rollback an index that never existed: it runs on the way up only.
 */
function guardOfUnknownIndex(migration: Migration, op: Extract<Operation, { kind: "drop_index" }>, schema?: SchemaSource): string | undefined {
  if (!op.ifExists || op.columns.length || !op.names.length || !schema?.indexDefinition) return undefined;
  if (op.names.some((name) => schema.indexDefinition!(name))) return undefined;
  const call = op.text.trim();
  if (call.includes("\n")) return undefined;
  return [
    `# no earlier migration creates ${op.names.join(", ")}: the if_exists: guard only clears a leftover before this migration builds it, so it runs on the way up only (rollback removes what add_index builds):`,
    railsUpOnly(migration, call),
  ].join("\n");
}

/** Ruby for the finding of a Rails migration that cannot be rolled back, aimed at the call that blocks it. */
export function railsIrreversibleFix(migration: Migration, types?: SchemaSource): string {
  const down = migration.down;
  if (down.status !== "irreversible") return "";
  const op = opAt(migration, down.loc?.line);
  if (!down.loc)
    return dedent(`
      # without a down, Rails' rollback runs nothing and still deletes the version: write the down that undoes up, in reverse order
      def down
        ${(migration.up.map((op, i) => railsUndo(op, types, i)).filter(Boolean).reverse().join("\n") || "# undo what up does").replace(/\n/g, "\n        ")}
      end`);
  if (op && down.rerun) return rerunFix(op, migration);
  if (!op || /raises/.test(down.reason))
    return dedent(`
      # A down that raises blocks every rollback past this migration. Undo what up does; when data cannot come
      # back, restore it from a copy made in up (CREATE TABLE ... AS SELECT) instead of raising:
      def down
        # undo what up does, in reverse order
      end`);
  switch (op.kind) {
    case "drop_column": {
      // remove_columns drops several in one call: each gets its own remove_column, or rollback re-adds only one
      const dropped = migration.up.filter((o): o is typeof op => o.kind === "drop_column" && o.loc.line === op.loc.line && o.text === op.text);
      const calls = dropped.map((o) => removedColumnCall(types, migration, o, migration.up.indexOf(o)));
      const many = dropped.length > 1;
      return [
        many
          ? `# remove_columns cannot be reversed without a type: one remove_column per column, each with its type, so Rails can re-add them on rollback:`
          : `# Give remove_column the column's type (and options such as null:/default:) so Rails can re-add it on rollback:`,
        ...calls,
        `# (the values still cannot come back: keep a copy first if they may be needed)`,
      ].join("\n");
    }
    case "drop_table": {
      const written = types?.tableDefinition && types.grownTableDefinition ? railsTableDefinition(types as Pick<RepositoryView, "tableDefinition" | "grownTableDefinition">, op.tables[0]) : undefined;
      const withIndexes = written && op.tables.length === 1 ? withLaterIndexes(written, op.tables[0], types) : undefined;
      if (withIndexes)
        return [
          `# Give drop_table the table's definition (as the migration that created it wrote it${withIndexes !== written ? ", with the indexes later steps gave it" : ""}) so Rails can recreate it on rollback:`,
          railsDropWith(withIndexes, op.text),
        ].join("\n");
      return dedent(`
        # Give drop_table the table's definition (from db/schema.rb) so Rails can recreate it on rollback:
        drop_table ${sym(op.tables[0])} do |t|
          # t.string :name, null: false
          # t.timestamps
        end`);
    }
    case "alter_column_type": {
      // a `change` that does more than this change_column: up keeps all of it, in order, and down undoes each
      // (a loop's other iterations share its line but not its written values)
      if (migration.up.some((o) => !INERT.has(o.kind) && (o.loc.line !== op.loc.line || asWritten(o) !== asWritten(op)))) return railsUpAndDown(migration, types);
      const statement = migration.up.filter((o) => !INERT.has(o.kind));
      const reversible = changeColumnAsReversibleCalls(migration, statement, types);
      if (reversible) return reversible;
      const down = changeColumnStatementBack(migration, statement, migration.up.indexOf(op), types).split("\n").join("\n          ");
      return dedent(`
        # change_column cannot be inverted: ${statement.length > 1 ? "say what the column was (its type, and the default and NULL-ness it also changes)" : "say what the type was"}.
        def up
          ${upStatement(op)}
        end

        def down
          ${down}
        end`);
    }
    case "set_default":
    case "drop_default": {
      // a `change` whose other calls Rails cannot invert either (a change_column, another change_column_default
      // without from:/to:): from:/to: on this one alone leaves the rollback raising at the next, so up and down, each undone
      if (migration.railsForm === "change" && down.alsoAt?.length) return railsUpAndDown(migration, types);
      const from = defaultBefore(migration, migration.up.indexOf(op), op.table, op.column, types);
      // from:/to: is Rails 5.0+: before it the default is set each way in up and down
      if (!railsAtLeast(migration, 5))
        return [
          `# Rails ${railsVersionOf(migration).toFixed(1)} cannot invert change_column_default (from:/to: is 5.0+): replace \`change\` with up and down.`,
          `def up`,
          `  change_column_default ${sym(op.table)}, ${sym(op.column)}, ${op.kind === "set_default" ? rubyDefaultOf(op.default) : "nil"}`,
          `end`,
          ``,
          `def down`,
          `  change_column_default ${sym(op.table)}, ${sym(op.column)}, ${from ?? "nil"}${from === undefined ? "  # the default it had before (migguard found none written)" : ""}`,
          `end`,
        ].join("\n");
      return dedent(`
        # Name the old and the new default so Rails can swap them back:
        change_column_default ${sym(op.table)}, ${sym(op.column)}, from: ${from ?? "nil"}, to: ${op.kind === "set_default" ? rubyDefaultOf(op.default) : "nil"}${from === undefined ? "  # from: the default it had before (migguard found none written)" : ""}`);
    }
    case "drop_index":
      return (
        guardOfUnknownIndex(migration, op, types) ??
        removeIndexAsDefined(op, types, op.concurrently && !isMysqlFamily(migration.database)) ??
        // on MySQL the call as written loses PostgreSQL's options (Rails raises on algorithm: :concurrently there)
        removeIndexOfUnknownColumns(op, types, isMysqlFamily(migration.database) && rubyReadersLoaded() ? rubyReaders().withoutPostgresOptions(reindented(op.text.trim())) : undefined) ??
        dedent(`
        # Name the column(s) so Rails can rebuild the index on rollback:
        ${railsRemoveIndex(op, op.concurrently && !isMysqlFamily(migration.database), types)}`)
      );
    case "drop_constraint": {
      const expression = checkAddedEarlier(migration, op);
      const [why, code] =
        expression !== undefined
          ? [`Give the CHECK expression (added on line ${expression.line}) so Rails can add the constraint back`, reindented(`remove_check_constraint ${sym(op.table)}, ${rubyString(expression.text)}, name: ${JSON.stringify(op.name)}${op.ifExists ? ", if_exists: true" : ""}`)]
          : ["Name what Rails needs to add the constraint back", foreignKeyRemovalAsDefined(migration, op, types) ?? constraintRemovalFix(op, op.name ? definitionOn(migration, types?.constraintDefinition?.(op.name, op.table)) : undefined)];
      return changeWithValidationsUpOnly(migration, op, why, code) ?? `# ${why}:\n${code}`;
    }
    case "dml":
    case "data_migration":
      if (op.embeddedSql || !(op.kind === "dml" ? op.viaCode : true))
        return executeFix(op);
      return [
        `# Rails does not record data changes made in Ruby: run them in one direction only and say what rollback does.`,
        railsUpOnlyBlock(
          migration,
          reindented(op.text.trim())
            .split("\n")
            .map((l) => `  ${l}`)
            .join("\n"),
        ),
        `# or write explicit up/down methods, with a down that restores the previous values`,
      ].join("\n");
    default:
      return executeFix(op);
  }
}

/**
 * Calls Rails' command recorder has no inverse for and does not record: reverting `change`, it runs them at once,
 * before any inverse runs (a validate_check_constraint of the constraint change then removes fails: it is gone).
 */
const RUN_AT_ONCE_ON_REVERT = new Set(["validate_check_constraint", "validate_foreign_key"]);

/**
 * The whole `change` when it also validates: the call that blocks rollback replaced by `code`, each validation run
 * on the way up only (rolled back, the constraint is as the migrations before left it, not validated). Undefined when
 * change validates nothing, or holds a statement that cannot be lifted out of it (a table block's call).
 */
function changeWithValidationsUpOnly(migration: Migration, blocking: Operation, why: string, code: string): string | undefined {
  // MySQL's Rails validates nothing (validate_check_constraint returns at once there)
  if (migration.railsForm !== "change" || isMysqlFamily(migration.database)) return undefined;
  const statements = statementsOf(migration.up);
  const validations = statements.filter((s) => RUN_AT_ONCE_ON_REVERT.has(s.ops[0].frameworkCall ?? ""));
  if (!validations.length || statements.some((s) => inTableBlock(s) || s.ops[0].inlined?.unknown?.length)) return undefined;
  const calls = [...new Set(validations.map((s) => s.ops[0].frameworkCall))].join(", ");
  return [
    `# ${why}; ${calls} has no inverse: reverting change, Rails runs it at once, before the constraint is back, and it fails. Run it on the way up only:`,
    "def change",
    ...statements.map((s) => inBody(s.ops.includes(blocking) ? code : validations.includes(s) ? `up_only { ${upStatement(s.ops[0])} }` : upStatement(s.ops[0]))),
    "end",
  ].join("\n");
}

/**
 * An earlier migration's ADD CONSTRAINT as the migration's database ran it: MySQL has no NOT VALID (its Rails drops
 * `validate: false`), so there the constraint was added checked.
 */
function definitionOn(migration: Migration, definition: { sql: string } | undefined): { sql: string } | undefined {
  if (!definition || !isMysqlFamily(migration.database)) return definition;
  const alter = parseOne(definition.sql)?.AlterTableStmt;
  const cmd = alter?.cmds?.length === 1 ? alter.cmds[0]?.AlterTableCmd : undefined;
  const constraint = cmd?.def?.Constraint;
  if (!constraint?.skip_validation) return definition;
  const sql = deparse({ AlterTableStmt: { ...alter, cmds: [{ AlterTableCmd: { ...cmd, def: { Constraint: { ...constraint, skip_validation: false, initially_valid: true } } } }] } });
  return sql ? { sql } : undefined;
}

/** A call as its own statement, out of the loop or method it was in: the locals it read written as their values. */
const asWritten = (op: Operation): string => op.inlined?.text ?? op.text;

/** A statement of `change` as one of `def up`; a local whose value migguard cannot read is said to be unknown. */
function upStatement(op: Operation): string {
  // SQL with parts Ruby computes (`#{Substory.substory_types[:comment]}`): the call as written, interpolation kept, never
  // the placeholder the adapter read it with
  if (op.embeddedSql && op.hostCall && !op.inlined) return reindented(op.hostCall.trim());
  // SQL run by execute: its text is the statement, so the call is written around it (one statement per execute)
  if (op.embeddedSql && !op.inlined) return `execute ${rubyString(op.text.trim().replace(/;\s*$/, ""))}`;
  const written = reindented(asWritten(op).trim());
  const unknown = op.inlined?.unknown ?? [];
  if (!unknown.length) return written;
  return `# ${unknown.join(", ")}: ${unknown.length > 1 ? "locals" : "a local"} of change whose value migguard cannot read: define ${unknown.length > 1 ? "them" : "it"} here as change does\n${written}`;
}

/**
 * A `def down` for a migration written with `change`: Rails ignores a down beside change (it runs change backwards),
 * so change becomes up, its statements as written and in order, beside the down.
 */
export function railsDownBesideChange(migration: Migration, down: string): string {
  if (migration.railsForm !== "change") return down;
  return ["# Rails ignores a `down` beside `change` (it runs change backwards): replace `change` with up and down.", ...upMethod(statementsOf(migration.up)), "", down].join("\n");
}

/** A statement of change that is a call of a table block (t.string inside change_table). */
const inTableBlock = (statement: { ops: Operation[] }) => /^t\./.test(statement.ops[0].frameworkCall ?? "");

/** Indented one level, as a statement of a method body. */
const inBody = (code: string) => `  ${code.replace(/\n/g, "\n  ")}`;

/**
 * `def up` holding change's statements as written, in order; a call of a table block, or one that reads a local
 * change assigns (`old_pkey = find_pkey_index_name`), cannot be lifted out of it alone, so then the up says to keep
 * change's statements as they are.
 */
function upMethod(statements: readonly { ops: Operation[] }[]): string[] {
  if (statements.some((s) => inTableBlock(s) || s.ops[0].inlined?.unknown?.length)) return ["def up", "  # every statement of change, as it is now, in the same order", "end"];
  return ["def up", ...statements.map((s) => inBody(upStatement(s.ops[0]))), "end"];
}

/** The calls of an up, one per statement (a t.references gives a column, an index and a key, all on its line). */
function statementsOf(up: readonly Operation[]): { ops: Operation[]; index: number }[] {
  const statements: { ops: Operation[]; index: number }[] = [];
  up.forEach((op, index) => {
    if (INERT.has(op.kind)) return;
    const last = statements.at(-1);
    // a loop's iterations are one line each time: their values (inlined) tell them apart
    if (last && last.ops[0].loc.line === op.loc.line && asWritten(last.ops[0]) === asWritten(op)) last.ops.push(op);
    else statements.push({ ops: [op], index });
  });
  return statements;
}

/** What undoes one statement of the up: dropping what it creates undoes the rest of it (a column takes its index). */
function undoStatement(migration: Migration, statement: { ops: Operation[]; index: number }, types?: SchemaSource): string {
  const { ops, index } = statement;
  const creator = ops.find((o) => o.kind === "create_table" || o.kind === "add_column");
  if (!creator && ops[0].kind === "alter_column_type") return changeColumnStatementBack(migration, ops, index, types);
  const undos = creator
    ? [railsUndo(creator, types, index)]
    : ops
        .map((o, i) =>
          o.kind === "alter_column_type"
            ? changeColumnBack(o, types, index + i, migration)
            : o.kind === "set_default" || o.kind === "drop_default"
              ? defaultBack(migration, o, index + i, types)
              : railsUndo(o, types, index + i),
        )
        .reverse();
  if (undos.every(Boolean)) return undos.join("\n");
  return `# migguard knows no inverse for line ${ops[0].loc.line} (${ops[0].text.split("\n")[0].trim()}): undo it here`;
}

/** change_column back to the type the column had before (from the repository), or the note that it is unknown. */
function changeColumnBack(op: Extract<Operation, { kind: "alter_column_type" }>, types: SchemaSource | undefined, index: number, migration?: Migration): string {
  const then = migration ? defaultBefore(migration, index, op.table, op.column, types) : undefined;
  // the same call sets a default too (change_column ..., default: x): the down finds that one on the column
  const setsDefault = migration?.up.some((o) => o.kind === "set_default" && o.loc.line === op.loc.line && o.table === op.table && o.column === op.column);
  return changeColumnBackCode(op.table, op.column, op.type, op.fromType ?? types?.columnType(op.table, op.column, index), types?.columnDefinition?.(op.table, op.column), migration ? { then, noneWhenUndone: then === "nil" && !setsDefault } : undefined, op.using);
}

/** change_column_default back to the default the column had just before `up[index]` (this migration's own, else the history's). */
function defaultBack(migration: Migration, op: Extract<Operation, { kind: "set_default" | "drop_default" }>, index: number, types: SchemaSource | undefined): string {
  const before = defaultBefore(migration, index, op.table, op.column, types);
  return before !== undefined
    ? `change_column_default ${sym(op.table)}, ${sym(op.column)}, ${before}`
    : `# the default ${op.column} had before line ${op.loc.line} is unknown to migguard (no earlier migration it read defines it): put it back with change_column_default ${sym(op.table)}, ${sym(op.column)}, ...`;
}

/** Whether table.column was NOT NULL just before `up[index]`: this migration's own earlier steps, else the history; undefined when nothing says. */
function notNullBefore(migration: Migration, index: number, table: string, column: string, schema?: SchemaSource): boolean | undefined {
  const same = (t: string, c: string) => t === table && c === column;
  for (const op of migration.up.slice(0, Math.max(index, 0)).reverse()) {
    if (op.kind === "add_column" && same(op.table, op.column.name)) return op.column.notNull;
    if (op.kind === "set_not_null" && same(op.table, op.column)) return true;
    if (op.kind === "drop_not_null" && same(op.table, op.column)) return false;
  }
  const followed = schema?.columnNotNull?.(table, column);
  if (followed !== undefined) return followed;
  const defined = schema?.columnDefinition?.(table, column);
  return defined ? Boolean(defined.notNull || defined.primaryKey) : undefined;
}

/**
 * What one change_column changes besides the type: Rails' PostgreSQL change_column sets the default and the
 * NULL-ness only when its options name them (`default:`, `null:`), and keeps them otherwise. Each with what the
 * column had before (undefined when nothing says) and what the call sets.
 */
function changeColumnParts(migration: Migration, ops: readonly Operation[], index: number, schema?: SchemaSource) {
  const type = ops.find((o): o is Extract<Operation, { kind: "alter_column_type" }> => o.kind === "alter_column_type");
  const first = ops[0] as Extract<Operation, { kind: "alter_column_type" }>;
  const [table, column] = [first.table, first.column];
  const defaultOp = ops.find((o) => o.kind === "set_default" || o.kind === "drop_default");
  const nullOp = ops.find((o) => o.kind === "set_not_null" || o.kind === "drop_not_null");
  const typeBefore = type ? (type.fromType ?? schema?.columnType(table, column, index)) : undefined;
  return {
    table,
    column,
    type,
    typeBefore,
    // the same type as written and as Rails writes it (a precision: or limit: change is a new type)
    sameType: type !== undefined && typeBefore !== undefined && typeBefore.text === type.type.text && railsType(typeBefore) === railsType(type.type),
    default: defaultOp && { before: defaultBefore(migration, index, table, column, schema), after: defaultOp.kind === "set_default" ? rubyDefault(defaultOp.default.expr) : "nil" },
    notNull: nullOp && { before: notNullBefore(migration, index, table, column, schema), after: nullOp.kind === "set_not_null" },
  };
}

/**
 * The down of one change_column: its type back, then the default and the NULL-ness it also set, as the column had
 * them before (read from this migration and the history). A bare `change_column :t, :c, :integer` would keep the
 * default and NOT NULL the up gave. What nothing says is written as a comment that says so, never guessed.
 */
function changeColumnStatementBack(migration: Migration, ops: readonly Operation[], index: number, schema?: SchemaSource): string {
  const p = changeColumnParts(migration, ops, index, schema);
  const [t, c] = [sym(p.table), sym(p.column)];
  // the type line is left out only when the call keeps the type and sets something else
  const typeBack = p.type && (!p.sameType || (!p.default && !p.notNull)) ? changeColumnBack(p.type, schema, index, migration) : "";
  const lines = typeBack ? [typeBack] : [];
  // a type put back with USING drops the default and sets the old one itself
  if (p.default && !/change_column_default/.test(typeBack))
    lines.push(
      p.default.before !== undefined
        ? `change_column_default ${t}, ${c}, ${p.default.before}`
        : `# the default ${p.column} had before the up is unknown to migguard (no earlier migration it read defines it, or one changed it since): put it back with change_column_default ${t}, ${c}, ...`,
    );
  if (p.notNull && p.notNull.before !== p.notNull.after)
    lines.push(
      p.notNull.before === undefined
        ? `# whether ${p.column} was NOT NULL before the up is unknown to migguard (no earlier migration it read defines it): put it back with change_column_null ${t}, ${c}, true or false`
        : `change_column_null ${t}, ${c}, ${!p.notNull.before}${p.notNull.before ? "  # fails if rows with NULL were written since up" : ""}`,
    );
  return lines.length ? lines.join("\n") : `# line ${ops[0].loc.line} changes nothing migguard can see about ${p.table}.${p.column}: undo it here if it does`;
}

/**
 * A change_column that keeps the type and only sets a default and NULL-ness the history knows: the same change as
 * change_column_default from:/to: (Rails 5+) and change_column_null, which Rails reverses, so `change` stays.
 * Undefined otherwise (a new type, or a before nothing says).
 */
function changeColumnAsReversibleCalls(migration: Migration, ops: readonly Operation[], schema?: SchemaSource): string | undefined {
  const index = migration.up.indexOf(ops[0]);
  const p = changeColumnParts(migration, ops, index, schema);
  if (!p.sameType || !railsAtLeast(migration, 5) || (!p.default && !p.notNull) || ops.some((o) => o.inlined?.unknown?.length)) return undefined;
  if ((p.default && p.default.before === undefined) || (p.notNull && p.notNull.before === undefined)) return undefined;
  const [t, c] = [sym(p.table), sym(p.column)];
  const calls = [
    ...(p.default && p.default.before !== p.default.after ? [`change_column_default ${t}, ${c}, from: ${p.default.before}, to: ${p.default.after}`] : []),
    ...(p.notNull && p.notNull.before !== p.notNull.after ? [`change_column_null ${t}, ${c}, ${!p.notNull.after}`] : []),
  ];
  if (!calls.length) return undefined;
  return [`# change_column cannot be inverted, and ${p.column} keeps its type (${railsType(p.typeBefore!)}): set the default and NULL-ness with the calls Rails reverses`, ...calls].join("\n");
}

/**
 * `change` rewritten as up and down when Rails cannot invert one of its calls: up holds every statement as written,
 * in order; down undoes each in reverse order. Calls of a table block (t.string inside change_table) cannot be
 * lifted out of it alone, so then the fix says what to keep around the rewritten call.
 */
function railsUpAndDown(migration: Migration, types?: SchemaSource): string {
  const statements = statementsOf(migration.up);
  return [
    statements.some(inTableBlock)
      ? "# change_column cannot be inverted: replace `change` with up and down."
      : "# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.",
    ...upMethod(statements),
    "",
    "def down",
    ...statements
      .slice()
      .reverse()
      .map((s) => inBody(inTableBlock(s) ? `# undo line ${s.ops[0].loc.line} (${s.ops[0].text.trim()}) inside its table block` : undoStatement(migration, s, types))),
    "end",
  ].join("\n");
}

/** remove_index with the column(s) it needs to be reversible in `change`, and its name when it has one. */
export function railsRemoveIndex(op: Extract<Operation, { kind: "drop_index" }>, concurrently: boolean, schema?: SchemaSource): string {
  const name = op.names[0] ? `, name: ${JSON.stringify(op.names[0])}` : "";
  const columns = indexColumns(op.columns, op.table, op.names[0], schema);
  return `remove_index ${sym(op.table ?? "table")}${columns ? `, column: ${list(columns)}` : ""}${name}${concurrently ? ", algorithm: :concurrently" : ""}`;
}

/**
 * remove_index as the index was defined by the migration that created it: Rails rebuilds on rollback what the call
 * says, so a unique, partial or GIN index needs its unique:, where:, using: too (its columns alone give a plain
 * index, and the rollback silently loses the uniqueness). An index created in SQL is built back with that SQL.
 * What its creation said and migguard could not read is named in a comment; undefined when the history has no
 * definition of it.
 */
function removeIndexAsDefined(op: Extract<Operation, { kind: "drop_index" }>, schema: SchemaSource | undefined, concurrently: boolean): string | undefined {
  const name = op.names[0];
  const defined = name && schema?.indexDefinition ? schema.indexDefinition(name) : undefined;
  if (!defined || !name) return undefined;
  const call = `${railsRemoveIndex(op, concurrently, schema)}`;
  if (defined.sql)
    return `# Rails cannot rebuild ${name} from a remove_index: build it back as the migration that created it wrote it
reversible do |dir|
  dir.up { ${call} }
  dir.down { execute ${rubyString(defined.sql.replace(/;\s*$/, ""))} }
end`;
  if (!defined.columns?.length) return undefined;
  const shape = defined.shape;
  const shaping = railsIndexOptions(shape);
  const options = [
    ...(defined.unique ? ["unique: true"] : []),
    ...(shape?.partial && shape.predicate !== undefined ? [`where: ${rubyString(shape.predicate)}`] : []),
    ...(shape?.method ? [`using: ${sym(shape.method)}`] : []),
    ...shaping.written,
  ];
  const unknown = [...(shape?.partial && shape.predicate === undefined ? ["where:"] : []), ...shaping.unknown.map((o) => `${o}:`)];
  const removal = `remove_index ${sym(op.table ?? defined.table)}, column: ${list(defined.columns)}, name: ${JSON.stringify(name)}${options.map((o) => `, ${o}`).join("")}${concurrently ? ", algorithm: :concurrently" : ""}`;
  // a part of its definition computed at run time: a rollback from the columns would build another index, so the
  // down says the definition is unknown and raises instead
  if (unknown.length)
    return `reversible do |dir|
  dir.up { ${removal} }
  dir.down do
    # ${name} as the migration that created it defined it: its ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} set at run time there, so migguard does not know its definition; add_index it back as that migration built it
    raise ActiveRecord::IrreversibleMigration, ${rubyString(`${name}: its definition is unknown (${unknown.join(", ")} set at run time)`)}
  end
end`;
  return [`# Name the index as the migration that created it defined it (its columns${options.length ? ` and ${options.map((o) => o.split(":")[0]).join(", ")}` : ""}), so Rails rebuilds that index on rollback:`, removal].join("\n");
}

/** The index's columns are in no migration migguard read: `up` drops it, the down says so and raises. */
function removeIndexOfUnknownColumns(op: Extract<Operation, { kind: "drop_index" }>, schema: SchemaSource | undefined, up = reindented(op.text.trim())): string | undefined {
  if (indexColumns(op.columns, op.table, op.names[0], schema) || !op.names[0]) return undefined;
  const what = `${op.names[0]}: its columns are in no migration migguard read`;
  return `reversible do |dir|\n  dir.up { ${up} }\n  dir.down do\n    # add_index ${sym(op.table ?? "table")} with the columns it had, name: ${JSON.stringify(op.names[0])}\n    raise ActiveRecord::IrreversibleMigration, ${rubyString(what)}\n  end\nend`;
}

/**
 * remove_index made concurrent without losing the migration's other work: alone in its migration, that migration
 * leaves its DDL transaction; with other statements, those stay where they are (in their transaction) and the
 * index is dropped concurrently in a migration of its own.
 */
export function railsDropIndexFix(op: Extract<Operation, { kind: "drop_index" }>, migration: Migration, schema?: SchemaSource): string {
  const call = concurrentRemoveIndex(op, migration, schema);
  // outside the DDL transaction already (disable_ddl_transaction!, no transaction block): concurrent in its place
  if (!op.inTransaction) return call;
  const rest = migration.up.filter((o) => !INERT.has(o.kind) && !(o.loc.line === op.loc.line && o.text === op.text));
  if (!rest.length) return `disable_ddl_transaction!\n\ndef change\n${call.split("\n").map((l) => `  ${l}`).join("\n")}\nend`;
  const name = op.names[0] ? `remove_${op.names[0]}` : `remove_index_on_${(op.table ?? "table").split(".").pop()}_${op.columns.join("_and_")}`;
  return railsMoveOutConcurrent(migration, name, call, `the remove_index of line ${op.loc.line}`, "drop the index in a migration of its own");
}

/**
 * remove_index ..., algorithm: :concurrently, reversible: the index as the migration that created it defined it, so
 * a rollback rebuilds that one; by a name alone, remove_index cannot be rolled back in change: the down says what it lacks.
 */
function concurrentRemoveIndex(op: Extract<Operation, { kind: "drop_index" }>, migration: Migration, schema?: SchemaSource): string {
  const written = `${railsRemoveIndex(op, true, schema)}${op.ifExists ? railsIfExists(migration, op) : ""}`;
  return (op.ifExists ? undefined : removeIndexAsDefined(op, schema, true)) ?? removeIndexOfUnknownColumns(op, schema, written) ?? written;
}

/**
 * An index replaced (support/replaced-index.ts): the remove_index of `drop` and the add_index of `create` become the
 * swap, outside the DDL transaction and reversible in `change`: the new index built CONCURRENTLY (under `temporary`
 * when it takes the old one's name; what a failed build left dropped first), the old one removed CONCURRENTLY, the
 * new one renamed. Alone in the up, the migration itself; beside other work, that work stays and the swap moves to a
 * migration of its own. Undefined when the calls cannot be rewritten (Prism not loaded, a call on several lines).
 */
export function railsIndexSwapFix(
  swap: { drop: Extract<Operation, { kind: "drop_index" }>; create: Extract<Operation, { kind: "add_index" }>; name: string; sameName: boolean; temporary: string },
  migration: Migration,
  defaultName: (table: string, columns: string[]) => string,
  schema?: SchemaSource,
  place: MigrationPlace = {},
): string | undefined {
  const { drop, create } = swap;
  if (!rubyReadersLoaded() || singleLine(create) === undefined) return undefined;
  const concurrent = concurrentIndexCall(create, defaultName);
  const build = swap.sameName ? rubyReaders().withOption(concurrent, "name", JSON.stringify(swap.temporary)) : concurrent;
  const built = swap.sameName ? swap.temporary : (create.name ?? defaultName(create.table, create.columns));
  if (!build) return undefined;
  const body = [
    `# what a failed build left (INVALID), before building it again`,
    `reversible { |dir| dir.up { execute ${rubyString(dropIndexConcurrently(built))} } }`,
    build,
    concurrentRemoveIndex(drop, migration, schema),
    ...(swap.sameName ? [`rename_index ${sym(create.table)}, ${JSON.stringify(swap.temporary)}, ${JSON.stringify(swap.name)}`] : []),
  ].join("\n");
  const mine = (o: Operation) => (o.loc.line === drop.loc.line && o.kind === "drop_index") || o === create;
  const rest = migration.up.filter((o) => !INERT.has(o.kind) && !mine(o));
  const name = `replace_${swap.name.split(".").pop()}`;
  if (!rest.length) return railsConcurrentMigration(migration, name, body, place.railsAcronyms);
  return railsMoveOutConcurrent(migration, name, body, `the remove_index of line ${drop.loc.line} and the add_index of line ${create.loc.line}`, "replace the index in a migration of its own", [], place.railsAcronyms);
}

/**
 * The split both concurrent index fixes need: `what` leaves the migration (its other changes stay there, in
 * their transaction), and `body` runs in a migration of its own outside the DDL transaction.
 */
export function railsMoveOutConcurrent(
  migration: Migration,
  name: string,
  body: string,
  what: string,
  then: string,
  before: string[] = [],
  acronyms: readonly string[] = [],
  method: ConcurrentMethod = "change",
): string {
  return [
    ...before,
    `# Take ${what} out of ${railsClassName(migration, name, acronyms)}: its other changes stay there, in their transaction.`,
    `# Then ${then}, outside the DDL transaction (CONCURRENTLY needs that):`,
    railsConcurrentMigration({ ...migration, name: undefined }, name, body, acronyms, method),
  ].join("\n");
}

/** The guard of a remove_index that may find no index: `if_exists: true` (Rails 6.1+), else the index_exists? modifier. */
export function railsIfExists(migration: RailsVersioned, op: Extract<Operation, { kind: "drop_index" }>): string {
  if (railsAtLeast(migration, 6.1)) return ", if_exists: true";
  const table = sym(op.table ?? "table");
  const columns = indexColumns(op.columns, op.table, op.names[0]);
  return op.names[0] && (!op.columns.length || !columns) ? ` if index_name_exists?(${table}, ${JSON.stringify(op.names[0])})` : ` if index_exists?(${table}, ${list(columns ?? [])})`;
}

/**
 * The columns of an index dropped by name: Rails' own names (index_users_on_a_and_b) spell them out, when the history
 * says the table has those columns; undefined otherwise. A name of that shape may be any index's
 * (inaturalist's index_votes_on_unique_obs_fave, a partial unique index built in SQL): `column: :unique_obs_fave` names
 * no column, and remove_index then finds no index.
 */
function indexColumns(columns: string[], table: string | undefined, name: string | undefined, schema?: SchemaSource): string[] | undefined {
  if (columns.length) return columns;
  const prefix = `index_${(table ?? "").split(".").pop()}_on_`;
  if (!table || !name?.startsWith(prefix) || name.length <= prefix.length) return undefined;
  const spelled = name.slice(prefix.length).split("_and_");
  return schema?.columnDefinition && spelled.every((column) => schema.columnDefinition!(table, column) !== undefined) ? spelled : undefined;
}

/**
 * The expression of the CHECK a remove_check_constraint by name drops, when the same migration added it earlier
 * (add_check_constraint, online_migrations' add_not_null_constraint): Rails' recorder needs it to add it back.
 */
function checkAddedEarlier(migration: Migration, op: Extract<Operation, { kind: "drop_constraint" }>): { text: string; line: number } | undefined {
  if (op.frameworkCall !== "remove_check_constraint" || !op.name) return undefined;
  const at = migration.up.indexOf(op);
  const added = migration.up
    .slice(0, at === -1 ? migration.up.length : at)
    .filter((o): o is Extract<Operation, { kind: "add_constraint" }> => o.kind === "add_constraint" && o.constraint === "check" && o.name === op.name && nameKey(o.table) === nameKey(op.table))
    .at(-1);
  return added?.expression !== undefined ? { text: added.expression, line: added.loc.line } : undefined;
}

/**
 * A remove_foreign_key whose key the history shows (add_foreign_key, t.references foreign_key: true, add_reference,
 * followed through renames of its column): the call Rails' recorder can invert, with the table it references and the
 * options it was added with, so the rollback adds the same key back (content-tagger 20160905103610 drops by column: the
 * key 20160727095240 added with on_delete: :cascade, on a column renamed since). Its name is kept when it is not the
 * one add_foreign_key would give the column. Rails 6.0+ (remove_foreign_key takes the table and options together);
 * undefined otherwise, or when the key is not one plain options can write (several columns, NOT VALID, another schema).
 */
function foreignKeyRemovalAsDefined(migration: Migration, op: Extract<Operation, { kind: "drop_constraint" }>, schema?: SchemaSource): string | undefined {
  if (op.frameworkCall !== "remove_foreign_key" || !op.name || !railsAtLeast(migration, 6)) return undefined;
  const definition = schema?.constraintDefinition?.(op.name, op.table);
  const alter = definition ? parseOne(definition.sql)?.AlterTableStmt : undefined;
  const constraint = alter?.cmds?.length === 1 ? alter.cmds[0]?.AlterTableCmd?.def?.Constraint : undefined;
  if (constraint?.contype !== "CONSTR_FOREIGN" || constraint.skip_validation || constraint.pktable?.schemaname || alter.relation?.schemaname) return undefined;
  const columns = (constraint.fk_attrs ?? []).map((c: { String?: { sval?: string } }) => c.String?.sval);
  if (columns.length !== 1 || typeof columns[0] !== "string" || nameKey(alter.relation?.relname ?? "") !== nameKey(op.table.split(".").pop() ?? op.table)) return undefined;
  const column: string = columns[0];
  const to: string = constraint.pktable.relname;
  const nameOpt = op.name === foreignKeyName(op.table, column) ? "" : `, name: ${JSON.stringify(op.name)}`;
  return `remove_foreign_key ${sym(op.table)}, ${sym(to)}, column: ${sym(column)}${railsForeignKeyOptions(definition!.sql)}${nameOpt}${op.ifExists ? ", if_exists: true" : ""}`;
}

/** remove_foreign_key needs the other table, remove_check_constraint the expression, to add them back. */
function constraintRemovalFix(op: Extract<Operation, { kind: "drop_constraint" }>, definition?: { sql: string }): string {
  // the earlier migrations say how it was made: the down adds it back as they did, the up stays the call as written
  if (definition) return `reversible do |dir|\n  dir.up { ${op.embeddedSql ? dataCode("rails", op) : reindented(op.text.trim())} }\n  dir.down { execute ${rubyString(definition.sql.replace(/;\s*$/, ""))} }\nend`;
  if (!op.name && !op.frameworkCall) return `# migguard could not read the name of the constraint line ${op.loc.line} drops from ${op.table}: drop it by that name in a reversible block whose down adds it back`;
  // no earlier migration migguard read adds it: the down says what it lacks and refuses, instead of guessing it
  const up = op.frameworkCall ? reindented(op.text.trim()) : `execute "ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name}"`;
  const what = op.name ?? `the constraint line ${op.loc.line} drops from ${op.table}`;
  return `reversible do |dir|\n  dir.up { ${up} }\n  dir.down do\n    # ${missingPart(op.frameworkCall)}: add ${what} back as it was (migguard found no migration that adds it)\n    raise ActiveRecord::IrreversibleMigration, ${rubyString(`${what}: no migration migguard read gives ${missingPart(op.frameworkCall)}`)}\n  end\nend`;
}

/** What Rails needs to add a removed constraint back, by the call that removed it. */
function missingPart(call: string | undefined): string {
  switch (call) {
    case "remove_foreign_key":
      return "the table its foreign key references";
    case "remove_check_constraint":
      return "its CHECK expression";
    case "remove_unique_constraint":
      return "its columns";
    case "remove_exclusion_constraint":
      return "its EXCLUDE expression";
    default:
      return "its definition";
  }
}

/**
 * reversible for a call Rails cannot invert (execute in change). A session setting (danbooru's
 * `execute "set statement_timeout = 0"`) is run again on rollback, whose statements need it just the same; SQL whose
 * inverse migguard derives (sql-inverse.ts) runs that; anything else says the down is to be written.
 */
function executeFix(op: Operation): string {
  const up = op.embeddedSql ? (op.hostCall ? reindented(op.hostCall.trim()) : `execute ${rubyString(op.text.trim())}`) : reindented(op.text.trim());
  const block = (down: string, why: string) => [`# ${why}:`, `reversible do |dir|`, `  dir.up { ${up} }`, `  dir.down { ${down} }`, `end`].join("\n");
  if (op.kind === "set_setting") return block(up, "a session setting: the rollback's statements run under it too, so run it both ways");
  const steps = op.embeddedSql ? inverseOfUp([op], undefined) : [];
  if (!up.includes("\n") && steps.length > 0 && steps.every((s) => s.kind === "sql"))
    return block(`execute ${rubyString(steps.map((s) => s.text).join("\n"))}`, "Tell Rails what to run on rollback");
  // no inverse migguard can derive: the down refuses and says so, rather than run nothing and report success
  const why = `line ${op.loc.line}: migguard cannot derive the SQL that undoes it`;
  return [
    `# Tell Rails what rollback does (write the SQL that undoes it in place of the raise):`,
    `reversible do |dir|`,
    up.includes("\n") ? `  dir.up do\n${up.split("\n").map((l) => `    ${l}`).join("\n")}\n  end` : `  dir.up { ${up} }`,
    `  dir.down { raise ActiveRecord::IrreversibleMigration, ${rubyString(why)} }`,
    `end`,
  ].join("\n");
}

/** The model files were read and none maps `table` (a gem's model, as comfortable_mexican_sofa's Comfy::Cms::File): no class to write. */
type ModelLookup = Pick<RepositoryView, "model"> & Partial<Pick<RepositoryView, "modelFiles" | "applicationCode">>;
const unmappedTable = (repository: ModelLookup | undefined, table: string): boolean =>
  !repository?.model(table) && ((repository?.modelFiles?.().length ?? 0) > 0 || (repository?.applicationCode?.() ?? []).some((f) => isModelPath(f.path)));

/** A model change for a table no model of the repository maps: said in comments, never a class invented for it. */
const forUnmappedModel = (table: string, body: string) =>
  `# no model in app/models maps ${table} (a gem's model, or one the project's inflections name?): its class is not in the repository, so this names none.\n# In the model of ${table}, wherever it is defined (reopen it in an initializer if a gem defines it):\n#   ${body}`;

/**
 * `class User < ApplicationRecord; self.ignored_columns += ["phone"]; end`, in the project's own model (its nesting
 * and superclass) when it was given. Before Rails 5.0 (no ignored_columns) the model drops them from its `columns`.
 */
export function ignoredColumnsFix(repository: ModelLookup | undefined, table: string, columns: string[], migration?: RailsVersioned): string {
  const lines = ignoringColumnsLines(migration, columns);
  const body = !migration || railsAtLeast(migration, 5)
    ? lines
    : [`# Rails ${railsVersionOf(migration).toFixed(1)} has no ignored_columns (5.0+): the model leaves the columns out of the ones it reads`, ...lines];
  if (unmappedTable(repository, table)) return forUnmappedModel(table, body.join("\n#   "));
  const model = railsModel(repository, table);
  return [
    model.path ? `# in ${model.path}:` : model.note,
    modelClass(model, body, migration),
  ]
    .filter(Boolean)
    .join("\n");
}

/** Ruby that runs on the way up only, inside `change` (a bare execute there has no inverse: rollback raises IrreversibleMigration on it). */
export function railsUpOnly(migration: RailsVersioned, call: string): string {
  return railsAtLeast(migration, 5.2) ? `up_only { ${call} }` : `reversible { |dir| dir.up { ${call} } }`;
}

/**
 * The block form of railsUpOnly: `body` (indented for inside `up_only do`) runs on the way up only. Before Rails 5.2
 * (no up_only) a `reversible` block with only `dir.up`, the body indented one level more (its blank lines kept empty).
 */
export function railsUpOnlyBlock(migration: RailsVersioned, body: string): string {
  if (railsAtLeast(migration, 5.2)) return [`up_only do`, body, `end`].join("\n");
  return [`reversible do |dir|`, `  dir.up do`, body.replace(/^(?=.)/gm, "  "), `  end`, `end`].join("\n");
}

/** Step 1 of removing the primary key column: Active Record cannot ignore its model's primary key, the model needs another one first. */
export function primaryKeyFix(repository: ModelLookup | undefined, table: string, column: string): string {
  const body = `self.primary_key = nil  # ${column} is the primary key: name the column(s) that identify a row once it is gone, if any (Rails 7.1+ takes a list)`;
  if (unmappedTable(repository, table)) return forUnmappedModel(table, body);
  const model = railsModel(repository, table);
  return [
    model.path ? `# in ${model.path}:` : model.note,
    modelClass(model, [body]),
  ]
    .filter(Boolean)
    .join("\n");
}

/** A call strong_migrations would stop, wrapped in safety_assured only where the project bundles strong_migrations. */
export const assured = (repository: Pick<RepositoryView, "strongMigrations"> | undefined, call: string): string =>
  repository?.strongMigrations ? `safety_assured { ${call} }` : call;

/** `AddIndexOnOrdersCustomerId < ActiveRecord::Migration[7.1]` from the migration's own file name and the Rails it runs on. */
export function railsClassHeader(migration: Migration, fallbackName: string, acronyms: readonly string[] = []): string {
  return `class ${railsClassName(migration, fallbackName, acronyms)} < ${railsMigrationSuperclass(migration)}`;
}

/**
 * The class name of a migration as Rails expects it from its file name: the file name (the migration's own, else
 * `fallbackName` as the new file's would be written: lower case, underscored) camelized as ActiveSupport does, with
 * the project's acronyms (`inflect.acronym`). A name built from an expression index keeps no upper case Rails would
 * not give it (`build_index_users_on_lower_name` -> `BuildIndexUsersOnLowerName`, not `...OnLOWERName`: NameError).
 */
export function railsClassName(migration: Pick<Migration, "name">, fallbackName: string, acronyms: readonly string[] = []): string {
  return railsMigrationClass((migration.name ?? fallbackName).replace(/\.rb$/, ""), acronyms) || "Migration";
}

/** A migration class of its own that runs outside the DDL transaction (what CONCURRENTLY needs). */
/**
 * `change`, or `up` alone for a build under existence checks: Rails cannot reverse a conditional (rolled back, the
 * check finds the index and skips its removal), and the migration it comes from ran it one way too.
 */
type ConcurrentMethod = "change" | "up";

export function railsConcurrentMigration(migration: Migration, fallbackName: string, body: string, acronyms: readonly string[] = [], method: ConcurrentMethod = "change"): string {
  return [railsClassHeader(migration, fallbackName, acronyms), "  disable_ddl_transaction!", "", `  def ${method}`, ...body.split("\n").map((l) => `    ${l}`), "  end", "end"].join("\n");
}

const singleLine = (op: Operation) => (op.text.includes("\n") ? undefined : op.text.trim());

/** An add_reference on one line is rewritten from the user's own call, so all it does moves with its index. */
const keepsWholeCall = (op: Operation) => (op.frameworkCall === "add_reference" || op.frameworkCall === "add_belongs_to") && singleLine(op) !== undefined && rubyReadersLoaded();

/**
 * A column of a table block (`t.references`, `t.string :slug, index: true`) whose index the block builds: on one
 * line, the column stays where it is with the index taken out of its call, and only the index moves.
 */
const keepsBlockColumn = (op: Operation) => /^t\.(?!index$)\w+$/.test(op.frameworkCall ?? "") && singleLine(op) !== undefined && rubyReadersLoaded();

/** The block's column call without its index: `index: false` for a reference (Rails indexes one by default). */
function blockColumnWithoutIndex(op: Operation): string {
  const own = rubyReaders().withoutOption(singleLine(op) ?? "", "index");
  return /^t\.(references|belongs_to)$/.test(op.frameworkCall ?? "") ? (rubyReaders().withOption(own, "index", "false") ?? `${own}, index: false`) : own;
}

/** The call that builds one index concurrently: add_index / add_reference / t.index in the migration's own terms. */
/** the build below, under the migration's own existence checks of the index (withIndexGuards) */
const concurrentIndexCall = (op: Extract<Operation, { kind: "add_index" }>, defaultName: (table: string, columns: string[]) => string): string =>
  withIndexGuards(op, unguardedConcurrentIndexCall(op, defaultName));

function unguardedConcurrentIndexCall(op: Extract<Operation, { kind: "add_index" }>, defaultName: (table: string, columns: string[]) => string): string {
  const call = op.frameworkCall ?? "";
  const own = singleLine(op);
  if (keepsBlockColumn(op)) return plainConcurrentIndex(op, defaultName);
  // the user's own add_reference with its options (type: :uuid, null:, foreign_key:), only its index built concurrently
  if (own && keepsWholeCall(op)) {
    const named = op.name && op.name !== defaultName(op.table, op.columns) ? `, name: ${JSON.stringify(op.name)}` : "";
    const index = `{ algorithm: :concurrently${op.unique ? ", unique: true" : ""}${named} }`;
    return rubyReaders().withOption(own, "index", index) ?? `${rubyReaders().withoutOption(own, "index")}, index: ${index}`;
  }
  // the user's own add_index with every option it has (where:, using:, opclass:, order:), built concurrently
  const ownAddIndex = call === "add_index" && own && rubyReadersLoaded() ? rubyReaders().withOption(own, "algorithm", ":concurrently") : undefined;
  if (ownAddIndex) return ownAddIndex;
  if (/(^|\.)(add_reference|add_belongs_to|references|belongs_to)$/.test(call)) {
    const id = op.columns[op.columns.length - 1] ?? "ref_id";
    const polymorphic = op.columns.length === 2 && op.columns[0].endsWith("_type");
    return `add_reference ${sym(op.table)}, ${sym(id.replace(/_id$/, ""))}${polymorphic ? ", polymorphic: true" : ""}, index: { algorithm: :concurrently${op.unique ? ", unique: true" : ""} }`;
  }
  return plainConcurrentIndex(op, defaultName);
}

/** An add_reference / add_belongs_to call (not a table block's column) whose index the migration builds. */
const isReference = (op: Operation) => !keepsBlockColumn(op) && /^(add_reference|add_belongs_to)$/.test(op.frameworkCall ?? "");

/** The user's add_reference without its index (`index: false`: Rails indexes a reference by default), or where to say so. */
function referenceWithoutIndex(op: Operation): string {
  const own = singleLine(op);
  if (own && rubyReadersLoaded()) return `${rubyReaders().withoutOption(own, "index")}, index: false`;
  return `# the ${op.frameworkCall} of line ${op.loc.line}, with index: false`;
}

/** add_index ..., algorithm: :concurrently for the index as the operation describes it. */
function plainConcurrentIndex(op: Extract<Operation, { kind: "add_index" }>, defaultName: (table: string, columns: string[]) => string): string {
  const named = op.name && op.name !== defaultName(op.table, op.columns) ? `, name: ${JSON.stringify(op.name)}` : "";
  const unreadWhere = op.partial && !op.predicate ? "# add the index's where: as written (migguard could not read it)\n" : "";
  return `${unreadWhere}add_index ${sym(op.table)}, ${list(op.columns)}${op.unique ? ", unique: true" : ""}${named}${op.partial && op.predicate ? `, where: ${JSON.stringify(op.predicate)}` : ""}, algorithm: :concurrently`;
}

/** Operations that change nothing a split migration would have to keep (session settings, transaction control). */
export const INERT = new Set<Operation["kind"]>(["set_setting", "transaction_control"]);

/**
 * add_index / add_reference / t.index built concurrently, in the migration's own terms. CONCURRENTLY needs the
 * migration outside its DDL transaction: when the up does more than build these indexes, the rest stays where it
 * is (in its transaction) and the indexes move to a migration of their own, so the fix drops none of the work.
 */
export function railsIndexFix(
  op: Extract<Operation, { kind: "add_index" }>,
  migration: Migration,
  defaultName: (table: string, columns: string[]) => string,
  /** the embedded statement (`execute "CREATE INDEX ..."`) rebuilt CONCURRENTLY, as the caller already parsed it */
  embeddedCreate?: string,
  /** the indexes that need CONCURRENTLY (those of tables with rows), by position in the up: one of a table created here stays with it */
  needsConcurrently: (index: number) => boolean = () => true,
  /** where a new migration goes (the folder's newest), for a split */
  place: MigrationPlace = {},
): string {
  const built = movableBuilds(migration, op, defaultName, embeddedCreate, needsConcurrently);
  if (built) {
    const moving = new Set<Operation>(built.map((b) => b.op));
    const rest = migration.up.filter((o) => !INERT.has(o.kind) && !moving.has(o));
    // the up builds only these indexes: the migration itself, every build concurrent, its down dropping them
    if (!rest.length && built.some((b) => b.op.embeddedSql))
      return railsConcurrentRuby(migration, built.flatMap((b) => b.up), [...built].reverse().flatMap((b) => b.down), "concurrent_index", place.railsAcronyms);
    const split = rest.length ? railsIndexSplit(migration, built, place) : undefined;
    if (split) return split;
  }
  if (op.embeddedSql) {
    const undo = op.name ? dropIndexConcurrently(op.name) : "# DROP INDEX CONCURRENTLY the index";
    const rebuild = op.name ? rebuiltIndex(migration, op, op.name) : undefined;
    const up = rebuild ? [rebuild.drop, embeddedCreate ?? op.text] : [embeddedCreate ?? op.text];
    const others = migration.up.some((o) => o !== op && !INERT.has(o.kind));
    if (!others) return railsConcurrentSql(migration, up, rebuild?.down ?? [undo], undefined, place.railsAcronyms);
    // the statement cannot be cut out of its SQL by lines: said, and the build in a class of its own name
    const name = `build_${(op.name ?? `${op.table.split(".").pop()}_${op.columns.join("_")}`).replace(/\W+/g, "_")}_concurrently`;
    return [
      `# Take this CREATE INDEX (line ${op.loc.line}) out of the SQL of ${railsClassName(migration, name, place.railsAcronyms)}: its other statements, and its down, stay there, in their transaction.`,
      `# Then build it in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):`,
      railsConcurrentSql({ ...migration, name: undefined }, up, rebuild?.down ?? [undo], name, place.railsAcronyms),
    ].join("\n");
  }
  // every index of the up built without CONCURRENTLY the same way (in Ruby), this one included
  const indexes = migration.up.filter((o, i): o is Extract<Operation, { kind: "add_index" }> => o.kind === "add_index" && !o.concurrently && !o.embeddedSql && needsConcurrently(i));
  if (!indexes.includes(op)) indexes.push(op);
  const byReference = (o: Operation) => !keepsBlockColumn(o) && /(^|\.)(add_reference|add_belongs_to|references|belongs_to)$/.test(o.frameworkCall ?? "");
  // add_reference's own column goes with the add_reference call that replaces it
  const referenceLines = new Set(indexes.filter(byReference).map((o) => o.loc.line));
  // a reference rewritten from the user's whole call takes its foreign key along too
  const wholeLines = new Set(indexes.filter(keepsWholeCall).map((o) => o.loc.line));
  const rest = migration.up.filter((o) => !INERT.has(o.kind) && o.kind !== "add_index" && !wholeLines.has(o.loc.line) && !(o.kind === "add_column" && referenceLines.has(o.loc.line)));
  const method = indexes.some(hasWrittenIndexGuards) ? "up" : "change";
  if (!rest.length) return railsConcurrentMigration(migration, `add_index_${op.table}`, indexes.map((o) => concurrentIndexCall(o, defaultName)).join("\n"), place.railsAcronyms, method);
  // the migration keeps other work (a backfill of the new column, say): each reference stays there with index: false
  // (its column is what that work reads) and the new migration builds only the index; repeating add_reference would
  // add the column twice (DuplicateColumn)
  const body = indexes.map((o) => (isReference(o) ? plainConcurrentIndex(o, defaultName) : concurrentIndexCall(o, defaultName))).join("\n");
  const first = indexes[0];
  const name = `add_index_on_${first.table.split(".").pop()}_${first.columns.join("_and_")}`;
  // columns of a table block keep their place (and their options: type:, foreign_key:), without their index
  const kept = [
    ...new Map([
      ...indexes.filter(keepsBlockColumn).map((o) => [o.loc.line, blockColumnWithoutIndex(o)] as const),
      ...indexes.filter(isReference).map((o) => [o.loc.line, referenceWithoutIndex(o)] as const),
    ]).values(),
  ];
  const many = indexes.length > 1;
  return railsMoveOutConcurrent(
    migration,
    name,
    body,
    `${many ? "these indexes" : "the index"}${migration.down.status === "present" && !migration.down.derived ? ` (and ${many ? "their" : "its"} removal out of its down)` : ""}`,
    `build ${many ? "them in a migration of their own" : "it in a migration of its own"}`,
    kept.length ? [`# In ${railsClassName(migration, name, place.railsAcronyms)}, keep ${kept.length > 1 ? "these columns" : "the column"} ${indexes.some(isReference) ? `where ${kept.length > 1 ? "they are" : "it is"}` : "in its table block"}, without ${kept.length > 1 ? "their indexes" : "its index"}:`, ...kept] : [],
    place.railsAcronyms,
    method,
  );
}

/**
 * An index the up drops and builds again under its name (claim's redo_index_sessions_ol_index: `DROP INDEX x;
 * CREATE INDEX x ON ...`): the concurrent build must drop the old one first, or it fails with "relation already
 * exists". The down the migration wrote, when it builds the index back (its old definition), done the same way.
 */
function rebuiltIndex(migration: Migration, op: Operation, name: string): { drop: string; down?: string[] } | undefined {
  const same = (o: Operation) => o.kind === "drop_index" && o.names.some((n) => nameKey(n) === nameKey(name));
  const at = migration.up.indexOf(op);
  if (!migration.up.slice(0, at).some(same)) return undefined;
  const drop = dropIndexConcurrently(name);
  const back = migration.down.status === "present" && !migration.down.derived ? migration.down.ops : [];
  const built = back.find((o) => o.kind === "add_index" && o.embeddedSql && o.name !== undefined && nameKey(o.name) === nameKey(name));
  const create = built ? concurrentIndexParts(built.text)?.create : undefined;
  return { drop, ...(create && back.some(same) ? { down: [drop, create] } : {}) };
}

/** The drop of an index built CONCURRENTLY (or of what a failed build left), by its name as PostgreSQL reads it. */
const dropIndexConcurrently = (name: string) => `DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`;

/** SQL that must run outside the DDL transaction, with up and down (execute has no inverse in `change`), one statement per execute. */
function railsConcurrentSql(migration: Migration, up: readonly string[], down: readonly string[], fallbackName = "concurrent_index", acronyms: readonly string[] = []): string {
  // each SQL statement in an execute of its own, as a Ruby string that means the SQL exactly (a `#{` or `\` in it is
  // not Ruby's to interpolate or unescape); a comment as it is
  return railsConcurrentRuby(migration, up.map(executeSql), down.map(executeSql), fallbackName, acronyms);
}

/** One SQL statement as a Ruby `execute` of a string that means the SQL exactly (its trailing `;` dropped); a comment as it is. */
const executeSql = (sql: string) => (sql.startsWith("#") ? sql : `execute ${rubyString(sql.replace(/;\s*$/, ""))}`);

/** The down of an add_index built CONCURRENTLY: remove_index by its name, else by its columns. */
const removeIndexConcurrently = (o: Extract<Operation, { kind: "add_index" }>) =>
  `remove_index ${sym(o.table)}, ${o.name ? `name: ${JSON.stringify(o.name)}` : `column: ${list(o.columns)}`}, algorithm: :concurrently`;

/** Ruby statements that must run outside the DDL transaction, in up and down. */
function railsConcurrentRuby(migration: Migration, up: readonly string[], down: readonly string[], fallbackName: string, acronyms: readonly string[] = []): string {
  const indent = (line: string) => line.replace(/^(?=.)/gm, "    ");
  return [railsClassHeader(migration, fallbackName, acronyms), "  disable_ddl_transaction!", "", "  def up", ...up.map(indent), "  end", "", "  def down", ...down.map(indent), "  end", "end"].join("\n");
}

/**
 * Every index build of the up that needs CONCURRENTLY and can move as written: an add_index call (its options
 * kept) or one statement of SQL. Undefined when `op` is not one of them (a reference's index, a table block's).
 * Each comes back as Ruby: `execute` of the SQL, or the call.
 */
function movableBuilds(
  migration: Migration,
  op: Extract<Operation, { kind: "add_index" }>,
  defaultName: (table: string, columns: string[]) => string,
  embeddedCreate: string | undefined,
  needsConcurrently: (index: number) => boolean,
): IndexBuild[] | undefined {
  if (!rubyReadersLoaded()) return undefined;
  const builds: IndexBuild[] = [];
  // an index that needs CONCURRENTLY and cannot move so (a reference's, a table block's): the other fixes do them all
  let unmovable = false;
  migration.up.forEach((o, i) => {
    if (o.kind !== "add_index" || o.concurrently || (o !== op && !needsConcurrently(i))) return;
    if (o.embeddedSql) {
      const create = o === op && embeddedCreate ? embeddedCreate : concurrentIndexParts(o.text)?.create;
      if (!create) return void (unmovable = true);
      const rebuild = o.name ? rebuiltIndex(migration, o, o.name) : undefined;
      // a drop and a CREATE INDEX: neither starts with `#`, each becomes an execute
      const up = [...(rebuild ? [rebuild.drop] : []), create].map(executeSql);
      const down = (rebuild?.down ?? [o.name ? dropIndexConcurrently(o.name) : "# DROP INDEX CONCURRENTLY the index (PostgreSQL named it)"]).map(executeSql);
      builds.push({ op: o, up, down });
      return;
    }
    if (o.frameworkCall !== "add_index" || singleLine(o) === undefined) return void (unmovable = true);
    builds.push({ op: o, up: [concurrentIndexCall(o, defaultName)], down: [removeIndexConcurrently(o)] });
  });
  return !unmovable && builds.some((b) => b.op === op) ? builds : undefined;
}

/**
 * CONCURRENTLY in a transaction: the same call, in a migration with disable_ddl_transaction! and no transaction
 * block. Alone in its up, the migration itself; beside other work, that work stays in the migration (in its
 * transaction) and the call moves to a new migration of its own name, never the class reprinted with the call alone.
 */
export function railsConcurrentlyFix(op: Operation, migration: Migration, place: MigrationPlace = {}): string {
  const call = singleLine(op) ?? (op.kind === "add_index" ? `add_index ${sym(op.table)}, ${list(op.columns)}, algorithm: :concurrently` : "# the CONCURRENTLY operation");
  const others = migration.up.some((o) => o !== op && !INERT.has(o.kind) && !(o.loc.line === op.loc.line && o.text === op.text));
  const undo = op.kind === "add_index" && op.name ? dropIndexConcurrently(op.name) : "# undo it, CONCURRENTLY";
  if (others && op.kind === "add_index" && (op.embeddedSql || singleLine(op) !== undefined)) {
    const build: IndexBuild = op.embeddedSql ? { op, up: [executeSql(op.text.trim())], down: [executeSql(undo)] } : { op, up: [call], down: [removeIndexConcurrently(op)] };
    const split = rubyReadersLoaded() ? railsIndexSplit(migration, [build], place) : undefined;
    if (split) return split;
  }
  const name = op.kind === "add_index" && op.name ? `build_${op.name.replace(/\W+/g, "_")}_concurrently` : "concurrent_index";
  const acronyms = place.railsAcronyms ?? [];
  const apart = others ? [`# Take line ${op.loc.line} out of ${railsClassName(migration, name, acronyms)}: its other changes, and its down, stay there, in their transaction.`, `# Then run it in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):`] : [];
  const own = others ? { ...migration, name: undefined } : migration;
  if (op.embeddedSql) {
    // execute has no inverse in `change`, and a string of several statements runs as one implicit transaction
    const note = migration.transactional ? "" : "# one statement per execute (several in one string run as one transaction), outside any `transaction do` block:\n";
    return [...apart, `${note}${railsConcurrentSql(own, [call], [undo], name, acronyms)}`].join("\n");
  }
  const note = migration.transactional ? "" : "# outside any `transaction do` block:\n";
  return [...apart, `${note}${railsConcurrentMigration(own, name, call, acronyms)}`].join("\n");
}

/** The user's own one-line add_reference (type: :uuid, null: kept) without its foreign_key: and index: options. */
function referenceWithoutKey(op: Operation): string | undefined {
  const own = singleLine(op);
  if (!own || !keepsWholeCall(op)) return undefined;
  const { withoutOption } = rubyReaders();
  return withoutOption(withoutOption(own, "foreign_key"), "index");
}

/** The reference call with its index built concurrently: the option goes inside the call's parentheses when it has them. */
const concurrentReference = (call: string): string =>
  (rubyReadersLoaded() ? rubyReaders().withOption(call, "index", "{ algorithm: :concurrently }") : undefined) ?? `${call}, index: { algorithm: :concurrently }`;

const NOTHING_TO_UNDO = "# nothing to undo: validating only checked the rows";

/**
 * A statement that acts on what an operation added, for an operation the up runs only under existence checks
 * (Active Storage's `if table_exists?(:active_storage_blobs)`, which ifme never creates): it acts only if the thing
 * exists, or it fails on a database where the check skipped the operation (a validation, a down's removal).
 */
export const onlyIfAdded = (op: Operation, statement: string, exists: string) => (op.guards?.length ? `${statement} if ${exists}` : statement);

/**
 * A foreign key or CHECK added NOT VALID now and validated in the next migration, as strong_migrations prints it.
 * `atHead`: the table and name the validating migration, after the folder's newest, finds the constraint under.
 */
export function railsConstraintSteps(
  op: Extract<Operation, { kind: "add_constraint" }>,
  sqlCheck?: string,
  atHead: { table: string; name: string } = { table: op.table, name: op.name ?? derivedName(op.table, op.columns, op.constraint === "foreign_key" ? "fkey" : "check") },
): FixSteps {
  const call = op.frameworkCall ?? "";
  const text = singleLine(op);
  if (op.constraint === "foreign_key" && (!op.referencesTable || !op.columns[0])) {
    // what the key references (or which column it is on) is not in the call as migguard read it: no name is made up
    const validate = op.name
      ? `validate_foreign_key ${sym(atHead.table)}, name: ${JSON.stringify(atHead.name)}`
      : `# validate_foreign_key ${sym(atHead.table)} with the table the key of line ${op.loc.line} references (migguard could not read it)`;
    return {
      inPlace: `# instant: existing rows are not checked\n# migguard could not read the table or column of the foreign key on line ${op.loc.line}: add it as written there, with validate: false\n${text ?? op.text.trim()}`,
      steps: [{ name: `validate foreign key ${op.name ?? op.table}`, down: [NOTHING_TO_UNDO], statements: [validate] }],
    };
  }
  if (op.constraint === "foreign_key") {
    const to = op.referencesTable!;
    const column = op.columns[0];
    const columnOpt = column && column !== `${singularTable(to)}_id` ? `, column: ${sym(column)}` : "";
    // the key's own options (on_delete: of a reference's foreign_key: hash) stay: the same key, only unvalidated
    const kept = railsForeignKeyOptions(op.sql);
    const later = `add_foreign_key ${sym(op.table)}, ${sym(to)}${columnOpt}${kept}, validate: false`;
    // a reference of a table block stays there with its own options (type: :uuid, index:), its key added after the block
    const blockReference = /^t\.(references|belongs_to)$/.test(call) && text !== undefined && rubyReadersLoaded();
    const add = blockReference
      ? `# in its table block, the reference without foreign_key:\n${rubyReaders().withoutOption(text, "foreign_key")}\n# and after the block:\n${later}`
      : /(^|\.)(add_reference|add_belongs_to|references|belongs_to)$/.test(call)
        ? `${concurrentReference(referenceWithoutKey(op) ?? `add_reference ${sym(op.table)}, ${sym(column.replace(/_id$/, ""))}`)}  # with disable_ddl_transaction!\n${later}`
        : call === "add_foreign_key" && text && !/validate:/.test(text)
          ? (rubyReadersLoaded() ? rubyReaders().withOption(text, "validate", "false") : undefined) ?? later
          : later;
    // found by its tables and column, under their names then: a key to its own table follows that table's renames
    const headTo = nameKey(to) === nameKey(op.table) ? atHead.table : to;
    const validated = `${sym(atHead.table)}, ${sym(headTo)}${columnOpt}`;
    return { inPlace: `# instant: existing rows are not checked\n${add}`, steps: [{ name: `validate foreign key ${op.table} ${to}`, down: [NOTHING_TO_UNDO], statements: [onlyIfAdded(op, `validate_foreign_key ${validated}`, `foreign_key_exists?(${validated})`)] }] };
  }
  const name = op.name ?? derivedName(op.table, op.columns, "check");
  const own = op.text.trim();
  // the expression the adapter read (add_check_constraint, t.check_constraint), else the one of the embedded SQL
  const expression = op.expression ?? sqlCheck;
  const add =
    /^add_check_constraint\s/.test(own) && !/validate:/.test(own) && !/\)\s*$/.test(own) && !own.includes("\n")
      ? `${own}, validate: false`
      : expression !== undefined
        ? `add_check_constraint ${sym(op.table)}, ${rubyString(expression)}, name: ${JSON.stringify(name)}, validate: false`
        : `# migguard could not read the CHECK expression of line ${op.loc.line}: add the constraint as written there, with validate: false\n${own}`;
  return { inPlace: `# instant: existing rows are not checked\n${add}`, steps: [{ name: `validate ${name}`, down: [NOTHING_TO_UNDO], statements: [`validate_check_constraint ${sym(atHead.table)}, name: ${JSON.stringify(atHead.name)}`] }] };
}

/** The VALIDATE of a constraint added NOT VALID, moved out of the transaction that added it. */
export function railsValidateFix(
  op: Extract<Operation, { kind: "validate_constraint" }>,
  added: Extract<Operation, { kind: "add_constraint" }>,
): string {
  const name = op.name ?? added.name;
  let call: string;
  // no name read (validate_constraint :t): the migration's own call, as written, is the one that validates it
  if (name === undefined) call = op.text.trim();
  else if (op.embeddedSql) call = `execute ${JSON.stringify(`ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}`)}`;
  else if (added.constraint === "foreign_key" && added.referencesTable && !added.embeddedSql && /^fk_rails_/.test(name)) {
    const column = added.columns[0];
    const columnOpt = column && column !== `${singularTable(added.referencesTable)}_id` ? `, column: ${sym(column)}` : "";
    call = `validate_foreign_key ${sym(op.table)}, ${sym(added.referencesTable)}${columnOpt}`;
  } else if (added.constraint === "foreign_key") call = `validate_foreign_key ${sym(op.table)}, name: ${JSON.stringify(name)}`;
  else call = `validate_check_constraint ${sym(op.table)}, name: ${JSON.stringify(name)}`;
  return `# in a migration of its own (or after disable_ddl_transaction!, so that each statement commits):\n${call}`;
}

const singularTable = (table: string) => {
  const base = table.split(".").pop() ?? table;
  return base.endsWith("ies") ? `${base.slice(0, -3)}y` : base.replace(/(ss|x|ch|sh)es$/, "$1").replace(/s$/, "");
};

/** What a hand-written `def down` must add, for the schema the up leaves behind. */
export function railsDownFix(entries: readonly DeltaEntry[], options: { inChange?: boolean } = {}): string {
  const lines = entries.map((entry) => {
    if (entry.net < 0) return `# recreate ${entry.label} as it was before the up`;
    const left = leftOver(entry);
    switch (left.kind) {
      case "table":
        return `drop_table ${sym(left.name)}`;
      case "column":
        return `remove_column ${sym(left.table)}, ${sym(left.column)}`;
      case "index":
        return `remove_index ${sym(left.table ?? "table")}, name: ${JSON.stringify(left.name)}`;
      case "constraint":
        if (!left.table) return embedSql("rails", dropConstraintOfUnknownTable(left.name));
        return `execute "ALTER TABLE ${left.table} DROP CONSTRAINT ${left.name}"${left.defaultName ? "  # PostgreSQL's default name" : ""}`;
      case "object":
        return `execute "DROP ${left.type.replace("_", " ").toUpperCase()} IF EXISTS ${left.name}${left.table ? ` ON ${left.table}` : ""}"`;
    }
  });
  // in `def change` the SQL that Rails cannot invert needs its inverse beside it, in the same reversible block
  if (options.inChange) {
    // the up is the migration's own code of what the down misses (each call once), moved into the block
    const ups = entries.map((e) => e.upOp).filter((op): op is Operation => op !== undefined).sort((a, b) => a.loc.line - b.loc.line);
    const up = ups.length ? dataCodeOf("rails", ups) : "# the statements of `change` these undo, moved here";
    const indented = (text: string) => text.split("\n").map((l) => (l ? `    ${l}` : l)).join("\n");
    return `reversible do |dir|\n  dir.up do\n${indented(up)}\n  end\n  dir.down do\n${lines.map((l) => `    ${l}`).join("\n")}\n  end\nend`;
  }
  return `def down\n  # add, in reverse order of the up:\n${lines.map((l) => `  ${l}`).join("\n")}\nend`;
}

/** create_table ... force: drops the table it replaces. */
export function railsDropTableFix(op: Extract<Operation, { kind: "drop_table" }>, table: string, copy: string): string | undefined {
  if (op.frameworkCall !== "create_table" && op.frameworkCall !== "create_join_table") return undefined;
  const first = op.text.split("\n")[0].trim().replace(/,\s*force:\s*(true|:cascade)/, "");
  const call = first.endsWith("|") ? `${first}\n  # ...\nend` : first;
  return [
    `# force: drops the existing ${table} and all its rows before creating the new one. Remove the option:`,
    call,
    `# and if ${table} must really go, drop it in a migration of its own after keeping a copy:`,
    `# execute ${JSON.stringify(copy)}`,
  ].join("\n");
}
