/**
 * The `def down` that undoes a Rails up, operation by operation in reverse order, as Rails calls: drop what it
 * created, rename back, put back a nullability, a default or a type, re-add a dropped column or table with the
 * definition the earlier migrations or db/schema.rb give it. SQL the up runs through `execute` is undone in SQL
 * (sql-inverse). A part nothing in the repository says is said in a comment and raises
 * ActiveRecord::IrreversibleMigration, so a rollback never reports success having skipped it.
 */
import type { ColumnSpec, Operation } from "../../model.js";
import { rubyString } from "./embed-sql.js";
import { sym } from "./fix.js";
import { reindented } from "./data-code.js";
import { changeColumnBackCode, onlyIfAdded, railsType, rubyDefault } from "./rails-fix.js";
import { inverseOfUp, inverseSteps, type InverseSource, type InverseStep } from "./sql-inverse.js";
import { nameKey } from "./facts.js";
import { nullabilityBefore, unknownNullability } from "./prior-nullability.js";
import { railsIndexOptions } from "./rails-index-options.js";

const code = (text: string): InverseStep => ({ kind: "code", text });
const unknown = (text: string): InverseStep => ({ kind: "unknown", text });
const note = (text: string): InverseStep => ({ kind: "note", text });
const lineOf = (op: Operation) => `line ${op.loc.line}`;
const list = (columns: readonly string[]) => (columns.length === 1 ? sym(columns[0]) : `[${columns.map(sym).join(", ")}]`);

/** A SQL default as Rails takes it: a lambda's SQL is written as it stands (`-> { "now()" }`). */
const sqlDefault = (expr: string) => `-> { ${rubyString(expr)} }`;

/** The column a remove_column took away, added back as the earlier migrations or the schema dump define it. */
function addBack(op: Extract<Operation, { kind: "drop_column" }>, index: number, repository: InverseSource | undefined): InverseStep[] {
  const definition: ColumnSpec | undefined = repository?.columnDefinition(op.table, op.column);
  const type = op.type ?? repository?.columnType(op.table, op.column, index) ?? definition?.type;
  if (!type) return [unknown(`${lineOf(op)} removes ${op.table}.${op.column}: migguard found no type for it in db/schema.rb, db/structure.sql or the earlier migrations; add it back with add_column`)];
  // a NOT NULL column with no default cannot come back NOT NULL on a table with rows: its values are gone
  const options = definition?.default ? `, default: ${sqlDefault(definition.default.expr)}${definition.notNull ? ", null: false" : ""}` : "";
  const lost = definition?.notNull && !definition.default ? `; it was NOT NULL: fill it, then change_column_null ${sym(op.table)}, ${sym(op.column)}, false` : "";
  return [note(`${op.table}.${op.column} comes back empty: the values up removed are gone${lost}`), code(`add_column ${sym(op.table)}, ${sym(op.column)}, ${railsType(type)}${options}`)];
}

/**
 * The indexes that went with a removed column (PostgreSQL drops every index that reads it, and remove_column does
 * so without a word: service-manual-publisher 20200604155614's unique index), added back after it as the earlier
 * migrations defined them. One the up removes itself (remove_index) comes back by that step's inverse.
 */
function indexesBack(op: Extract<Operation, { kind: "drop_column" }>, repository: InverseSource | undefined, up: readonly Operation[] | undefined): InverseStep[] {
  const removedByUp = (name: string) => up?.some((o) => o.kind === "drop_index" && o.names.some((n) => nameKey(n) === nameKey(name)));
  const indexes = (repository?.namedTableIndexes?.(op.table) ?? []).filter((i) => i.reads.some((c) => nameKey(c) === nameKey(op.column)) && !removedByUp(i.name));
  return indexes.map((i) => indexBack(op.table, i, repository, `${lineOf(op)} also drops index ${i.name} of ${op.table}, which reads ${op.column}`));
}

/** An index of the history added back as the migration that created it defined it; what migguard did not read of it is said, never guessed. */
function indexBack(table: string, i: { name: string; columns: string[]; unique?: boolean; sql?: string }, repository: InverseSource | undefined, what: string): InverseStep {
  if (i.sql) return code(`execute ${rubyString(i.sql.trim().replace(/;\s*$/, ""))}`);
  const shape = repository?.indexDefinition(i.name)?.shape;
  const shaping = railsIndexOptions(shape);
  if (!i.columns.length || shape?.method || shaping.unknown.length || (shape?.partial && !shape.predicate)) return unknown(`${what}: add it back as the earlier migration that created it defines it`);
  return code(`add_index ${sym(table)}, ${list(i.columns)}, name: ${rubyString(i.name)}${i.unique ? ", unique: true" : ""}${shape?.predicate ? `, where: ${rubyString(shape.predicate)}` : ""}${shaping.written.map((o) => `, ${o}`).join("")}`);
}

