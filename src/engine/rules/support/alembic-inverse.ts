/**
 * The downgrade() that undoes an Alembic upgrade(), operation by operation in reverse order, as Alembic calls:
 * drop what it created, rename back, put back a nullability, a default or a type, re-add a dropped column or
 * table with the definition the earlier revisions give it. SQL the upgrade runs through op.execute is undone in
 * SQL (sql-inverse). A part nothing in the repository says (a dropped table with no earlier definition) is said
 * in a comment and raises, so a downgrade never reports success having skipped it.
 */
import { castExists } from "../../assignment-casts.js";
import type { ColumnSpec, Operation, TypeRef } from "../../model.js";
import { alembicTable, pythonString } from "./embed-sql.js";
import { derivedName, ident } from "./fix.js";
import { saType, sqlalchemy2 } from "./column-code.js";
import { defaultNotConverted, inverseOfUp, inverseSteps, typeBack, type InverseSource, type InverseStep } from "./sql-inverse.js";
import { nameKey } from "./facts.js";
import { freeNames } from "./python-free-names.js";
import { sourceImports } from "./next-migration.js";
import { parseOne } from "./sql-text.js";
import { nullabilityBefore, unknownNullability } from "./prior-nullability.js";

const code = (text: string): InverseStep => ({ kind: "code", text });
const unknown = (text: string): InverseStep => ({ kind: "unknown", text });
const note = (text: string): InverseStep => ({ kind: "note", text });
const str = pythonString;
/** `"table", schema="s"`: the table and its schema (keyword arguments may follow) */
const tableArgs = (table: string) => {
  const t = alembicTable(table);
  return `${t.name}${t.schema}`;
};
/** `"table", "column", schema="s"`: an op that takes a table and a column */
const tableColumn = (table: string, column: string) => {
  const t = alembicTable(table);
  return `${t.name}, ${str(column)}${t.schema}`;
};
const lineOf = (op: Operation) => `line ${op.loc.line}`;

/** `alter_column`'s constraint type names for drop_constraint(type_=...). */
const CONSTRAINT_TYPES: Partial<Record<string, string>> = { foreign_key: "foreignkey", unique: "unique", check: "check", primary_key: "primary" };
/** PostgreSQL's own suffix for a constraint it names itself (an unnamed ForeignKey / unique=True of a Column). */
const DEFAULT_SUFFIXES: Partial<Record<string, string>> = { foreign_key: "fkey", unique: "key", check: "check" };

/** `server_default=sa.text("...")` for a default as SQL. */
const serverDefault = (expr: string) => `server_default=sa.text(${str(expr)})`;

/**
 * The default as SQL: an earlier revision's `server_default=json.dumps({})` or `server_default=constants.ONLINE` is
 * Python evaluated when it ran, kept as written, which is no SQL to put back.
 */
const sqlDefaultOf = (column: ColumnSpec | undefined) =>
  // a Python constant (`constants.ONLINE`) parses as a column reference, yet is no SQL either
  column?.default && column.default.python === undefined && parseOne(`SELECT ${column.default.expr}`) ? column.default : undefined;

/** `sa.Column("name", sa.Text(), nullable=..., server_default=...)`, or undefined for a type SQLAlchemy has no class for. */
function saColumn(column: ColumnSpec, type: TypeRef | undefined, options: { keepNotNull: boolean; since2: boolean | undefined }): string | undefined {
  const sa = type && saType(type, options.since2);
  if (!sa) return undefined;
  const args = [str(column.name), sa];
  if (column.primaryKey) args.push("primary_key=True");
  const dflt = sqlDefaultOf(column);
  if (dflt && !column.serial && column.generated === undefined) args.push(serverDefault(dflt.expr));
  if (!column.primaryKey) args.push(`nullable=${column.notNull && options.keepNotNull ? "False" : "True"}`);
  return `sa.Column(${args.join(", ")})`;
}

/** `existing_type=...` when the repository knows the column's type: Alembic needs it on MySQL, and it documents the call. */
const existingType = (repository: InverseSource | undefined, table: string, column: string, index: number) => {
  const type = repository?.columnType(table, column, index);
  const sa = type && saType(type, sqlalchemy2(repository));
  return sa ? `, existing_type=${sa}` : "";
};

