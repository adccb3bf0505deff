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
import { derivedName, ident, sym } from "../support/fix.js";
import { alembicTable, pythonString, rubyString } from "../support/embed-sql.js";
import { saType } from "../support/column-code.js";
import { sourceImports } from "../support/next-migration.js";
import { keywordText, withKeyword, withoutKeyword } from "../support/python-call.js";
import { alembicBatchedFill, djangoBatchedFillFunction, railsBatchedFill, sqlBatchedFill, type BatchedFill } from "../support/batched-fill.js";
import { columnSyncSql, dropColumnSyncSql } from "../support/column-sync.js";
import { railsType } from "../support/rails-fix.js";
import { rebuiltKeys, type RebuiltKeys } from "./rebuilt-keys.js";

type AlterColumnType = OperationOf<"alter_column_type">;

interface SwapSql {
  tmp: string;
  add: string;
  sync: string;
  check?: string;
  fill: BatchedFill;
  /** VALIDATE / SET NOT NULL / DROP CONSTRAINT, the trigger dropped, DROP COLUMN, RENAME, the default */
  swap: string[];
  /** the old column's keys and indexes, rebuilt on the new one (rebuilt-keys.ts) */
  keys: RebuiltKeys;
}

function swapSql(ctx: RuleContext, op: AlterColumnType): SwapSql {
  const tmp = `${op.column}_new`;
  const definition = ctx.repository.columnDefinition(op.table, op.column);
  // the earlier migrations' default, unless this migration sets or drops it itself (then that is what the column keeps)
  const ownDefault = ctx.migration.up.some((o) => (o.kind === "set_default" || o.kind === "drop_default") && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const previousDefault = ownDefault ? undefined : definition?.default;
  const keys = rebuiltKeys(ctx, op.table, op.column, tmp, op.type.name);
  if (ctx.framework === "django") djangoUniqueKey(op, tmp, keys);
  const notNull = (definition?.notNull || keys.inPrimaryKey) && !ctx.migration.up.some((o) => o.kind === "drop_not_null" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const [t, c, n] = [ident(op.table), ident(op.column), ident(tmp)];
  const base = op.table.split(".").pop() ?? op.table;
  // Without USING, ALTER TYPE converts as an assignment does, which raises on a value that does not fit (varchar(n),
  // char(n), bit(n), an integer out of range); an explicit cast (c::varchar(63)) would cut it silently instead. So the
  // trigger and the fill assign the old column to the new one, and only the test of rows still to do casts.
  const converted = op.using ? `(${op.using})` : `${c}::${op.type.text}`;
  const assigned = op.using ? converted : c;
  // the trigger reads the row through a subquery named like the table, so the USING reads NEW as written (col or table.col)
  const convertNew = op.using ? `(SELECT ${converted} FROM (SELECT NEW.*) AS ${ident(base)})` : `NEW.${c}`;
  const check = derivedName(op.table, [tmp], "not_null");
  const sync = { table: op.table, from: op.column, to: tmp, convert: convertNew, postgresVersion: ctx.postgresVersion };
  return {
    tmp,
    add: `ALTER TABLE ${t} ADD COLUMN ${n} ${op.type.text};`,
    sync: columnSyncSql(sync),
    check: notNull ? `ALTER TABLE ${t} ADD CONSTRAINT ${ident(check)} CHECK (${n} IS NOT NULL) NOT VALID;` : undefined,
    fill: { table: op.table, assignments: `${n} = ${assigned}`, pending: `${n} IS DISTINCT FROM ${converted}` },
    swap: [
      ...(notNull ? [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};`, `ALTER TABLE ${t} ALTER COLUMN ${n} SET NOT NULL;`, `ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`] : []),
      ...dropColumnSyncSql(sync).split("\n"),
      ...keys.beforeDrop,
      `ALTER TABLE ${t} DROP COLUMN ${c};`,
      `ALTER TABLE ${t} RENAME COLUMN ${n} TO ${c};`,
      ...keys.afterRename,
      // Django keeps no default in the database (its defaults are Python's); a serial's default is its sequence's, moved above
      ...(previousDefault && ctx.framework !== "django" && !definition?.serial ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT (${previousDefault.expr})::${op.type.text};`] : []),
    ],
    keys,
  };
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

const SWAP_NOTE = "the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail: create it again over the new one in the same step";

/** The comment lines of what the history does not tell, in the language's comment. */
const unknownLines = (keys: RebuiltKeys, comment: string) => keys.unknown.map((u) => `${comment} ${u}`);

/**
 * The steps around the swap: each index over the new column built CONCURRENTLY before it (one file each where the
 * runner sends a file as one query, since CONCURRENTLY cannot run in the transaction a multi-statement query is),
 * and after it the validation of the keys added back NOT VALID.
 */
function keySteps(ctx: RuleContext, op: AlterColumnType, keys: RebuiltKeys, wrap: (sql: string) => string, validateDown?: readonly string[]): { indexes: MigrationStep[]; validate: MigrationStep[] } {
  const onePerFile = ctx.framework === "sql" && (ctx.migration.layout === "golang-migrate" || ctx.migration.layout === "prisma");
  const groups = onePerFile ? keys.indexes.map((i) => [i]) : keys.indexes.length ? [keys.indexes] : [];
  return {
    indexes: groups.map((group, i) => ({ name: `index ${op.table} ${op.column}_new${groups.length > 1 ? ` ${i + 1}` : ""}`, noTransaction: true, statements: group.map(wrap), ...(validateDown ? { down: validateDown } : {}) })),
    validate: keys.validate.length ? [{ name: `validate ${op.table} ${op.column} keys`, statements: keys.validate.map(wrap), ...(validateDown ? { down: validateDown } : {}) }] : [],
  };
}

function sqlSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const around = keySteps(ctx, op, s.keys, (sql) => sql);
  return {
    inPlace: [`-- ${s.tmp} of the new type beside ${op.column}, kept converted by a trigger while the code writes ${op.column}:`, s.add, s.sync, ...(s.check ? [s.check] : [])].join("\n"),
    steps: [
      { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [sqlBatchedFill(s.fill, ctx.migration.layout, ctx.postgresVersion)] },
      ...around.indexes,
      { name: `swap ${op.table} ${op.column}`, statements: [`-- ${SWAP_NOTE}`, ...unknownLines(s.keys, "--"), ...s.swap] },
      ...around.validate,
    ],
  };
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? `${by}${l}` : l)).join("\n");
const rubyExecute = (sql: string) => `execute ${rubyString(sql)}`;

function railsSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const around = keySteps(ctx, op, s.keys, rubyExecute, ["# nothing to undo before the swap's own down"]);
  const up = [s.sync, ...(s.check ? [s.check] : [])].join("\n");
  return {
    inPlace: [
      `# ${s.tmp} of the new type beside ${op.column}, kept converted by a trigger while the code writes ${op.column}:`,
      `add_column ${sym(op.table)}, ${sym(s.tmp)}, ${railsType(op.type)}`,
      `reversible do |dir|`,
      `  dir.up do`,
      indent(rubyExecute(up), "    "),
      `  end`,
      `  dir.down do`,
      indent(rubyExecute(dropColumnSyncSql({ table: op.table, to: s.tmp })), "    "),
      `  end`,
      `end`,
    ].join("\n"),
    steps: [
      { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [railsBatchedFill(s.fill)], down: ["# nothing to undo: the converted values stay"] },
      ...around.indexes,
      {
        name: `swap ${op.table} ${op.column}`,
        statements: [`# ${SWAP_NOTE}`, ...unknownLines(s.keys, "#"), rubyExecute(s.swap.join("\n"))],
        down: [`raise ActiveRecord::IrreversibleMigration, ${rubyString(`the ${op.column} of the old type was dropped`)}`],
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

function alembicSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const around = keySteps(ctx, op, s.keys, pythonExecute);
  const type = saType(op.type);
  const t = alembicTable(op.table);
  const add = type ? `op.add_column(${t.name}, sa.Column(${pythonString(s.tmp)}, ${type}, nullable=True)${t.schema})` : pythonExecute(s.add.replace(/;$/, ""));
  return {
    inPlace: [...missingImports(ctx, add), `# "${s.tmp}" of the new type beside "${op.column}", kept converted by a trigger while the code writes "${op.column}":`, add, pythonExecute(s.sync), ...(s.check ? [pythonExecute(s.check)] : [])].join("\n"),
    steps: [
      { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [alembicBatchedFill(s.fill)] },
      ...around.indexes,
      { name: `swap ${op.table} ${op.column}`, statements: [`# ${SWAP_NOTE}`, ...unknownLines(s.keys, "#"), pythonExecute(s.swap.join("\n"))] },
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
  return withKeyword(loose, "null", "True");
}

/**
 * Django: the new field added beside the old one (nullable until the swap), the trigger in RunSQL; the fill in
 * RunPython; the swap as SQL with the state moved by RemoveField and RenameField, so models.py keeps its one field.
 */
function djangoSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? op.column;
  const def = op.ormFieldDef ? newFieldDef(op.ormFieldDef) : undefined;
  const fn = `fill_${op.table.split(".").pop()}_${s.tmp}`.replace(/[^a-zA-Z0-9_]/g, "_");
  const runSql = (sql: string, reverse?: string) => `migrations.RunSQL(\n    ${pythonString(sql).replace(/\n/g, "\n    ")},\n    reverse_sql=${reverse ? pythonString(reverse) : "migrations.RunSQL.noop"},\n),`;
  const addField = def
    ? `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(`${field}_new`)}, field=${def}),`
    : runSql(s.add.replace(/;$/, ""), `ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(s.tmp)}`);
  const sync = [s.sync, ...(s.check ? [s.check] : [])].join("\n");
  const around = keySteps(ctx, op, s.keys, (sql) => runSql(sql.replace(/;$/, "")));
  const stateOnly = def
    ? [
        `migrations.SeparateDatabaseAndState(`,
        `    state_operations=[`,
        `        migrations.RemoveField(model_name=${pythonString(model)}, name=${pythonString(field)}),`,
        `        migrations.RenameField(model_name=${pythonString(model)}, old_name=${pythonString(`${field}_new`)}, new_name=${pythonString(field)}),`,
        `        migrations.AlterField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${op.ormFieldDef!.trim().replace(/\n/g, "\n        ")}),`,
        `    ],`,
        `),`,
      ]
    : [];
  const steps: MigrationStep[] = [
    {
      name: `fill ${op.table} ${s.tmp}`,
      noTransaction: true,
      definitions: [djangoBatchedFillFunction(fn, s.fill)],
      statements: [`migrations.RunPython(${fn}, migrations.RunPython.noop),`],
    },
    ...around.indexes,
    { name: `swap ${op.table} ${op.column}`, definitions: stateOnly.length ? carriedStatement(ctx.migration, op).definitions : [], statements: [...unknownLines(s.keys, "#"), runSql([`-- ${SWAP_NOTE}`, ...s.swap].join("\n")), ...(stateOnly.length ? [stateOnly.join("\n")] : [])] },
    ...around.validate,
  ];
  return {
    inPlace: [`# ${field}_new of the new type beside ${field}, kept converted by a trigger while the code writes ${field}:`, addField, runSql(sync, dropColumnSyncSql({ table: op.table, to: s.tmp }))].join("\n"),
    steps,
  };
}

export function swapSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  switch (ctx.framework) {
    case "sql":
      return sqlSteps(ctx, op);
    case "rails":
      return railsSteps(ctx, op);
    case "alembic":
      return alembicSteps(ctx, op);
    case "django":
      return djangoSteps(ctx, op);
  }
}
