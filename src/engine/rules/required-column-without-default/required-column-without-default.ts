import { columnAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import type { ColumnSpec, Operation, OperationOf, TypeRef } from "../../model.js";
import { djangoUniqueFieldFix } from "../support/django-unique-field.js";
import { neutralDefault, neutralDefaultNote, saType, sqlalchemy2 } from "../support/column-code.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { nameKey } from "../support/facts.js";
import { positionsBy } from "../support/positions.js";
import { derivedName, ident, sym } from "../support/fix.js";
import { calleeOf, keywordText, keywordTruthy, withKeyword, withoutKeyword } from "../support/python-call.js";
import { railsType, railsUpOnly } from "../support/rails-fix.js";
import { perRowValue } from "../support/per-row-value.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { existingTable, upOps } from "../support/scope.js";
import { renamedUnseen, renamedUnseenMessage } from "./renamed-table.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { sqlDialect, migrationDialect } from "../support/sql-dialect.js";
import { reindented } from "../support/data-code.js";
import { renderFix } from "../support/fix-steps.js";
import { alterAddColumnsChanged, alterSubcommandsOf } from "../support/sql-text.js";
import { sqlNotNullSteps } from "../support/sql-not-null-steps.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { deployedInserts } from "../support/deployed-inserts.js";
import { singletonModelOf } from "./singleton-row.js";
import { emptiedByCascade } from "../support/cascade-emptied.js";
import { isDjangoFieldClass } from "../../adapters/python/django-fields.js";
import { packageDjangoClass } from "../../adapters/python/django-package-fields.js";
import { addCheckNotValid, removeCheck, validateCheck } from "../support/rails-constraint-code.js";
import type { RailsVersioned } from "../support/rails-version.js";
import { andList } from "../../in-words.js";
import { djangoModelField, type ModelField } from "../support/django-model-field.js";
import { statementKey } from "../support/statement-key.js";
import { CONSTANT_DEFAULT_REWRITES, constantDefaultRewrites } from "../support/volatile-fill.js";
import { mysqlColumnDefault } from "./mysql-column-default.js";
import { alembicWithoutFastDefault, djangoWithoutFastDefault, railsWithoutFastDefault, sqlFillThenNotNull, sqlWithoutFastDefault } from "./without-fast-default.js";

/** A default expression the migration wrote that is a real value (Django's callables come through as `<value of f>`). */
const knownDefault = (c: ColumnSpec): string | undefined => (c.default && !c.default.expr.startsWith("<") ? c.default.expr : undefined);

type AddColumn = OperationOf<"add_column">;

/**
 * PostgreSQL before 11 writes a default given on ADD COLUMN into every existing row (a rewrite): the fixes then add
 * the column nullable and fill it in batches instead of giving it a constant default (without-fast-default.ts).
 */
const defaultRewrites = (ctx: RuleContext): boolean => ctx.migration.database === "postgresql" && constantDefaultRewrites(ctx.postgresVersion);

/**
 * The column names a row (of another table, or an external id): a reference, a foreign key this migration adds,
 * or an `_id` column. No constant stands in for it: 0 or '' names no row, and a foreign key on it then fails.
 */
function namesARow(ctx: RuleContext, op: AddColumn): boolean {
  const c = op.column;
  if (c.references || /_id$/i.test(c.name)) return true;
  if (op.frameworkCall && /(?:^|\.)(?:add_reference|add_belongs_to|references|belongs_to)$/.test(op.frameworkCall)) return true;
  if (op.ormFieldDef && /(?:^|\.)(?:ForeignKey|OneToOneField)\(/.test(op.ormFieldDef)) return true;
  return ctx.migration.up.some(
    (o) => o.kind === "add_constraint" && o.constraint === "foreign_key" && nameKey(o.table) === nameKey(op.table) && o.columns.some((k) => nameKey(k) === nameKey(c.name)),
  );
}

/**
 * The default a fix may give the column: the one written, else a neutral value of its type unless the column names a
 * row or is unique (a constant stand-in collides at the second row: drone-tm's slug, given '' while line 24 indexes it unique).
 */
const fixDefault = (ctx: RuleContext, op: AddColumn, neutral: (type: TypeRef | undefined) => string | undefined): string | undefined =>
  knownDefault(op.column) ?? (namesARow(ctx, op) || uniqueReason(ctx, op) ? undefined : neutral(op.column.type));

/** Why the column takes no shared stand-in: it is unique as added, or becomes unique later in this migration. */
const uniqueReason = (ctx: RuleContext, op: AddColumn): string | undefined => (op.column.unique ? `${op.column.name} is unique` : uniqueLater(ctx, op));

/**
 * Why the fix gives each existing row its own value (distinctFill): the column is unique, and neither has a default
 * written nor names a row (whose fixes say so themselves).
 */
const distinctReason = (ctx: RuleContext, op: AddColumn): string | undefined => (knownDefault(op.column) || namesARow(ctx, op) ? undefined : uniqueReason(ctx, op));

/**
 * A unique column added nullable gets each existing row its own value before it becomes unique or NOT NULL: a
 * per-row value PostgreSQL computes (a stand-in, said so), or, for a type with none, a comment that migguard does not
 * know what each row gets. The UPDATE as SQL, or undefined with the comment only.
 */
function distinctFill(op: AddColumn, reason: string, comment: "--" | "#", postgresVersion: number, mysql = false): { intro: string[]; update?: string; note: string } {
  const c = op.column;
  const value = mysql ? undefined : perRowValue(c.type, postgresVersion);
  const intro = [
    `${comment} ${reason}: a constant stand-in default would give every existing row the same ${c.name}, and the unique index fails at the second row.`,
    `${comment} Add it nullable, give each existing row its own value, then make it NOT NULL once every running version of the code writes it:`,
  ];
  if (!value) return { intro, note: `${comment} (give each existing row its own ${c.name} here: migguard does not know what it is made from)` };
  return {
    intro,
    update: `UPDATE ${ident(op.table)} SET ${ident(c.name)} = ${value} WHERE ${ident(c.name)} IS NULL`,
    note: `${comment} ${value} is a stand-in that differs for each row: use the value each row should have in ${c.name} (made from what identifies it)`,
  };
}

/**
 * PostgreSQL: an ALTER TABLE that does more than add these columns (other ADD COLUMNs, constraints) rewritten
 * whole, each flagged column given its default or made nullable in its place; undefined when the statement does
 * nothing else (the per-column fixes say it) or cannot be rewritten.
 */
function sqlStatementFix(ctx: RuleContext, ops: readonly AddColumn[]): string | undefined {
  const [first] = ops;
  if (first.embeddedSql) return undefined;
  const names = new Set(ops.map((o) => o.column.name));
  const cmds = alterSubcommandsOf(first.text);
  if (cmds.length < 2 || cmds.every((c) => c?.subtype === "AT_AddColumn" && names.has(c.def?.ColumnDef?.colname))) return undefined;
  const rewrites = defaultRewrites(ctx);
  const plans = ops.map((op) => ({ op, value: rewrites ? undefined : fixDefault(ctx, op, (type) => neutralDefault("sql", type)) }));
  const rewritten = alterAddColumnsChanged(first.text, new Map(plans.map((p) => [p.op.column.name, p.value === undefined ? {} : { default: p.value }])));
  if (!rewritten) return undefined;
  const nullable = plans.filter((p) => p.value === undefined);
  const defaulted = plans.filter((p) => p.value !== undefined);
  // below PostgreSQL 11 a column that would have had a default gets it for new rows alone, on its own (no row touched),
  // and its rows are filled in batches by a migration of their own, NOT NULL after
  const late = rewrites
    ? nullable.flatMap(({ op }) => {
        const value = distinctReason(ctx, op) ? undefined : fixDefault(ctx, op, (type) => neutralDefault("sql", type));
        return value ? [{ op, value }] : [];
      })
    : [];
  const inPlace = [
    ...(rewrites ? [`-- ${CONSTANT_DEFAULT_REWRITES} (a rewrite under ACCESS EXCLUSIVE): no column gets its default in the ALTER`] : []),
    `-- the statement's other parts stay as written; ${defaulted.length ? `a constant default keeps inserts from the running code working${nullable.length ? ", and " : ""}` : ""}${nullable.length ? `${nullable.map((p) => p.op.column.name).join(", ")} is added nullable (filled, then made NOT NULL below)` : ""}:`,
    rewritten,
    ...defaulted.filter((p) => !knownDefault(p.op.column)).map((p) => neutralDefaultNote(p.value!, p.op.column.name, "--")),
    ...defaulted.map((p) => `-- keep the default until every running version of the code sets ${p.op.column.name}`),
    ...nullable.flatMap(({ op }) => {
      const later = late.find((l) => l.op === op);
      if (later)
        return [
          `ALTER TABLE ${ident(op.table)} ALTER COLUMN ${ident(op.column.name)} SET DEFAULT ${later.value};  -- new rows only: it touches no existing row`,
          ...(knownDefault(op.column) ? [] : [neutralDefaultNote(later.value, op.column.name, "--")]),
          `-- keep the default until every running version of the code sets ${op.column.name}`,
        ];
      const unique = distinctReason(ctx, op);
      const fill = unique ? distinctFill(op, unique, "--", ctx.postgresVersion) : undefined;
      const filled = fill ? [fill.note, ...(fill.update ? [`${fill.update};`] : [])] : [`-- (fill ${op.column.name} for existing rows here, in batches)`];
      return [...filled, ...sqlNotNullSteps(first.table, op.column.name)];
    }),
  ].join("\n");
  return late.length ? renderFix(ctx, { inPlace, steps: late.flatMap(({ op, value }) => sqlFillThenNotNull(ctx, op, value)) }) : inPlace;
}

function sqlFix(op: OperationOf<"add_column">, ctx: RuleContext): string {
  const c = op.column;
  const t = ident(op.table);
  const value = fixDefault(ctx, op, (type) => neutralDefault("sql", type));
  if (c.type && value && defaultRewrites(ctx)) return sqlWithoutFastDefault(ctx, op, value, knownDefault(c) ? undefined : neutralDefaultNote(value, c.name, "--"));
  if (c.type && value)
    return [
      `-- a constant default makes it instant (PostgreSQL 11+) and keeps inserts from the running code working:`,
      `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${c.type.text} NOT NULL DEFAULT ${value};`,
      ...(knownDefault(c) ? [] : [neutralDefaultNote(value, c.name, "--")]),
      `-- keep the default until every running version of the code sets ${c.name}`,
    ].join("\n");
  // no neutral value for the type, or the column names a row: nullable first, backfilled, then NOT NULL through a validated CHECK (no long lock)
  const unique = distinctReason(ctx, op);
  if (unique) {
    const fill = distinctFill(op, unique, "--", ctx.postgresVersion);
    // the statement as written, only NOT NULL taken out (an inline UNIQUE stays: NULLs never collide)
    const written = op.embeddedSql ? undefined : alterAddColumnsChanged(op.text, new Map([[c.name, {}]]));
    return [
      ...fill.intro,
      written ?? `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${c.type?.text ?? "text"}${c.unique ? " UNIQUE" : ""};${c.type ? "" : `  -- migguard does not know the type of ${c.name}: use yours`}`,
      fill.note,
      ...(fill.update ? [`${fill.update};`] : []),
      ...sqlNotNullSteps(op.table, c.name),
    ].join("\n");
  }
  return [
    namesARow(ctx, op)
      ? `-- ${c.name} names a row: no constant stands in for it (0 or '' names none). Add it nullable, fill it for existing rows, then make it NOT NULL without a long lock:`
      : `-- add it nullable, fill it for existing rows, then make it NOT NULL without a long lock:`,
    `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${c.type?.text ?? "text"};${c.type ? "" : `  -- migguard does not know the type of ${c.name}: use yours`}`,
    `-- (fill ${c.name} for existing rows here, in batches)`,
    ...sqlNotNullSteps(op.table, c.name),
  ].join("\n");
}

/** A constant MySQL accepts as the column's default: TEXT, BLOB and JSON take one only as an expression, in parentheses (MySQL 8.0.13+, MariaDB 10.2+). */
function mysqlNeutralDefault(type: TypeRef | undefined): string | undefined {
  if (!type) return undefined;
  if (["char", "varchar"].includes(type.name)) return "''";
  if (/^(tiny|medium|long)?text$/.test(type.name)) return "('')";
  if (["integer", "int", "bigint", "smallint", "mediumint", "tinyint", "numeric", "real", "double precision", "boolean", "bit", "year"].includes(type.name)) return "0";
  if (["datetime", "timestamp"].includes(type.name)) return "CURRENT_TIMESTAMP";
  return undefined;
}

/**
 * MySQL fills existing rows with the type's implicit default instead of failing, so the ALTER runs; what breaks
 * is inserts from code that does not set the column (strict mode). A constant default keeps them working.
 */
function mysqlSqlFix(op: OperationOf<"add_column">, ctx: RuleContext): string {
  const c = op.column;
  const { ident } = sqlDialect("mysql");
  const t = ident(op.table);
  // not distinctReason: here a unique column that names a row gets the per-row recipe too
  const unique = knownDefault(c) ? undefined : uniqueReason(ctx, op);
  const value = knownDefault(c) ?? (unique ? undefined : mysqlNeutralDefault(c.type));
  const type = c.type?.text ?? "text";
  if (unique) {
    const fill = distinctFill(op, unique, "--", ctx.postgresVersion, true);
    return [
      ...fill.intro,
      `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${type};${c.type ? "" : `  -- migguard does not know the type of ${c.name}: use yours`}`,
      fill.note,
      `ALTER TABLE ${t} MODIFY ${ident(c.name)} ${type} NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;`,
    ].join("\n");
  }
  if (value)
    return [
      `-- a default keeps inserts from the running code working, and gives existing rows a value you chose:`,
      `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${type} NOT NULL DEFAULT ${value};`,
      ...(knownDefault(c) ? [] : [neutralDefaultNote(value, c.name, "--")]),
      `-- keep the default until every running version of the code sets ${c.name}`,
    ].join("\n");
  return [
    `-- add it nullable, fill it for existing rows, then make it NOT NULL (rebuilt in place, writes go on):`,
    `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${type};${c.type ? "" : `  -- migguard does not know the type of ${c.name}: use yours`}`,
    `-- (fill ${c.name} for existing rows here, in batches)`,
    `ALTER TABLE ${t} MODIFY ${ident(c.name)} ${type} NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;`,
  ].join("\n");
}

/**
 * Rails, a column that names a row: the call as written without `null: false` (its index, concurrent or not, and
 * foreign key kept), then the NOT NULL through a validated check constraint once the rows are filled.
 */
function railsReferenceFix(op: AddColumn, mysql: boolean, migration: RailsVersioned): string {
  const c = op.column;
  const own = op.text.trim();
  const withoutNull = own && !own.includes("\n") && rubyReadersLoaded() ? rubyReaders().withoutOption(own, "null") : undefined;
  // MySQL has no concurrent index or unvalidated constraint: the call without them, and MODIFY ... NOT NULL runs in place
  const nullable = withoutNull && mysql ? rubyReaders().withoutPostgresOptions(withoutNull) : withoutNull;
  const first = nullable && withoutNull !== own ? nullable : `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}`;
  const intro = `# ${c.name} names a row: no constant default stands in for it (0 names none). Add it nullable, the rest as written:`;
  if (mysql)
    return [intro, first, `# then fill ${c.name} for existing rows and, in a later migration once every running version of the code writes it (MySQL makes it NOT NULL in place):`, `change_column_null ${sym(op.table)}, ${sym(c.name)}, false`].join("\n");
  const check = derivedName(op.table, [c.name], "not_null");
  return [
    intro,
    first,
    `# then fill ${c.name} for existing rows (nothing to fill while ${op.table} is empty) and, in a later migration (def up) once every running version of the code writes it:`,
    addCheckNotValid(migration, op.table, `${c.name} IS NOT NULL`, check),
    validateCheck(migration, op.table, check),
    `change_column_null ${sym(op.table)}, ${sym(c.name)}, false`,
    removeCheck(migration, op.table, check),
  ].join("\n");
}

function railsFix(op: OperationOf<"add_column">, ctx: RuleContext): string {
  const c = op.column;
  // before PostgreSQL 11 the timestamps' default would write every row: each column takes the path below instead
  if (op.frameworkCall?.endsWith("timestamps") && !defaultRewrites(ctx)) return `add_timestamps ${sym(op.table)}, default: -> { "CURRENT_TIMESTAMP" }`;
  if (!knownDefault(c) && namesARow(ctx, op)) return railsReferenceFix(op, isMysqlFamily(ctx.migration.database), ctx.migration);
  const unique = distinctReason(ctx, op);
  if (unique) {
    const fill = distinctFill(op, unique, "#", ctx.postgresVersion, isMysqlFamily(ctx.migration.database));
    return [
      ...fill.intro,
      `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}`,
      fill.note,
      ...(fill.update ? [railsUpOnly(ctx.migration, `execute ${JSON.stringify(fill.update)}`)] : []),
      `# then, in a later migration once every running version of the code writes ${c.name}:`,
      `# change_column_null ${sym(op.table)}, ${sym(c.name)}, false`,
    ].join("\n");
  }
  const value = knownDefault(c) ? `-> { ${JSON.stringify(knownDefault(c))} }` : neutralDefault("rails", c.type);
  const call = `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}, null: false, default: ${value ?? "nil"}`;
  if (!value) return `# migguard knows no constant default for ${railsType(c.type)}: add the column with null: true, backfill it, then change_column_null\n${call.replace(", null: false, default: nil", "")}`;
  const sqlValue = knownDefault(c) ?? neutralDefault("sql", c.type);
  if (sqlValue && defaultRewrites(ctx)) return railsWithoutFastDefault(ctx, op, value, sqlValue, knownDefault(c) || c.name.endsWith("_at") ? undefined : neutralDefaultNote(value, c.name, "#"));
  return [knownDefault(c) || c.name.endsWith("_at") ? undefined : neutralDefaultNote(value, c.name, "#"), call].filter(Boolean).join("\n");
}

/** A Python literal as written (`0`, `False`, `"open"`) as a SQL literal; undefined for anything else. */
function sqlLiteralOf(python: string): string | undefined {
  if (python === "True" || python === "False") return python.toLowerCase();
  if (/^-?\d+(?:\.\d+)?$/.test(python)) return python;
  const quoted = /^(?:"([^"\\]*)"|'([^'\\]*)')$/.exec(python);
  return quoted ? `'${(quoted[1] ?? quoted[2]).replace(/'/g, "''")}'` : undefined;
}

/**
 * The column is made unique later in this migration (a unique constraint or index on it alone), or redefined by an
 * AlterField whose field class migguard does not read (a project's field may set unique=True in its __init__, as
 * kpi's KpiUidField does): said as the reason the fix gives it no shared default.
 */
function uniqueLater(ctx: RuleContext, op: OperationOf<"add_column">): string | undefined {
  const same = (table: string, column: string) => nameKey(table) === nameKey(op.table) && nameKey(column) === nameKey(op.column.name);
  const up = ctx.migration.up;
  for (const later of up.slice(up.indexOf(op) + 1)) {
    if ((later.kind === "add_constraint" || later.kind === "add_index") && (later.kind === "add_index" ? later.unique : later.constraint === "unique") && later.columns.length === 1 && same(later.table, later.columns[0]))
      return `${op.column.name} becomes unique on line ${later.loc.line}`;
    if (later.kind === "redefine_column" && same(later.table, later.column.name) && (later.column.unique || !later.column.type)) {
      const callee = later.ormFieldDef ? calleeOf(later.ormFieldDef) : undefined;
      return later.column.unique
        ? `${op.column.name} becomes unique on line ${later.loc.line}`
        : `line ${later.loc.line} redefines ${op.column.name} with ${callee ?? "a field"}, a field class migguard does not read: it may make it unique`;
    }
  }
  return undefined;
}

/** The fix's default is the '' Django already fills existing rows with (blank=True): said, so no one reads it as a guess. */
const fillNote = (field: string) => `# '' is what Django already writes into existing rows (blank=True, no default=): new rows of code that does not set ${field} get it too`;

/**
 * The plan when no database default can keep the running code's inserts working, each step as code: the field
 * added nullable in this migration (its default=, if any, still fills the existing rows), and a migration of its
 * own, deployed once every running version of the code writes it, whose AlterField makes it NOT NULL as the
 * migration wrote it (Django first gives the rows still NULL its default). What migguard cannot know, the value of
 * rows when the field has no default, is said where it goes.
 */
function djangoNullableFirst(op: OperationOf<"add_column">, ctx: RuleContext, namesRow = false): string {
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? op.column.name;
  if (!op.ormFieldDef)
    return `# add ${field} with null=True, fill it for existing rows (RunPython), then AlterField to null=False in a migration of its own once every running version of the code writes it`;
  const written = reindented(op.ormFieldDef.trim());
  // a one-off default (makemigrations' answer for existing rows) fills them, and stays out of the model's state
  const oneOff = keywordText(op.text, "preserve_default") === "False" ? ", preserve_default=False" : "";
  // the AlterField to NOT NULL would give the rows the running code left NULL that one-off default: for a column that
  // names a row, each of those rows needs its own row named first, so the NOT NULL step goes without it
  const def = namesRow && oneOff ? (withoutKeyword(written, "default") ?? written) : written;
  const hasDefault = keywordText(def, "default") !== undefined;
  const named = `model_name=${pythonString(model)}, name=${pythonString(field)}`;
  const inPlace = [
    `# ${field} nullable in this migration, so inserts from the running code, which does not set it, keep working${keywordText(written, "default") !== undefined ? " (its default= still fills the existing rows)" : ""}; NOT NULL comes in a migration of its own:`,
    `migrations.AddField(${named}, field=${withKeyword(written, "null", "True")}${oneOff}),`,
  ].join("\n");
  const alter = [
    `# deploy once every running version of the code writes ${field}${hasDefault ? ": AlterField first gives the rows still NULL its default" : ""}`,
    ...(hasDefault ? [] : [`# the rows whose ${field} is NULL need a value first (a RunPython before this operation): migguard does not know which`]),
    `migrations.AlterField(${named}, field=${def}${def === written ? oneOff : ""}),`,
  ];
  // one statement: the comments above the operation they are about (each statement gets its comma)
  // the NOT NULL migration goes at the head of the history: none when a later migration drops the column or its table
  const head = columnAtHead(ctx, op.table, op.column.name, ctx.migration.up.indexOf(op));
  return renderFix(ctx, withoutGoneFollowUp({ inPlace, steps: [{ name: `${op.table} ${field} not null`, statements: [alter.join("\n")] }] }, head, ctx.framework, "sets it NOT NULL"));
}

/**
 * The model's side of a db_default fix: makemigrations compares the model with the migrations, so a db_default= written
 * in the migration only comes back out in the next AlterField. The field as the repository's model declares it now.
 */
function modelFieldChange(declared: ModelField | undefined, model: string, field: string, value: string): string[] {
  const why = "or the next makemigrations writes an AlterField that drops the database default again";
  if (declared?.kind !== "declared")
    return [`# and in the model, ${model}.${field} gets db_default=${value} too, ${why}`];
  const text = reindented(declared.text.trim());
  if (keywordText(text, "db_default") !== undefined) return [`# the model already declares it with db_default= (${declared.path}:${declared.line}, ${declared.className}.${declared.name})`];
  const changed = withKeyword(text, "db_default", value);
  if (!changed) return [`# and in the model, ${model}.${field} gets db_default=${value} too, ${why}`];
  return [
    `# and the model's field the same, ${why}:`,
    `# ${declared.path}:${declared.line}, in ${declared.className}${declared.className.toLowerCase() !== model.toLowerCase() ? ` (the abstract class ${model} extends: every model extending it changes too)` : ""}:`,
    `${declared.name} = ${changed}`,
  ];
}

function djangoFix(op: OperationOf<"add_column">, ctx: RuleContext): string {
  const c = op.column;
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? c.name;
  // a unique field: AddField writes its default (a callable is called once) or db_default into every existing row,
  // and they collide; Django's recipe gives each row its own value before the field becomes unique and NOT NULL
  const unique = op.ormFieldDef && keywordTruthy(op.ormFieldDef, "unique") === true ? djangoUniqueFieldFix(op, ctx.migration) : undefined;
  if (unique) return [unique, `# (the AlterField of step 3 makes ${field} NOT NULL: only once every running version of the code writes it)`].join("\n");
  const later = uniqueLater(ctx, op);
  if (later && op.ormFieldDef) {
    const def = reindented(op.ormFieldDef.trim());
    const loose = withKeyword(withoutKeyword(def, "default") ?? def, "null", "True");
    return [
      `# ${later}: a shared default would give every row that code not setting ${field} writes the same value, and the second such row`,
      `# would break the unique constraint. Add it nullable without a default (NULLs never collide), give each row its own value (RunPython),`,
      `# then make it unique and NOT NULL in a migration of its own, once every running version of the code writes ${field}`,
      `# (the rows to fill are then those whose ${field} is NULL: ${field}__isnull=True):`,
      `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${loose}),`,
    ].join("\n");
  }
  const written = op.ormFieldDef ? keywordText(op.ormFieldDef, "default") : undefined;
  // db_default takes a value or a database expression, not a Python callable
  const literal = written !== undefined && /^(?:-?\d+(?:\.\d+)?|True|False|"[^"]*"|'[^']*')$/.test(written) ? written : undefined;
  // no default= written, yet Django filled the rows with '' (a blank text field): the same value, no stand-in
  const djangoFill = written === undefined && c.default?.expr === "''" ? '""' : undefined;
  // a column that names a row (a ForeignKey's): a database default kept for the running code would point every row it
  // inserts at that one row (ralph's vip.ip_id DEFAULT 1), silently: nullable first, filled, then NOT NULL instead
  const namesRow = namesARow(ctx, op);
  const value = namesRow ? undefined : (literal ?? djangoFill ?? neutralDefault("django", c.type));
  if (!op.ormFieldDef || !value) return djangoNullableFirst(op, ctx, namesRow);
  if (defaultRewrites(ctx)) {
    const sqlValue = (literal ? sqlLiteralOf(literal) : djangoFill ? "''" : undefined) ?? (namesARow(ctx, op) ? undefined : neutralDefault("sql", c.type));
    if (!sqlValue) return djangoNullableFirst(op, ctx);
    return djangoWithoutFastDefault(ctx, op, op.ormFieldDef, sqlValue, literal ? undefined : djangoFill ? fillNote(field) : neutralDefaultNote(sqlValue, c.name, "#"));
  }
  // default= stays beside db_default= (a callable one keeps giving new rows its values): Django lets default= win when
  // the ORM creates an instance, so unsaved instances keep their Python value instead of a DatabaseDefault placeholder
  // that checks such as `obj.field == X` before save() would compare against (seed 72, umap)
  const base = op.ormFieldDef;
  // db_default takes a value or an expression: the neutral `list` of an ArrayField is a callable (pontoon's 0119
  // community_health_locales), so an array gets its database default through RunSQL below
  // the model's field must say db_default too, or the next makemigrations drops it again: a package's model cannot
  const declared = base && ctx.repository.djangoAtLeast("5.0") ? djangoModelField(ctx, model, field) : undefined;
  if (base && ctx.repository.djangoAtLeast("5.0") && declared?.kind !== "packaged" && !/^(?!True$|False$|None$)[A-Za-z_][\w.]*$/.test(value))
    return [
      `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set ${field} keep working`,
      ...(literal ? [] : djangoFill ? [fillNote(field)] : [neutralDefaultNote(value, field, "#")]),
      `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${withKeyword(base, "db_default", value)}),`,
      ...modelFieldChange(declared, model, field, value),
    ].join("\n");
  // before Django 5.0 (or a version the repository does not say), or a field of a package's model: the AddField as
  // written, then a database default of its own, which Django's state does not track and leaves alone
  const sql = migrationDialect(ctx.migration);
  const sqlValue = (literal ? sqlLiteralOf(literal) : djangoFill ? "''" : undefined) ?? (namesARow(ctx, op) ? undefined : neutralDefault("sql", c.type));
  if (!sqlValue) return djangoNullableFirst(op, ctx);
  const t = sql.ident(op.table);
  const col = sql.ident(c.name);
  // MySQL's ALTER COLUMN SET DEFAULT takes a literal only: the current time goes through MODIFY (the whole column)
  const mysql = isMysqlFamily(ctx.migration.database) ? mysqlColumnDefault(sql.ident, op.table, c.name, c.type, c.notNull, sqlValue, ctx.repository.djangoAtLeast("1.8")) : undefined;
  if (isMysqlFamily(ctx.migration.database) && !mysql) return djangoNullableFirst(op, ctx);
  const set = mysql?.set ?? `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${sqlValue}`;
  const drop = mysql?.drop ?? `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`;
  const packaged = declared?.kind === "packaged" ? declared : undefined;
  return [
    ...(packaged
      ? [
          `# ${packaged.className} (${packaged.path}) does not declare ${field}: it comes from ${andList(packaged.bases)}, a package's model, whose field`,
          `# cannot take db_default= here (written in the migration only, the next makemigrations would remove it again)`,
        ]
      : []),
    `# Django${ctx.repository.djangoAtLeast("5.0") === false ? " before 5.0" : ""} drops the column's default right after AddField (default= is applied in Python only): a database default`,
    `# of the migration's own${packaged ? ", which Django's state does not track," : ""} keeps inserts from code that does not set ${field} working${ctx.repository.djangoAtLeast("5.0") === undefined ? " (on Django 5.0+, db_default= does the same)" : ""}`,
    // default=list on an array column is the empty array the database default gives: no stand-in
    ...(literal || (written === "list" && c.type?.array) ? [] : djangoFill ? [fillNote(field)] : [neutralDefaultNote(mysql?.value ?? sqlValue, c.name, "#")]),
    ...(mysql?.caveat ? [`# ${mysql.caveat}`] : []),
    ...(mysql?.restatesColumn ? [`# MySQL sets the current time as a default only in the column's definition: MODIFY restates all of it (type, NOT NULL)`] : []),
    `${reindented(op.text.trim()).replace(/,?$/, ",")}`,
    `migrations.RunSQL(`,
    `    ${pythonString(set)},`,
    `    reverse_sql=${pythonString(drop)},`,
    `),`,
  ].join("\n");
}

function alembicFix(op: OperationOf<"add_column">, ctx: RuleContext): string {
  const c = op.column;
  const unique = distinctReason(ctx, op);
  // a Python constant (`server_default=constants.ONLINE`) stays as written: inside sa.text() it would be SQL naming nothing
  const server = c.default?.python ?? (knownDefault(c) ? `sa.text(${pythonString(knownDefault(c)!)})` : namesARow(ctx, op) || unique ? undefined : neutralDefault("alembic", c.type));
  const isColumn = (callee: string) => /(?:^|\.)Column$/.test(callee);
  if (unique) {
    const fill = distinctFill(op, unique, "#", ctx.postgresVersion, isMysqlFamily(ctx.migration.database));
    const own = /(?:^|\.)add_column$/.test(calleeOf(op.text) ?? "") ? withKeyword(reindented(op.text.trim()), "nullable", "True", isColumn) : undefined;
    const type = c.type && saType(c.type, sqlalchemy2(ctx.repository));
    return [
      ...fill.intro,
      own ?? `op.add_column(${alembicTable(op.table).name}, sa.Column(${pythonString(c.name)}, ${type ?? "sa.Text()"}, nullable=True)${alembicTable(op.table).schema})${type ? "" : "  # migguard does not know the type: use yours"}`,
      fill.note,
      ...(fill.update ? [`op.execute(${pythonString(fill.update)})`] : []),
    ].join("\n");
  }
  // the constant's value as SQL is not known: the existing rows are filled by the add_column itself, as written
  const sqlValue = c.default?.python ? undefined : knownDefault(c) ?? (namesARow(ctx, op) ? undefined : neutralDefault("sql", c.type));
  if (server && sqlValue && defaultRewrites(ctx)) return alembicWithoutFastDefault(ctx, op, server, sqlValue, knownDefault(c) ? undefined : neutralDefaultNote(server, c.name, "#"));
  const written = server ? withKeyword(withoutKeyword(op.text, "server_default", isColumn) ?? op.text, "server_default", server, isColumn) : undefined;
  // the default the revision drops again later: the fix is only whole with that drop left out
  const dropped = c.default ? defaultDroppedLater(ctx, op.table, c.name, ctx.migration.up.indexOf(op)) : undefined;
  if (written && server)
    return [
      ...(knownDefault(c) ? [] : [neutralDefaultNote(server, c.name, "#")]),
      written,
      ...(dropped ? [`# and leave out line ${dropped.loc.line}'s change that drops this default again`] : []),
    ].join("\n");
  const type = c.type && saType(c.type, sqlalchemy2(ctx.repository));
  // the revision's own call, every other argument kept, nullable=True
  const nullable = /(?:^|\.)add_column$/.test(calleeOf(op.text) ?? "") ? withKeyword(reindented(op.text.trim()), "nullable", "True", isColumn) : undefined;
  const add = nullable ?? `op.add_column(${alembicTable(op.table).name}, sa.Column(${pythonString(c.name)}, ${type ?? "sa.Text()"}, nullable=True)${alembicTable(op.table).schema})${type ? "" : "  # migguard does not know the type: use yours"}`;
  // the plan as code: nullable here, NOT NULL in a revision of its own; the value of the existing rows is the one part
  // migguard cannot write, said where it goes
  // the NOT NULL revision goes at the head of the history: under the names it has there, none when it is gone
  const head = columnAtHead(ctx, op.table, c.name, ctx.migration.up.indexOf(op));
  const atHead = "gone" in head ? { table: op.table, column: c.name } : head;
  const { name, schema } = alembicTable(atHead.table);
  return renderFix(ctx, withoutGoneFollowUp({
    inPlace: [`# ${c.name} nullable in this revision, so inserts from the running code, which does not set it, keep working; NOT NULL comes in a revision of its own:`, add].join("\n"),
    steps: [
      {
        name: `${op.table} ${c.name} not null`,
        statements: [
          `# deploy once every running version of the code writes ${c.name}; the rows whose ${c.name} is NULL need a value first (an UPDATE here): migguard does not know which`,
          `op.alter_column(${name}, ${pythonString(atHead.column)}, nullable=False${schema})`,
        ],
        down: [`op.alter_column(${name}, ${pythonString(atHead.column)}, nullable=True${schema})`],
      },
    ],
  }, head, ctx.framework, "sets it NOT NULL"));
}

export default defineRule({
  meta: {
    id: "required-column-without-default",
    fixReplacesOperation: true,
    category: "breaking-change",
    severity: "error",
    databases: ALL_DATABASES,
    title: "NOT NULL column added without a default",
    why:
      "Adding a NOT NULL column without a default fails on any table that has rows (\"column contains null values\"), " +
      "and even on an empty table it breaks every INSERT from the running code, which does not know the column yet. " +
      "A default used only to fill existing rows and dropped right after (Django's AddField without db_default) leaves the same broken inserts. " +
      "MySQL and MariaDB run the ALTER, but fill existing rows with the type's implicit value ('' or 0) and, in strict mode, refuse those inserts.",
  },
  check(ctx) {
    const mysql = isMysqlFamily(ctx.migration.database);
    // one finding per statement: an ALTER TABLE adding several such columns names them all (its fingerprint is the statement's)
    const byStatement = new Map<string, Array<{ op: OperationOf<"add_column">; kind: string; message: string; fix: () => string }>>();
    for (const { op, index } of upOps(ctx, "add_column")) {
      const c = op.column;
      if (!c.notNull || c.generated || c.serial || c.primaryKey || !existingTable(ctx, op.table, index)) continue;
      // a later migration of the same change drops the column again: after the deploy's migrate it is gone, and the
      // deployed code's inserts meet it only between two migrations of one run (bluebottle's activity_pub 0081, 0084)
      if (ctx.facts.change.droppedLater(ctx.migration, op.table, c.name, index)) continue;
      // a default that only fills the existing rows and is dropped right after (Django's AddField) leaves old inserts failing
      const dropped = c.default ? defaultDroppedLater(ctx, op.table, c.name, index) : undefined;
      if (c.default && !dropped) continue;
      // emptied by a statement of this migration, or through a key's ON DELETE CASCADE by a DELETE of the table it references
      const cascade = ctx.facts.emptiedHow(op.table, index) === "emptied" ? undefined : emptiedByCascade(ctx, op.table, index);
      const emptied = ctx.facts.emptiedHow(op.table, index) === "emptied" || cascade !== undefined;
      const emptiedWhy = cascade
        ? `${op.table} is emptied earlier in this migration: the ${cascade.op.kind === "truncate" ? "TRUNCATE ... CASCADE" : "DELETE"} of ${cascade.parent} on line ${cascade.op.loc.line} takes its rows along through the foreign key on ${cascade.columns.join(", ")}${cascade.op.kind === "truncate" ? "" : " (ON DELETE CASCADE)"}, so the ALTER itself succeeds`
        : `${op.table} is emptied earlier in this migration, so the ALTER itself succeeds`;
      const unknownBlank = !dropped && !emptied && !mysql ? blankFieldOfUnknownClass(ctx, op) : undefined;
      const kind = dropped ? "dropped" : emptied ? "emptied" : mysql ? "mysql" : unknownBlank ? "unknown-blank" : "plain";
      // the ALTER succeeds and only inserts that leave the column out would fail: the running code's model names it
      if ((kind === "dropped" || kind === "emptied") && op.writtenByRunningCode) continue;
      const finding = {
        op,
        kind,
        message: dropped
          ? `NOT NULL column ${op.table}.${c.name} gets the default ${c.default!.expr} only to fill the existing rows: the database default is dropped again ${dropped.loc.line === op.loc.line ? `right after (${djangoFillWithoutDefault(op) ?? "Django keeps `default=` in Python only"})` : `on line ${dropped.loc.line}`}, so inserts from the running code, which does not set ${c.name}, fail.`
          : kind === "emptied"
            ? `Adding NOT NULL column ${op.table}.${c.name} without a default breaks inserts from code that does not set it (${emptiedWhy}).`
            : unknownBlank
              ? `Adding NOT NULL column ${op.table}.${c.name} (${unknownBlank}, blank=True, no default): if that field class stores text (a CharField or TextField subclass, empty_strings_allowed), Django adds the column with the default '' and drops it right after, so existing rows get ''; otherwise the ALTER fails if ${op.table} has rows. migguard cannot read ${unknownBlank} from the repository to tell. Either way ${c.name} has no database default afterwards, so inserts from code that does not set it fail.`
            : mysql
              ? `Adding NOT NULL column ${op.table}.${c.name} without a default silently gives every existing row MySQL's implicit value for the type ('' for text, 0 for numbers), and in strict mode breaks inserts from code that does not set it.`
              : `Adding NOT NULL column ${op.table}.${c.name} without a default fails if ${op.table} has rows, and breaks inserts from code that does not set it.`,
        // written only when shown: a fix with new migrations takes their versions, which a statement's whole rewrite (below) would leave taken
        fix: () => (ctx.framework === "django" ? djangoFix(op, ctx) : ctx.framework === "sql" && mysql ? mysqlSqlFix(op, ctx) : { sql: sqlFix, rails: railsFix, alembic: alembicFix }[ctx.framework](op, ctx)),
      };
      // the table got its name from a rename the running code has not seen (this migration's, the change's): its inserts go to the old name
      const renamed = kind === "dropped" || kind === "emptied" ? renamedUnseen(ctx, op, index) : undefined;
      if (renamed) {
        ctx.report({ op, severity: "info", message: renamedUnseenMessage(finding.message, renamed, op.table), fix: finding.fix(), hazard: "old-code" });
        continue;
      }
      // a django-solo singleton's one row gets the value now, and the running code inserts no other
      const singleton = kind === "dropped" ? singletonModelOf(ctx, op) : undefined;
      if (singleton) {
        ctx.report({
          op,
          severity: "info",
          message: `NOT NULL column ${op.table}.${c.name} gets ${c.default!.expr.startsWith("<") ? "a Python default" : `the default ${c.default!.expr}`} only to fill the existing rows (the database default is dropped again right after), but ${singleton.model} (${singleton.path}) is a django-solo singleton (${singleton.chain.join(" extends ")}): its one row gets ${c.name} now and the running code reads that row through get_solo() without inserting another, so no insert of the old code can miss ${c.name}. Only a database whose row get_solo() has not created yet would have old code insert it during the deploy.`,
          fix: finding.fix(),
          hazard: "old-code",
        });
        continue;
      }
      // a django-pghistory event table: triggers on the tracked model insert its rows, and this migration recreates them
      // with the new column in its transaction, so no insert of the running code can miss it (DefectDojo 0286)
      const triggers = kind === "dropped" || kind === "emptied" ? op.writtenByTriggers : undefined;
      if (triggers) {
        ctx.report({
          op,
          severity: "info",
          message: `NOT NULL column ${op.table}.${c.name} has no database default afterwards, but ${op.table} is ${triggers.package}'s event table of ${triggers.tracked}: database triggers on ${triggers.tracked} insert its rows, not the application, and this migration recreates them (line ${triggers.line}) in its transaction, so no insert of the running code can miss ${c.name}.`,
          fix: finding.fix(),
          hazard: "old-code",
        });
        continue;
      }
      // the default only filled the rows (Django keeps it in Python): only inserts of the deployed code miss the column, and that code may create no rows at all
      const inserts = kind === "dropped" ? deployedInserts(ctx, op) : undefined;
      if (inserts && inserts.creators.length === 0) {
        ctx.report({
          op,
          severity: "info",
          message: `NOT NULL column ${op.table}.${c.name} gets the default ${c.default!.expr} only to fill the existing rows (the database default is dropped again ${dropped!.loc.line === op.loc.line ? "right after" : `on line ${dropped!.loc.line}`}), but the deployed code creates no ${op.table} rows (outside tests and ${ctx.framework === "rails" ? "db/" : "migrations"} it names ${inserts.model} only to read it), so none of its inserts can miss ${c.name}; ${ctx.framework === "django" ? `code that creates ${inserts.model} rows sets it from the model's Python default` : `code that creates ${inserts.model} rows after the deploy has to set it`}.`,
          fix: finding.fix(),
          hazard: "old-code",
        });
        continue;
      }
      const key = statementKey(op);
      byStatement.set(key, [...(byStatement.get(key) ?? []), finding]);
    }
    for (const findings of byStatement.values()) {
      const [first] = findings;
      // a statement that also does other things is rewritten whole, so none of them is lost
      const whole = ctx.framework === "sql" && !mysql ? sqlStatementFix(ctx, findings.map((f) => f.op)) : undefined;
      const fixes = findings.map((f) => whole ?? f.fix());
      const proof = findings.every((f) => f.kind === "plain") ? briefLocks(ctx, first.op) : { text: "", losses: [] };
      // the data the migration drops on the table is lost only on an empty table, where the ALTER succeeds: its own
      // transaction (PostgreSQL's transactional DDL) rolls everything back otherwise
      const note = proof.losses.length > 0 && first.op.inTransaction && !mysql ? ownProofNote(first.op, proof.losses, findings.map((f) => f.op.column.name).join(", ")) : "";
      const brief = proof.text + note;
      // a warning, not a note: nothing is lost, but on a table with rows the deploy fails (hitobito's integration did)
      const severity = note ? ({ severity: "warning" } as const) : {};
      if (findings.length === 1) {
        ctx.report({ op: first.op, ...severity, message: first.message + brief, fix: fixes[0], hazard: onlyOldCode(findings) });
        continue;
      }
      const columns = findings.map((f) => f.op.column.name).join(", ");
      const table = first.op.table;
      const kinds = new Set(findings.map((f) => f.kind));
      const message =
        kinds.size === 1 && first.kind === "dropped"
          ? `NOT NULL columns ${columns} of ${table} get defaults only to fill the existing rows: the database defaults are dropped again later in this migration, so inserts from the running code, which does not set them, fail.`
          : kinds.size === 1 && first.kind === "emptied"
            ? `Adding NOT NULL columns ${columns} to ${table} without defaults breaks inserts from code that does not set them (${table} is emptied earlier in this migration, so the ALTER itself succeeds).`
            : kinds.size === 1 && first.kind === "mysql"
              ? `Adding NOT NULL columns ${columns} to ${table} without defaults silently gives every existing row MySQL's implicit value for each type ('' for text, 0 for numbers), and in strict mode breaks inserts from code that does not set them.`
              : kinds.size === 1
                ? `Adding NOT NULL columns ${columns} to ${table} without defaults fails if ${table} has rows, and breaks inserts from code that does not set them.`
                : findings.map((f) => f.message).join(" ");
      ctx.report({ op: first.op, ...severity, message: message + brief, fix: [...new Set(fixes)].join("\n"), hazard: onlyOldCode(findings) });
    }
  },
});

/**
 * The ALTER itself succeeds when the default fills the rows and is dropped after, or the table was emptied: only
 * inserts of code that does not know the column fail, which an offline deploy never runs. On a table with rows the
 * ALTER fails (and MySQL fills implicit values) under any deploy.
 */
const onlyOldCode = (findings: ReadonlyArray<{ kind: string }>) => (findings.every((f) => f.kind === "dropped" || f.kind === "emptied") ? ("old-code" as const) : undefined);

/**
 * Django: the field's class is not one Django defines (django-autoslug's AutoSlugField) and it is blank=True with no
 * default: when the class stores text, Django's schema editor fills existing rows with its effective default '', which
 * the adapter only knows for Django's own classes. The class as written, or undefined.
 */
function blankFieldOfUnknownClass(ctx: RuleContext, op: OperationOf<"add_column">): string | undefined {
  const def = op.ormFieldDef;
  if (ctx.framework !== "django" || !def || keywordText(def, "default") !== undefined || keywordTruthy(def, "blank") !== true) return undefined;
  const callee = calleeOf(def);
  // a known package's class (django-package-fields.ts) is read: one that reaches here does not allow '' (djmoney's MoneyField)
  return callee && !isDjangoFieldClass(callee.split(".").pop()!) && !packageDjangoClass(callee) ? callee : undefined;
}

/**
 * Django: the field gives no `default=`, yet the schema editor fills the existing rows (_effective_default): '' for
 * a blank field that allows empty strings, the current time for auto_now/auto_now_add. Said as why, or undefined.
 */
function djangoFillWithoutDefault(op: OperationOf<"add_column">): string | undefined {
  const def = op.ormFieldDef;
  if (!def || keywordText(def, "default") !== undefined) return undefined;
  return op.column.default?.expr === "<the current time>"
    ? "auto_now: Django fills them with the current time and keeps no default"
    : "blank=True: Django fills them with the field's empty value and keeps no default";
}

/** Statements whose lock lasts as long as the table's rows take to scan, build or rewrite. */
const ROW_WORK = new Set<Operation["kind"]>(["add_index", "set_not_null", "alter_column_type", "redefine_column", "add_constraint", "validate_constraint"]);

/**
 * The ALTER only succeeds on an empty table, so the migration's other row-bound locks on it (before it in the same
 * transaction, or after it) have no rows to work through, and what it drops or overwrites there held no data: their
 * findings are dropped (facts.emptiedHow, facts.emptyProofAt), and this one says why, so the reader sees one hazard once.
 */
function briefLocks(ctx: RuleContext, proof: OperationOf<"add_column">): { text: string; losses: string[] } {
  const onTable = (op: Operation): op is Operation & { table: string } => "table" in op && typeof op.table === "string" && nameKey(op.table) === nameKey(proof.table);
  const lines = ctx.migration.up.flatMap((op, index) =>
    op !== proof && ROW_WORK.has(op.kind) && onTable(op) && ctx.facts.emptiedHow(op.table, index) === "proven-empty" ? [op.loc.line] : [],
  );
  const losses = ctx.migration.up.flatMap((op, index) => {
    const what = op.kind === "drop_column" && ctx.facts.isColumnAddedBefore(op.table, op.column, index) ? undefined : dataLoss(op, proof.table);
    return what && ctx.facts.emptyProofAt(proof.table, index) !== undefined ? [`${what} (line ${op.loc.line})`] : [];
  });
  if (lines.length === 0 && losses.length === 0) return { text: "", losses };
  const locks = lines.length ? `the rest of this migration's locks on ${proof.table} (${lines.length === 1 ? "line" : "lines"} ${andList(lines.map(String))}) are only brief` : "";
  const lost = losses.length ? `${andList(losses)} ${losses.length === 1 ? "loses" : "lose"} no data` : "";
  const said = [locks, lost].filter(Boolean).join(", and ");
  return { text: ` ${said[0].toUpperCase()}${said.slice(1)}: ${proof.table} must be empty for this statement to run.`, losses };
}

/**
 * The finding's own proof already reads the migration as run on an empty table: it drops data of the table (a column,
 * its rows) that it says is lost only if the migration runs, which it can only do on an empty table (talk-api's
 * refactor_tagging drops tags.uses beside two NOT NULL references). Its transaction makes that exact: with rows the
 * ALTER fails and the rollback undoes the drops too, so nothing is lost and nothing half-done; on an empty table only
 * inserts that leave the column out fail. A warning saying so (the deploy still fails on rows), as the data-loss findings
 * it folds are gone.
 */
function ownProofNote(proof: OperationOf<"add_column">, losses: readonly string[], columns: string): string {
  return ` This migration drops data of ${proof.table} itself (${andList([...losses])}) and runs in one transaction: with rows in ${proof.table} the ALTER fails, the deploy stops there and the rollback undoes everything, the drops too; on an empty ${proof.table} only inserts that do not set ${columns} fail. Check that ${proof.table} is empty in production before this deploys.`;
}

/** What a data-loss finding would say the op deletes from `table` (a column, the table's rows, every row's values), or undefined. */
function dataLoss(op: Operation, table: string): string | undefined {
  const same = (t: string | undefined) => t !== undefined && nameKey(t) === nameKey(table);
  if (op.kind === "drop_column" && same(op.table)) return `dropping column ${op.column}`;
  if (op.kind === "drop_table" && op.tables.some(same)) return `dropping the table`;
  if (op.kind === "dml" && same(op.table) && !op.hasWhere && (op.verb === "update" || op.verb === "delete")) return `the ${op.verb.toUpperCase()} without WHERE`;
  return undefined;
}

/** The DROP DEFAULT of this column later in the same up, if any, unless a SET DEFAULT after it puts one back. */
function defaultDroppedLater(ctx: RuleContext, table: string, column: string, after: number): Operation | undefined {
  const up = ctx.migration.up;
  const changes = (positionsBy(up, defaultChanged).get(`${nameKey(table)}.${nameKey(column)}`) ?? []).filter((i) => i > after).map((i) => up[i]);
  const last = changes[changes.length - 1];
  return last?.kind === "drop_default" ? changes.find((op) => op.kind === "drop_default") : undefined;
}

const defaultChanged = (op: Operation) => (op.kind === "drop_default" || op.kind === "set_default" ? `${nameKey(op.table)}.${nameKey(op.column)}` : undefined);