/** A default an earlier revision computed in Python: its value is not in the repository. */
const unknownDefault = (op: Operation & { table: string; column: string }, before: ColumnSpec) =>
  unknown(`${lineOf(op)} changes the default of ${op.table}.${op.column}, which an earlier revision computed in Python (${before.default!.expr}): put back the value it gave`);

/** The column a drop_column took away, added back as the earlier revisions define it. */
function addBack(op: Extract<Operation, { kind: "drop_column" }>, index: number, repository: InverseSource | undefined): InverseStep[] {
  const definition = repository?.columnDefinition(op.table, op.column);
  const type = op.type ?? repository?.columnType(op.table, op.column, index) ?? definition?.type;
  if (!type) return [unknown(`${lineOf(op)} drops ${op.table}.${op.column}: migguard found no type for it in the earlier revisions; add it back with op.add_column`)];
  const column: ColumnSpec = definition ?? { name: op.column, type, notNull: false, primaryKey: false, unique: false, check: false, serial: false };
  // a NOT NULL column with no default cannot come back NOT NULL on a table with rows: its values are gone
  const keepNotNull = column.notNull && sqlDefaultOf(column) !== undefined;
  const lost = column.notNull && !keepNotNull ? `; it was NOT NULL: fill it, then op.alter_column(${tableColumn(op.table, op.column)}, nullable=False)` : "";
  const sa = saColumn({ ...column, name: op.column }, type, { keepNotNull, since2: sqlalchemy2(repository) });
  const call = sa
    ? `op.add_column(${alembicTable(op.table).name}, ${sa}${alembicTable(op.table).schema})`
    : `op.execute(${str(`ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column)} ${type.text}${keepNotNull ? ` DEFAULT ${sqlDefaultOf(column)!.expr} NOT NULL` : ""}`)})`;
  return [note(`${op.table}.${op.column} comes back empty: the values upgrade() dropped are gone${lost}`), code(call)];
}

/** The table a drop_table took away, created again as the earlier revisions define it. */
function recreate(op: Extract<Operation, { kind: "drop_table" }>, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined): InverseStep[] {
  return op.tables.flatMap((table) => {
    const grown = repository?.grownTableDefinition?.(table);
    const definition = grown?.complete ? grown.create : repository?.tableDefinition(table);
    const columns = grown?.complete ? [...grown.create.columns, ...grown.added.map((a) => a.column)] : (definition?.columns ?? []);
    const rendered = columns.map((c) => saColumn(c, c.type, { keepNotNull: true, since2: sqlalchemy2(repository) }));
    if (definition && !definition.embeddedSql && columns.length && rendered.every((c) => c !== undefined)) {
      const keys = definition.constraints.filter((c) => c.type === "primary_key" && !columns.some((col) => col.primaryKey)).map((c) => `sa.PrimaryKeyConstraint(${c.columns.map(str).join(", ")})`);
      // its foreign keys and unique constraints as that revision declared them (the ones the schema state knows whole)
      const foreignKeys = definition.constraints.flatMap((c) =>
        c.type === "foreign_key" && c.references && c.references.columns.length === c.columns.length
          ? [`sa.ForeignKeyConstraint([${c.columns.map(str).join(", ")}], [${c.references.columns.map((r) => str(`${c.references!.table}.${r}`)).join(", ")}]${c.name ? `, name=${str(c.name)}` : ""})`]
          : [],
      );
      const uniques = definition.constraints.flatMap((c) => (c.type === "unique" && c.columns.length ? [`sa.UniqueConstraint(${c.columns.map(str).join(", ")}${c.name ? `, name=${str(c.name)}` : ""})`] : []));
      const lost = definition.constraints.filter((c) => (c.type === "foreign_key" && !(c.references && c.references.columns.length === c.columns.length)) || c.type === "check" || c.type === "exclusion");
      return [
        note(`${table} as the earlier revisions define it (the rows cannot come back)`),
        code(`op.create_table(\n    ${[str(table), ...rendered, ...keys, ...foreignKeys, ...uniques].join(",\n    ")},\n)`),
        ...(lost.length ? [unknown(`${table} also had ${lost.map((c) => `a ${c.type.replace("_", " ")}${c.name ? ` ${c.name}` : ""} on ${c.columns.join(", ") || "an expression"}`).join(", ")}, which migguard cannot write out: add ${lost.length > 1 ? "them" : "it"} back`)] : []),
        ...tableIndexSteps(table, repository),
      ];
    }
    // written in SQL by an earlier revision (or unknown): the SQL inverse recreates it or says it cannot
    return inverseSteps({ ...op, tables: [table] }, index, created, repository) ?? [];
  });
}

