/**
 * The fix of a NOT NULL column that would get a constant default, on a PostgreSQL before 11: there ADD COLUMN ...
 * DEFAULT writes the value into every existing row (a rewrite under ACCESS EXCLUSIVE), so the column is added
 * nullable, new rows get the default through a SET DEFAULT of its own (which touches no row), the existing rows are
 * filled in batches in a migration of their own (outside a transaction), and NOT NULL comes last. The batches are
 * batched-fill.ts's, which writes the form the version runs.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { CONSTANT_DEFAULT_REWRITES } from "../support/volatile-fill.js";
import { renderFix, type FixSteps, type MigrationStep } from "../support/fix-steps.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import { columnAtHead } from "../support/column-at-head.js";
import { alembicBatchedFill, djangoBatchedFillFunction, fillRunnerOf, railsBatchedFill, sqlBatchedFill, sqlFillUnderRunnerTransaction, type BatchedFill } from "../support/batched-fill.js";
import { sqlNotNullSteps } from "../support/sql-not-null-steps.js";
import { derivedName, ident, sym } from "../support/fix.js";
import { railsType } from "../support/rails-fix.js";
import { addCheckNotValid, removeCheck, validateCheck } from "../support/rails-constraint-code.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { calleeOf, withKeyword, withoutKeyword } from "../support/python-call.js";
import { reindented } from "../support/data-code.js";
import { saType, sqlalchemy2 } from "../support/column-code.js";

type AddColumn = OperationOf<"add_column">;

/** The one comment line that says why the fix adds no default with the column. */
const why = (comment: "--" | "#") =>
  `${comment} ${CONSTANT_DEFAULT_REWRITES} (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:`;

/** The fill and the NOT NULL go where the column is at the head of the history (a later rename), none when it is gone there. */
function atHead(ctx: RuleContext, op: AddColumn) {
  const head = columnAtHead(ctx, op.table, op.column.name, ctx.migration.up.indexOf(op));
  return { head, names: "gone" in head ? { table: op.table, column: op.column.name } : head };
}

/** Every existing row, still NULL, given `sqlValue`. */
const fillOf = (table: string, column: string, sqlValue: string): BatchedFill => ({ table, assignments: `${ident(column)} = ${sqlValue}`, pending: `${ident(column)} IS NULL` });

const stepName = (table: string, column: string, what: string) => `${what ? `${what} ` : ""}${table.split(".").pop()} ${column}`;

/** SQL: the migrations after the column's: its rows filled in batches, then NOT NULL; none when a later migration drops it. */
export function sqlFillThenNotNull(ctx: RuleContext, op: AddColumn, sqlValue: string): MigrationStep[] {
  const { head, names } = atHead(ctx, op);
  if ("gone" in head) return [];
  const fill = fillOf(names.table, names.column, sqlValue);
  return [
    {
      name: stepName(names.table, names.column, "fill"),
      noTransaction: true,
      statements: [sqlBatchedFill(fill, fillRunnerOf(ctx.migration), ctx.postgresVersion)],
      underRunnerTransaction: (runner) => sqlFillUnderRunnerTransaction(fill, runner),
    },
    { name: stepName(names.table, names.column, "") + " not null", statements: sqlNotNullSteps(names.table, names.column) },
  ];
}

/** SQL: `note` says when the value is a stand-in. */
export function sqlWithoutFastDefault(ctx: RuleContext, op: AddColumn, sqlValue: string, note: string | undefined): string {
  const c = op.column;
  const t = ident(op.table);
  const { head } = atHead(ctx, op);
  const fix: FixSteps = {
    inPlace: [
      why("--"),
      `ALTER TABLE ${t} ADD COLUMN ${ident(c.name)} ${c.type?.text ?? "text"};`,
      `ALTER TABLE ${t} ALTER COLUMN ${ident(c.name)} SET DEFAULT ${sqlValue};  -- new rows only: it touches no existing row`,
      ...(note ? [note] : []),
      `-- keep the default until every running version of the code sets ${c.name}`,
    ].join("\n"),
    steps: sqlFillThenNotNull(ctx, op, sqlValue),
  };
  return renderFix(ctx, withoutGoneFollowUp(fix, head, ctx.framework, "fills it or sets it NOT NULL"));
}