/** A dropped table, created again by the earlier migration's own create_table (or its SQL), while nothing changed it since. */
function recreate(op: Extract<Operation, { kind: "drop_table" }>, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined): InverseStep[] {
  return op.tables.flatMap((table) => {
    const definition = repository?.tableDefinition(table);
    if (definition && !definition.embeddedSql && definition.frameworkCall === "create_table" && /^create_table\b/.test(definition.text.trim())) {
      // the indexes later migrations gave it (an add_index after the create_table): the copy of the block alone loses them
      const later = (repository?.namedTableIndexes?.(table) ?? []).filter((i) => !i.withTable);
      return [
        note(`${table} as the earlier migration created it (the rows cannot come back)`),
        code(reindented(definition.text.trim())),
        ...later.map((i) => indexBack(table, i, repository, `${table} also had index ${i.name}`)),
      ];
    }
    return inverseSteps({ ...op, tables: [table] }, index, created, repository) ?? [];
  });
}

/**
 * Before the down adds back an index the up removed: a later step of the up migguard cannot read (an application's
 * helper, demarches-simplifiees' add_concurrent_index) may have built an index under the same name, and the add_index
 * would fail on it. Whatever holds that name when this down runs was built after the removal, by this up (later
 * migrations are rolled back first), so removing it, where it exists, is that step's undoing.
 */
function freeIndexName(op: Extract<Operation, { kind: "drop_index" }>, index: number, up: readonly Operation[] | undefined): InverseStep[] {
  const name = op.names[0];
  const helper = up?.slice(index + 1).find((later) => later.kind === "raw" && later.opaque);
  if (!name || !op.table || !helper || helper.kind !== "raw") return [];
  const t = sym(op.table);
  return [
    note(`${lineOf(helper)} (${helper.statement}) may have built an index named ${name}: it goes first, so the add_index below can take the name back`),
    code(`remove_index ${t}, name: ${rubyString(name)} if index_name_exists?(${t}, ${rubyString(name)})`),
  ];
}

/** The steps that undo one operation of a Rails up; undefined when it changes nothing a down must take back. */
export function railsInverseSteps(op: Operation, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined, up?: readonly Operation[]): InverseStep[] | undefined {
  if (op.embeddedSql) return inverseSteps(op, index, created, repository);
  const onNewTable = (table: string | undefined) => table !== undefined && created.has(nameKey(table));
  const t = "table" in op && typeof op.table === "string" ? sym(op.table) : "";
  switch (op.kind) {
    case "create_table":
      return op.temporary ? undefined : [code(`drop_table ${t}`)];
    case "add_column":
      return onNewTable(op.table) ? undefined : [code(onlyIfAdded(op, `remove_column ${t}, ${sym(op.column.name)}`, `column_exists?(${t}, ${sym(op.column.name)})`))];
    case "add_index":
      if (onNewTable(op.table)) return undefined;
      if (op.name) return [code(onlyIfAdded(op, `remove_index ${t}, name: ${rubyString(op.name)}`, `index_name_exists?(${t}, ${rubyString(op.name)})`))];
      return [op.columns.length ? code(onlyIfAdded(op, `remove_index ${t}, column: ${list(op.columns)}`, `index_exists?(${t}, ${list(op.columns)})`)) : unknown(`${lineOf(op)} adds an index without a name or columns to ${op.table}: remove it by the name the database gave it`)];
    case "add_constraint":
      if (onNewTable(op.table)) return undefined;
      if (op.constraint === "foreign_key" && (op.name || op.referencesTable)) {
        const key = `${t}, ${op.name ? `name: ${rubyString(op.name)}` : sym(op.referencesTable!)}`;
        // an up that added the key only under its checks (`if table_exists?(...)`) may have added none: the down checks too
        return [code(onlyIfAdded(op, `remove_foreign_key ${key}`, `foreign_key_exists?(${key})`))];
      }
      if (op.constraint === "check" && op.name) return [code(`remove_check_constraint ${t}, name: ${rubyString(op.name)}`)];
      if (op.name) return [code(`execute ${rubyString(`ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name}`)}`)];
      return [unknown(`${lineOf(op)} adds a ${op.constraint.replace("_", " ")} constraint without a name to ${op.table}: remove it by the name the database gave it`)];
    case "rename_table":
      return [code(`rename_table ${sym(op.newName)}, ${sym(op.table)}`)];
    case "rename_column":
      return [code(`rename_column ${t}, ${sym(op.newName)}, ${sym(op.column)}`)];
    case "alter_column_type": {
      if (onNewTable(op.table)) return undefined;
      const before = op.fromType ?? repository?.columnType(op.table, op.column, index);
      // change_column restating the type to set a default or NULL-ness: no type to put back
      if (before && before.text === op.type.text && railsType(before) === railsType(op.type)) return undefined;
      return [
        before
          ? code(changeColumnBackCode(op.table, op.column, op.type, before, repository?.columnDefinition(op.table, op.column), undefined, op.using))
          : unknown(`${lineOf(op)} changes the type of ${op.table}.${op.column}: migguard found no earlier type in db/schema.rb, db/structure.sql or the earlier migrations; put it back with change_column`),
      ];
    }
    case "set_not_null":
      // a column NOT NULL already (change_column ..., null: false restating it) keeps it on the way down
      return onNewTable(op.table) || nullabilityBefore(op, repository) === "not-null" ? undefined : [code(`change_column_null ${t}, ${sym(op.column)}, true`)];
    case "drop_not_null": {
      // NOT NULL comes back only where it was: a column nullable before up gets nothing
      if (onNewTable(op.table)) return undefined;
      const before = nullabilityBefore(op, repository);
      if (before === "nullable") return undefined;
      const setNotNull = `change_column_null ${t}, ${sym(op.column)}, false`;
      return [before === "not-null" ? code(`${setNotNull}  # fails if rows with NULL were written since up`) : note(unknownNullability(op, setNotNull))];
    }
    case "set_default": {
      if (onNewTable(op.table)) return undefined;
      const before = repository?.columnDefinition(op.table, op.column);
      if (before?.serial || before?.generated === "identity") return inverseSteps(op, index, created, repository);
      if (!before) return [code(`change_column_default ${t}, ${sym(op.column)}, nil  # if ${op.column} had a default before up, put that one here`)];
      return [code(`change_column_default ${t}, ${sym(op.column)}, ${before.default ? rubyDefault(before.default.expr) : "nil"}`)];
    }
    case "drop_default": {
      const before = repository?.columnDefinition(op.table, op.column)?.default;
      return [before ? code(`change_column_default ${t}, ${sym(op.column)}, ${rubyDefault(before.expr)}`) : unknown(`${lineOf(op)} drops the default of ${op.table}.${op.column}: put back the one it had with change_column_default (migguard does not know it)`)];
    }
    case "drop_column": {
      const column = addBack(op, index, repository);
      return column.some((s) => s.kind === "code") ? [...column, ...indexesBack(op, repository, up)] : column;
    }
    case "drop_table":
      return recreate(op, index, created, repository);
    case "drop_index":
      if (op.table && op.columns.length) {
        // unique and WHERE as the earlier migration that created it gave them: remove_index by columns does not say them
        const earlier = op.names[0] ? repository?.indexDefinition(op.names[0]) : undefined;
        const options = `${earlier?.unique ? ", unique: true" : ""}${earlier?.shape?.predicate ? `, where: ${rubyString(earlier.shape.predicate)}` : ""}`;
        return [...freeIndexName(op, index, up), code(`add_index ${sym(op.table)}, ${list(op.columns)}${op.names[0] ? `, name: ${rubyString(op.names[0])}` : ""}${options}`)];
      }
      return inverseSteps(op, index, created, repository);
    case "create_object":
      return op.objectType === "extension" ? (op.ifNotExists ? undefined : [code(`disable_extension ${rubyString(op.name)}`)]) : inverseSteps(op, index, created, repository);
    default:
      return inverseSteps(op, index, created, repository);
  }
}

