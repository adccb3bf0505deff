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
import { pythonString, rubyString } from "../support/embed-sql.js";
import { saType } from "../support/column-code.js";
import { withKeyword } from "../support/python-call.js";
import { alembicBatchedFill, djangoBatchedFillFunction, railsBatchedFill, sqlBatchedFill, type BatchedFill } from "../support/batched-fill.js";
import { columnSyncSql, dropColumnSyncSql } from "../support/column-sync.js";
import { railsType } from "../support/rails-fix.js";

type AlterColumnType = OperationOf<"alter_column_type">;

interface SwapSql {
  tmp: string;
  add: string;
  sync: string;
  check?: string;
  fill: BatchedFill;
  /** VALIDATE / SET NOT NULL / DROP CONSTRAINT, the trigger dropped, DROP COLUMN, RENAME, the default */
  swap: string[];
}

function swapSql(ctx: RuleContext, op: AlterColumnType): SwapSql {
  const tmp = `${op.column}_new`;
  const definition = ctx.repository.columnDefinition(op.table, op.column);
  // the earlier migrations' default, unless this migration sets or drops it itself (then that is what the column keeps)
  const ownDefault = ctx.migration.up.some((o) => (o.kind === "set_default" || o.kind === "drop_default") && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const previousDefault = ownDefault ? undefined : definition?.default;
  const notNull = definition?.notNull && !ctx.migration.up.some((o) => o.kind === "drop_not_null" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const [t, c, n] = [ident(op.table), ident(op.column), ident(tmp)];
  const base = op.table.split(".").pop() ?? op.table;
  const converted = op.using ? `(${op.using})` : `${c}::${op.type.text}`;
  // the trigger reads the row through a subquery named like the table, so the USING reads NEW as written (col or table.col)
  const convertNew = `(SELECT ${converted} FROM (SELECT NEW.*) AS ${ident(base)})`;
  const check = derivedName(op.table, [tmp], "not_null");
  const sync = { table: op.table, from: op.column, to: tmp, convert: convertNew, postgresVersion: ctx.postgresVersion };
  return {
    tmp,
    add: `ALTER TABLE ${t} ADD COLUMN ${n} ${op.type.text};`,
    sync: columnSyncSql(sync),
    check: notNull ? `ALTER TABLE ${t} ADD CONSTRAINT ${ident(check)} CHECK (${n} IS NOT NULL) NOT VALID;` : undefined,
    fill: { table: op.table, assignments: `${n} = ${converted}`, pending: `${n} IS DISTINCT FROM ${converted}` },
    swap: [
      ...(notNull ? [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};`, `ALTER TABLE ${t} ALTER COLUMN ${n} SET NOT NULL;`, `ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`] : []),
      ...dropColumnSyncSql(sync).split("\n"),
      `ALTER TABLE ${t} DROP COLUMN ${c};`,
      `ALTER TABLE ${t} RENAME COLUMN ${n} TO ${c};`,
      // Django keeps no default in the database (its defaults are Python's)
      ...(previousDefault && ctx.framework !== "django" ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT (${previousDefault.expr})::${op.type.text};`] : []),
    ],
  };
}

const SWAP_NOTE = "the swap: short locks, no rewrite; indexes and views on the old column are dropped with it: build them on the new one first";

function sqlSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  return {
    inPlace: [`-- ${s.tmp} of the new type beside ${op.column}, kept converted by a trigger while the code writes ${op.column}:`, s.add, s.sync, ...(s.check ? [s.check] : [])].join("\n"),
    steps: [
      { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [sqlBatchedFill(s.fill, ctx.migration.layout, ctx.postgresVersion)] },
      { name: `swap ${op.table} ${op.column}`, statements: [`-- ${SWAP_NOTE}`, ...s.swap] },
    ],
  };
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? `${by}${l}` : l)).join("\n");
const rubyExecute = (sql: string) => `execute ${rubyString(sql)}`;

function railsSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
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
      {
        name: `swap ${op.table} ${op.column}`,
        statements: [`# ${SWAP_NOTE}`, rubyExecute(s.swap.join("\n"))],
        down: [`raise ActiveRecord::IrreversibleMigration, ${rubyString(`the ${op.column} of the old type was dropped`)}`],
      },
    ],
  };
}

const pythonExecute = (sql: string) => `op.execute(${pythonString(sql)})`;

function alembicSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const type = saType(op.type);
  const add = type ? `op.add_column(${pythonString(op.table)}, sa.Column(${pythonString(s.tmp)}, ${type}, nullable=True))` : pythonExecute(s.add.replace(/;$/, ""));
  return {
    inPlace: [`# "${s.tmp}" of the new type beside "${op.column}", kept converted by a trigger while the code writes "${op.column}":`, add, pythonExecute(s.sync), ...(s.check ? [pythonExecute(s.check)] : [])].join("\n"),
    steps: [
      { name: `fill ${op.table} ${s.tmp}`, noTransaction: true, statements: [alembicBatchedFill(s.fill)] },
      { name: `swap ${op.table} ${op.column}`, statements: [`# ${SWAP_NOTE}`, pythonExecute(s.swap.join("\n"))] },
    ],
  };
}

/**
 * Django: the new field added beside the old one (nullable until the swap), the trigger in RunSQL; the fill in
 * RunPython; the swap as SQL with the state moved by RemoveField and RenameField, so models.py keeps its one field.
 */
function djangoSteps(ctx: RuleContext, op: AlterColumnType): FixSteps {
  const s = swapSql(ctx, op);
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? op.column;
  const def = op.ormFieldDef ? withKeyword(op.ormFieldDef, "null", "True") : undefined;
  const fn = `fill_${op.table.split(".").pop()}_${s.tmp}`.replace(/[^a-zA-Z0-9_]/g, "_");
  const runSql = (sql: string, reverse?: string) => `migrations.RunSQL(\n    ${pythonString(sql).replace(/\n/g, "\n    ")},\n    reverse_sql=${reverse ? pythonString(reverse) : "migrations.RunSQL.noop"},\n),`;
  const addField = def
    ? `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(`${field}_new`)}, field=${def}),`
    : runSql(s.add.replace(/;$/, ""), `ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(s.tmp)}`);
  const sync = [s.sync, ...(s.check ? [s.check] : [])].join("\n");
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
    { name: `swap ${op.table} ${op.column}`, definitions: stateOnly.length ? carriedStatement(ctx.migration, op).definitions : [], statements: [runSql([`-- ${SWAP_NOTE}`, ...s.swap].join("\n")), ...(stateOnly.length ? [stateOnly.join("\n")] : [])] },
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