/**
 * The indexes the earlier revisions left on a table the downgrade creates again: each by the call that makes it
 * (op.create_index of its columns), or its SQL as written; one on expressions or with a WHERE migguard only knows
 * by name is said, not guessed.
 */
function tableIndexSteps(table: string, repository: InverseSource | undefined, keep: (index: { name: string; reads: string[] }) => boolean = () => true): InverseStep[] {
  return (repository?.namedTableIndexes?.(table) ?? []).filter(keep).map((index) => {
    if (index.sql) return { kind: "sql", text: index.sql.trim().replace(/;\s*$/, "") } as InverseStep;
    const plain = index.columns.length > 0 && index.reads.length === index.columns.length;
    return plain
      ? code(`op.create_index(${str(index.name)}, ${tableArgs(table)}, [${index.columns.map(str).join(", ")}], unique=${index.unique ? "True" : "False"})`)
      : unknown(`index ${index.name} of ${table} reads expressions or has a WHERE migguard did not keep: create it again as its revision did`);
  });
}

/** The steps that undo one Alembic operation; undefined when it changes nothing a downgrade must take back. */
export function alembicInverseSteps(op: Operation, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined, up?: readonly Operation[]): InverseStep[] | undefined {
  // SQL run through op.execute is undone in SQL, through op.execute too
  if (op.embeddedSql) return inverseSteps(op, index, created, repository);
  const onNewTable = (table: string | undefined) => table !== undefined && created.has(nameKey(table));
  switch (op.kind) {
    case "create_table":
      return [code(`op.drop_table(${tableArgs(op.table)})`)];
    case "add_column":
      return onNewTable(op.table) ? undefined : [code(`op.drop_column(${tableColumn(op.table, op.column.name)})`)];
    case "add_index":
      if (onNewTable(op.table)) return undefined;
      return op.name ? [code(`op.drop_index(${str(op.name)}, table_name=${tableArgs(op.table)})`)] : inverseSteps(op, index, created, repository);
    case "add_constraint": {
      if (onNewTable(op.table)) return undefined;
      const type = CONSTRAINT_TYPES[op.constraint];
      const typeArg = type ? `, type_=${str(type)}` : "";
      if (op.name) return [code(`op.drop_constraint(${str(op.name)}, ${tableArgs(op.table)}${typeArg})`)];
      // a Column's ForeignKey or unique=True, a CHECK given no name: PostgreSQL names the constraint itself, <table>_<columns>_fkey / _key, <table>[_<its one column>]_check
      const suffix = DEFAULT_SUFFIXES[op.constraint];
      if (suffix && op.columns.length)
        return [code(`op.drop_constraint(${str(derivedName(op.table, op.columns, suffix))}, ${tableArgs(op.table)}${typeArg})  # the name PostgreSQL gives an unnamed ${op.constraint.replace("_", " ")}`)];
      return inverseSteps(op, index, created, repository);
    }
    case "rename_table":
      return [code(`op.rename_table(${str(op.newName.split(".").pop()!)}, ${tableArgs(op.table)})`)];
    case "rename_column":
      return [code(`op.alter_column(${tableColumn(op.table, op.newName)}, new_column_name=${str(op.column)})`)];
    case "alter_column_type": {
      if (onNewTable(op.table)) return undefined;
      const before = op.fromType ?? repository?.columnType(op.table, op.column, index);
      const sa = before && saType(before, sqlalchemy2(repository));
      const now = saType(op.type, sqlalchemy2(repository));
      // no cast back (integer -> uuid): the SQL step that says so, never a postgresql_using PostgreSQL rejects
      if (!sa || castExists(op.type, before) === false) return inverseSteps(op, index, created, repository);
      const back = code(`op.alter_column(${tableColumn(op.table, op.column)}, type_=${sa}${now ? `, existing_type=${now}` : ""}, postgresql_using=${str(`${ident(op.column)}::${before.text}`)})`);
      const plan = typeBack(op.type, before, () => repository?.columnDefinition(op.table, op.column));
      if (!plan.needsUsing) return [back];
      const restore = plan.unknownDefault
        ? [code(`# if ${op.column} had a default before upgrade() (the migrations do not show its definition), set it again here with server_default=`)]
        : plan.restoreDefault !== undefined
          ? [code(`op.alter_column(${tableColumn(op.table, op.column)}, ${serverDefault(plan.restoreDefault)})`)]
          : [];
      return [code(`op.alter_column(${tableColumn(op.table, op.column)}, server_default=None)  # ${defaultNotConverted(op.type, before)}`), back, ...restore];
    }
    case "set_not_null":
      return onNewTable(op.table) ? undefined : [code(`op.alter_column(${tableColumn(op.table, op.column)}${existingType(repository, op.table, op.column, index)}, nullable=True)`)];
    case "drop_not_null": {
      // NOT NULL comes back only where it was: a column nullable before upgrade() gets nothing
      if (onNewTable(op.table)) return undefined;
      const before = nullabilityBefore(op, repository);
      if (before === "nullable") return undefined;
      const setNotNull = `op.alter_column(${tableColumn(op.table, op.column)}${existingType(repository, op.table, op.column, index)}, nullable=False)`;
      return [before === "not-null" ? code(`${setNotNull}  # fails if rows with NULL were written since upgrade()`) : note(unknownNullability(op, setNotNull))];
    }
    case "set_default": {
      if (onNewTable(op.table)) return undefined;
      const before = repository?.columnDefinition(op.table, op.column);
      // a serial's default (nextval of its own sequence) is PostgreSQL's: the SQL inverse writes it
      if (before?.serial || before?.generated === "identity") return inverseSteps(op, index, created, repository);
      if (!before) return [code(`op.alter_column(${tableColumn(op.table, op.column)}, server_default=None)  # if ${op.column} had a default before upgrade(), put that one here`)];
      if (before.default && !sqlDefaultOf(before)) return [unknownDefault(op, before)];
      return [code(`op.alter_column(${tableColumn(op.table, op.column)}, ${before.default ? serverDefault(before.default.expr) : "server_default=None"})`)];
    }
    case "drop_default": {
      const before = repository?.columnDefinition(op.table, op.column);
      const dflt = sqlDefaultOf(before);
      if (dflt) return [code(`op.alter_column(${tableColumn(op.table, op.column)}, ${serverDefault(dflt.expr)})`)];
      return before?.default ? [unknownDefault(op, before)] : inverseSteps(op, index, created, repository);
    }
    case "drop_column": {
      // drop_column drops every index that reads the column with it: they come back after it (one the upgrade drops
      // itself with op.drop_index comes back by that step's inverse)
      const column = addBack(op, index, repository);
      const droppedByUp = (name: string) => up?.some((o) => o.kind === "drop_index" && o.names.some((n) => nameKey(n) === nameKey(name)));
      const onColumn = (i: { name: string; reads: string[] }) => i.reads.some((c) => nameKey(c) === nameKey(op.column)) && !droppedByUp(i.name);
      return column.some((s) => s.kind === "code") ? [...column, ...tableIndexSteps(op.table, repository, onColumn)] : column;
    }
    case "drop_table":
      return recreate(op, index, created, repository);
    case "raw":
      // a read changes nothing; a call into code migguard cannot read is said once for all (alembicInverse)
      return (op.statement === "SELECT" && op.mayWrite !== "code") || op.statement === "Call" ? undefined : inverseSteps(op, index, created, repository);
    default:
      return inverseSteps(op, index, created, repository);
  }
}