/**
 * Ruby statements for the steps: SQL through execute, a part migguard cannot know as a comment in its place and one
 * raise after every step (a raise between steps would leave the code after it unreachable; at the end, the
 * transaction of the rollback undoes what ran before it until the comments are done by hand).
 */
export function railsStatements(steps: readonly InverseStep[]): string[] {
  const unknowns = steps.filter((s) => s.kind === "unknown").map((s) => s.text);
  const raise = unknowns.length ? [`raise ActiveRecord::IrreversibleMigration, ${rubyString(`irreversible: ${unknowns.join("; ")}`)}`] : [];
  return [...steps.flatMap((s) => {
    switch (s.kind) {
      case "code":
        return [s.text];
      case "sql":
        return [`execute ${rubyString(s.text)}`];
      case "note":
        return s.text.split("\n").map((l) => `# ${l}`);
      case "unknown":
        return [`# ${s.text}`];
    }
  }), ...raise];
}

const isData = (op: Operation) => op.kind === "dml" || op.kind === "data_migration";
const INERT = new Set<Operation["kind"]>(["transaction_control", "set_setting"]);

/**
 * The `def down` for `up`: its inverse, or for an up that only changes rows, the explicit no-op that says the
 * clean-up is one-way (there is no schema to put back, and the old rows are not kept).
 */
export function railsDownFor(up: readonly Operation[], repository: InverseSource | undefined): string {
  const meaningful = up.filter((op) => !INERT.has(op.kind));
  const body =
    meaningful.length && meaningful.every(isData)
      ? [
          meaningful.every((op) => op.kind === "dml" && op.verb === "delete")
            ? "# one-way data clean-up: the deleted rows are not restored (nothing in the schema to put back)"
            : "# one-way data change: the rows up changed keep their new values (nothing in the schema to put back)",
        ]
      : railsStatements(inverseOfUp(meaningful, repository, railsInverseSteps));
  return `def down\n${(body.length ? body : ["# up changes nothing a down must take back"]).flatMap((l) => l.split("\n")).map((l) => (l ? `  ${l}` : l)).join("\n")}\nend`;
}