/** Rails: `rubyValue` is the default as add_column's `default:` takes it. */
export function railsWithoutFastDefault(ctx: RuleContext, op: AddColumn, rubyValue: string, sqlValue: string, note: string | undefined): string {
  const c = op.column;
  const { head, names } = atHead(ctx, op);
  const check = derivedName(names.table, [names.column], "not_null");
  const fix: FixSteps = {
    inPlace: [
      why("#"),
      `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}`,
      `change_column_default ${sym(op.table)}, ${sym(c.name)}, from: nil, to: ${rubyValue}  # new rows only: it touches no existing row`,
      ...(note ? [note] : []),
    ].join("\n"),
    steps: [
      { name: stepName(names.table, names.column, "fill"), noTransaction: true, statements: [railsBatchedFill(fillOf(names.table, names.column, sqlValue))], down: ["# nothing to undo: the filled values stay"] },
      {
        name: stepName(names.table, names.column, "") + " not null",
        statements: [
          `# once every running version of the code sets ${names.column}`,
          addCheckNotValid(ctx.migration, names.table, `${names.column} IS NOT NULL`, check),
          validateCheck(ctx.migration, names.table, check),
          `change_column_null ${sym(names.table)}, ${sym(names.column)}, false`,
          removeCheck(ctx.migration, names.table, check),
        ],
        down: [`change_column_null ${sym(names.table)}, ${sym(names.column)}, true`],
      },
    ],
  };
  return renderFix(ctx, withoutGoneFollowUp(fix, head, ctx.framework, "fills it or sets it NOT NULL"));
}

/** Alembic: `server` is the default as server_default= takes it. */
export function alembicWithoutFastDefault(ctx: RuleContext, op: AddColumn, server: string, sqlValue: string, note: string | undefined): string {
  const c = op.column;
  const isColumn = (callee: string) => /(?:^|\.)Column$/.test(callee);
  // the revision's own call, every other argument kept, with no server_default and nullable=True
  const own = /(?:^|\.)add_column$/.test(calleeOf(op.text) ?? "") ? reindented(op.text.trim()) : undefined;
  const withoutDefault = own && (withoutKeyword(own, "server_default", isColumn) ?? own);
  const nullable = withoutDefault && withKeyword(withoutDefault, "nullable", "True", isColumn);
  const type = c.type && saType(c.type, sqlalchemy2(ctx.repository));
  const table = alembicTable(op.table);
  const add = nullable ?? `op.add_column(${table.name}, sa.Column(${pythonString(c.name)}, ${type ?? "sa.Text()"}, nullable=True)${table.schema})${type ? "" : "  # migguard does not know the type: use yours"}`;
  const { head, names } = atHead(ctx, op);
  const at = alembicTable(names.table);
  const fix: FixSteps = {
    inPlace: [why("#"), add, `op.alter_column(${table.name}, ${pythonString(c.name)}, server_default=${server}${table.schema})  # new rows only: it touches no existing row`, ...(note ? [note] : [])].join("\n"),
    steps: [
      { name: stepName(names.table, names.column, "fill"), noTransaction: true, statements: [alembicBatchedFill(fillOf(names.table, names.column, sqlValue))], down: ["# nothing to undo: the filled values stay"] },
      {
        name: stepName(names.table, names.column, "") + " not null",
        statements: [`# deploy once every running version of the code writes ${names.column}`, `op.alter_column(${at.name}, ${pythonString(names.column)}, nullable=False${at.schema})`],
        down: [`op.alter_column(${at.name}, ${pythonString(names.column)}, nullable=True${at.schema})`],
      },
    ],
  };
  return renderFix(ctx, withoutGoneFollowUp(fix, head, ctx.framework, "fills it or sets it NOT NULL"));
}

/**
 * Django: AddField writes its default= (and db_default=) into every existing row, so the field is added null=True
 * without them, the database default comes from a RunSQL of its own, and the AlterField as the migration wrote the
 * field (NOT NULL) comes once the rows are filled.
 */
export function djangoWithoutFastDefault(ctx: RuleContext, op: AddColumn, fieldDef: string, sqlValue: string, note: string | undefined): string {
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? op.column.name;
  const def = reindented(fieldDef.trim());
  const bare = ["default", "db_default"].reduce((d, k) => withoutKeyword(d, k) ?? d, def);
  const named = `model_name=${pythonString(model)}, name=${pythonString(field)}`;
  const t = ident(op.table);
  const col = ident(op.column.name);
  const { head, names } = atHead(ctx, op);
  const fn = `fill_${names.table.split(".").pop()}_${names.column}`.replace(/\W/g, "_");
  const fix: FixSteps = {
    inPlace: [
      why("#"),
      `migrations.AddField(${named}, field=${withKeyword(bare, "null", "True")}),`,
      `# new rows only: it touches no existing row`,
      `migrations.RunSQL(`,
      `    ${pythonString(`ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${sqlValue}`)},`,
      `    reverse_sql=${pythonString(`ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`)},`,
      `),`,
      ...(note ? [note] : []),
    ].join("\n"),
    steps: [
      { name: stepName(names.table, names.column, "fill"), noTransaction: true, definitions: [djangoBatchedFillFunction(fn, fillOf(names.table, names.column, sqlValue))], statements: [`migrations.RunPython(${fn}, migrations.RunPython.noop),`] },
      { name: stepName(names.table, names.column, "") + " not null", statements: [`# deploy once every running version of the code writes ${field}\nmigrations.AlterField(${named}, field=${def}),`] },
    ] satisfies MigrationStep[],
  };
  return renderFix(ctx, withoutGoneFollowUp(fix, head, ctx.framework, "fills it or sets it NOT NULL"));
}