/**
 * Python statements for the steps: SQL through op.execute, a part migguard cannot know as a comment where its undo
 * belongs, and one raise last, so that no step or comment after it is unreachable while the rollback still fails loudly.
 */
export function alembicStatements(steps: readonly InverseStep[]): string[] {
  const unknown = steps.flatMap((s) => (s.kind === "unknown" ? [s.text] : []));
  const lines = steps.flatMap((s) => {
    switch (s.kind) {
      case "code":
        return [s.text];
      case "sql":
        return [`op.execute(${str(s.text)})`];
      case "note":
        return s.text.split("\n").map((l) => `# ${l}`);
      case "unknown":
        return [`# ${s.text}`];
    }
  });
  if (!unknown.length) return lines;
  const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more part${unknown.length > 2 ? "s" : ""} in the comments above)` : "";
  return [...lines, `raise NotImplementedError(${str(`irreversible: ${unknown[0]}${more}`)})`];
}

/** The statements of a downgrade() that undoes `up`, in reverse order (empty when nothing needs undoing). */
export function alembicInverse(up: readonly Operation[], repository: InverseSource | undefined): string[] {
  const steps = inverseOfUp(up, repository, alembicInverseSteps);
  // calls into code outside the revision (helpers, imported functions): usually data or nothing at all, so a
  // comment that asks, not a raise that would block the inverse of everything migguard does know
  const calls = up.filter(isOpaqueCall).map((op) => op.loc.line);
  if (calls.length && steps.length) steps.unshift(note(`upgrade() also calls code migguard cannot read (line${calls.length > 1 ? "s" : ""} ${calls.join(", ")}): if it changes the schema, undo that here too`));
  return alembicStatements(steps);
}

/** A call into Python code migguard cannot read (a helper, an imported function). */
const isOpaqueCall = (op: Operation) => op.kind === "raw" && op.statement === "Call";

/** a Python line that is no statement: blank, or only a comment */
const isNoStatement = (line: string) => /^\s*(?:#.*)?$/.test(line);

/**
 * `def downgrade():` with `body` (Python statements at the function's level); `pass` with a comment when empty, and
 * `pass` after a body of comments only (Python raises IndentationError on a function without a statement).
 */
export function alembicDowngrade(body: readonly string[], empty = "pass"): string {
  const lines = body.length === 0 ? [empty] : body.flatMap((l) => l.split("\n")).every(isNoStatement) ? [...body, "pass"] : body;
  return `def downgrade():\n${lines.flatMap((l) => l.split("\n")).map((l) => (l ? `    ${l}` : l)).join("\n")}`;
}

const isData = (op: Operation) => op.kind === "dml" || op.kind === "data_migration";

/**
 * A loop over what only running it tells (rows a query returns): its body's operations are listed after it, read
 * once, so a loop whose body only moves rows or calls code adds no schema work of its own.
 */
const isLoop = (op: Operation) => op.kind === "raw" && (op.statement === "for" || op.statement === "while");

/**
 * Only rows change: DML and data code, with reads and calls into code migguard cannot read around them (a
 * helper that computes the new values): a downgrade has no schema to put back.
 */
export const changesOnlyData = (up: readonly Operation[]): boolean => {
  const meaningful = up.filter((op) => op.kind !== "transaction_control" && op.kind !== "set_setting");
  return meaningful.some(isData) && meaningful.every((op) => isData(op) || isOpaqueCall(op) || isLoop(op) || (op.kind === "raw" && op.statement === "SELECT"));
};

/** The tables a data change names ("dashboards, queries"), for a comment. */
export const dataTables = (ops: readonly Operation[]): string =>
  [...new Set(ops.flatMap((op) => (op.kind === "data_migration" ? op.tables : op.kind === "dml" && op.table ? [op.table] : [])))].join(", ");

/**
 * The downgrade() for `up`: its inverse, or for an upgrade that only changes rows, the explicit no-op that says the
 * change is one-way (there is no schema to put back, and the old rows are not kept).
 */
export function alembicDowngradeFor(up: readonly Operation[], repository: InverseSource | undefined, source?: string): string {
  if (changesOnlyData(up)) {
    const tables = dataTables(up);
    return alembicDowngrade([`pass  # one-way data change: upgrade() only rewrites rows${tables ? ` of ${tables}` : ""}, and there is no schema to put back`]);
  }
  const body = alembicInverse(up, repository);
  const downgrade = alembicDowngrade(body, "pass  # upgrade() changes nothing a downgrade must take back");
  return [...dialectImports(body.join("\n"), source), downgrade].join("\n");
}

/** SQLAlchemy's dialect modules a downgrade may name a type from (saType: postgresql.JSONB()). */
const DIALECTS = ["postgresql", "mysql", "sqlite"];

/**
 * The imports the downgrade reads and the revision does not make (a type of the old column from a dialect module,
 * postgresql.JSONB(), where upgrade() only needed sa): said as lines for the top of the revision, else a NameError.
 */
function dialectImports(body: string, source: string | undefined): string[] {
  if (source === undefined) return [];
  const free = new Set(freeNames(body) ?? []);
  const imported = new Set(Object.keys(sourceImports(source)));
  return DIALECTS.filter((d) => free.has(d) && !imported.has(d)).map((d) => `from sqlalchemy.dialects import ${d}  # at the top of the revision: downgrade() reads it`);
}
